#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs what building nvo and running its tests in a VM need, on Debian
# 12, as root. Does nothing (and no apt-get update) when everything is
# there already.
set -u

PKGS=(
	# build
	build-essential gcc make pkg-config libmnl-dev
	linux-image-amd64 linux-headers-amd64 kmod
	# the VM
	qemu-system-x86 busybox-static cpio gzip
	# the tests
	iproute2 iputils-ping procps util-linux jq socat netcat-openbsd ethtool
	iperf3 tcpdump tshark python3 python3-scapy conntrack
	# make bench compares with Open vSwitch's datapath; --perf profiles
	openvswitch-switch linux-perf
)

missing() {
	local p
	for p in "$@"; do
		[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || echo "$p"
	done
}

install() {
	echo "install-deps: installing $*" >&2
	if [ -z "${_updated:-}" ]; then
		apt-get update -qq || return 1
		_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: must run as root" >&2
	exit 1
fi

mapfile -t todo < <(missing "${PKGS[@]}")
if [ ${#todo[@]} -gt 0 ]; then
	install "${todo[@]}" || { echo "install-deps: apt-get failed" >&2; exit 1; }
fi

# The VM boots the newest installed kernel and nvo.ko is built against the
# newest headers: they must be the same release.
# shellcheck disable=SC2012 # kernel file names are tame
kver=$(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)
if [ -z "$kver" ]; then
	echo "install-deps: no /boot/vmlinuz-*-amd64 after installing linux-image-amd64" >&2
	exit 1
fi
if [ ! -d "/usr/src/linux-headers-$kver" ]; then
	install "linux-headers-$kver" || { echo "install-deps: no headers for $kver" >&2; exit 1; }
fi
exit 0
