#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test VM once vm-run.sh's initramfs has switched to the host
# root (read-only 9p). Runs the command vm-run.sh left in the job directory,
# records its exit status and the kernel log there, and powers off.
# Not meant to be run by hand.

export NVO_JOB=/run/nvo-job
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp LANG=C.UTF-8 TERM=${TERM:-dumb}
unset nvovm_repo nvovm_moddir nvovm_cache

poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	sleep 60
}

if [ $$ -ne 1 ]; then
	echo "vm-init.sh: runs as PID 1 inside the VM started by vm-run.sh" >&2
	exit 2
fi

mkdir -p /dev/pts /dev/shm
# devtmpfs lacks these; bash's process substitution needs /dev/fd.
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
# /var/run and /var/lock are symlinks into /run on Debian.
mkdir -p /run/lock /run/netns /run/user
hostname nvo-vm
ip link set lo up
# Keep lost messages out of the console noise but keep warnings visible.
echo 4 >/proc/sys/kernel/printk

rc=125
if [ -r "$NVO_JOB/cmd.sh" ]; then
	# Runs in a child so that PID 1 survives whatever the command does.
	bash -c 'source "$NVO_JOB/cmd.sh" && exec "${CMD[@]}"'
	rc=$?
else
	echo "vm-init.sh: no $NVO_JOB/cmd.sh" >&2
fi
dmesg >"$NVO_JOB/dmesg" 2>&1
echo "$rc" >"$NVO_JOB/status"
poweroff_now
