#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh [options] -- CMD [ARG...]
#
# Boots a throwaway QEMU VM (TCG: the host kernel cannot load modules and
# nested KVM hangs), runs CMD once in it as root, and exits with CMD's status.
# The VM sees the host's root filesystem read-only over 9p, so every path of
# the host (this repository included) is the same inside; /tmp, /run and
# /var/tmp are fresh tmpfs. A writable job directory is shared as $NVO_JOB.
#
# Options:
#   --kernel PATH       bzImage to boot (default: the newest /boot/vmlinuz-*-amd64
#                       that has matching /usr/src/linux-headers-*)
#   --modules-dir DIR   module tree for that kernel: a directory holding
#                       <release>/ (like /lib/modules) or <release>/ itself;
#                       bind-mounted over /lib/modules in the VM
#   --timeout S         hard cap on the whole VM run (default 2400)
#   --job DIR           job directory (default: a new one under $NVO_VM_DIR/jobs)
#   --mem MB, --smp N   VM size (default 2048, 2)
#   --append ARGS       extra kernel command line
#
# Environment variables named NVO_* (and CI, V) are passed to CMD.
# IPv6 is off in new network namespaces (ipv6.disable_ipv6=1) unless
# NVO_VM_IPV6=1. Other settings: NVO_VM_DIR (job directories and initramfs
# cache, default /var/tmp/nvo-vm), NVO_VM_TIMEOUT, NVO_VM_MEM, NVO_VM_SMP,
# NVO_VM_CPU (QEMU -cpu), NVO_VM_MONITOR (a Unix socket path for QEMU's
# human monitor, e.g. for scripts/bench/tcgprof.py), NVO_VM_9P_CACHE
# (cache mode of the read-only root, default loose; "none" to disable).
# The guest keeps time with the TSC (tsc=reliable; see below).
# Files in the job directory afterwards: console.log (everything the VM
# printed), status (CMD's exit status), dmesg, cmd.sh.
set -u

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
VM_DIR=${NVO_VM_DIR:-/var/tmp/nvo-vm}

kernel='' moddir='' timeout=${NVO_VM_TIMEOUT:-2400} job='' mem=${NVO_VM_MEM:-2048}
smp=${NVO_VM_SMP:-2} append=''

usage() {
	awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$SELF" >&2
	exit "${1:-2}"
}
die() { echo "vm-run: $*" >&2; exit 125; }

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=${2:?}; shift 2 ;;
	--modules-dir) moddir=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--job) job=${2:?}; shift 2 ;;
	--mem) mem=${2:?}; shift 2 ;;
	--smp) smp=${2:?}; shift 2 ;;
	--append) append=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	*) usage ;;
	esac
done
[ $# -gt 0 ] || usage

for t in qemu-system-x86_64 busybox cpio gzip modprobe; do
	command -v "$t" >/dev/null || die "$t not found: run scripts/install-deps.sh"
done
# Debian's busybox is dynamically linked; only busybox-static can run alone
# in an initramfs.
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || die "$BUSYBOX not found (package busybox-static)"
if ldd "$BUSYBOX" >/dev/null 2>&1; then
	die "$BUSYBOX is dynamically linked: install busybox-static"
fi

# The release string of a bzImage: the x86 boot header points at it.
bzimage_release() {
	local off
	off=$(od -An -tu2 -j $((0x20e)) -N2 "$1" | tr -d ' ')
	[ -n "$off" ] || return 1
	dd if="$1" bs=1 skip=$((off + 0x200)) count=128 status=none |
		tr '\0' '\n' | head -n1 | cut -d' ' -f1
}

if [ -z "$kernel" ]; then
	# The kernel we boot must be the one nvo.ko was built against, and the
	# Makefile builds against the newest installed headers.
	kver=
	# shellcheck disable=SC2012 # kernel file names are tame
	for k in $(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|^/boot/vmlinuz-||' | sort -rV); do
		if [ -d "/usr/src/linux-headers-$k" ]; then kver=$k; break; fi
	done
	[ -n "$kver" ] || die "no /boot/vmlinuz-*-amd64 with matching /usr/src/linux-headers-*: run scripts/install-deps.sh"
	kernel=/boot/vmlinuz-$kver
else
	[ -r "$kernel" ] || die "cannot read kernel $kernel"
	kernel=$(readlink -f "$kernel")
	kver=$(bzimage_release "$kernel") || die "cannot read the release of $kernel"
fi

if [ -z "$moddir" ]; then
	modroot=/lib/modules
elif [ -d "$moddir/$kver" ]; then
	modroot=$(readlink -f "$moddir")
elif [ -e "$moddir/modules.dep" ] && [ "$(basename "$(readlink -f "$moddir")")" = "$kver" ]; then
	modroot=$(dirname "$(readlink -f "$moddir")")
else
	die "--modules-dir $moddir has no $kver/ (the kernel's release)"
fi
[ -d "$modroot/$kver" ] || echo "vm-run: warning: no modules for $kver in $modroot" >&2

mkdir -p "$VM_DIR/jobs" || die "cannot create $VM_DIR"
if [ -z "$job" ]; then
	# Keep the last few job directories for post-mortems, not all of them.
	# shellcheck disable=SC2012 # our own mktemp names
	ls -1dt "$VM_DIR"/jobs/job.* 2>/dev/null | tail -n +10 | xargs -r rm -rf
	job=$(mktemp -d "$VM_DIR/jobs/job.XXXXXX") || die "mktemp failed"
fi
mkdir -p "$job" || die "cannot create job directory $job"
job=$(readlink -f "$job")
rm -f "$job/status" "$job/dmesg" "$job/console.log"

# --- initramfs -------------------------------------------------------------
# Only what it takes to mount the host root over 9p. The module list comes
# from modprobe so that dependencies and their order follow the kernel's
# own modules.dep; modules built into the kernel are left out.
tmp=$(mktemp -d "$VM_DIR/build.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/lib"
ln -s "$modroot" "$tmp/root/lib/modules"
mods=()
for m in virtio_pci 9pnet_virtio 9p; do
	out=$(modprobe -d "$tmp/root" -S "$kver" --show-depends "$m" 2>&1) ||
		{ echo "vm-run: warning: modprobe --show-depends $m: $out" >&2; continue; }
	while read -r verb path _; do
		[ "$verb" = insmod ] || continue
		case " ${mods[*]} " in *" $path "*) ;; *) mods+=("$path") ;; esac
	done <<<"$out"
done

init_text=$(cat <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
fail() {
	echo "vm-init: $*" >&2
	echo o >/proc/sysrq-trigger
	sleep 30
}
for ko in $(cat /modules.list); do
	# EEXIST (already loaded) is fine; anything else shows up at mount.
	insmod "/mods/$ko" 2>/dev/null
done
mkdir -p /newroot
opts=trans=virtio,version=9p2000.L,msize=262144
mount -t 9p -o "$opts,ro${nvovm_cache:+,cache=$nvovm_cache}" root /newroot || fail "cannot mount the host root over 9p"
moddir=${nvovm_moddir:-}
# Before the tmpfs mounts: the module tree may live under /tmp on the host.
if [ -n "$moddir" ]; then
	mount --bind "/newroot$moddir" /newroot/lib/modules || fail "cannot bind $moddir"
fi
mount -t tmpfs -o mode=1777 tmpfs /newroot/tmp
mount -t tmpfs -o mode=755 tmpfs /newroot/run
mount -t tmpfs -o mode=1777 tmpfs /newroot/var/tmp
mkdir -p /newroot/run/nvo-job
mount -t 9p -o "$opts" job /newroot/run/nvo-job || fail "cannot mount the job directory"
# The repository again, in case it lives under a path the tmpfs mounts hid.
repo=$nvovm_repo
mkdir -p "/newroot$repo"
mount -t 9p -o "$opts,ro${nvovm_cache:+,cache=$nvovm_cache}" repo "/newroot$repo" || fail "cannot mount the repository"
for d in dev proc sys; do mount --move "/$d" "/newroot/$d"; done
exec switch_root /newroot /bin/bash "$repo/scripts/vm-init.sh"
EOF
)

key=$( {
	echo "$kver $modroot"
	for p in "${mods[@]}"; do stat -L -c '%n %s %Y' "$p"; done
	sha256sum "$BUSYBOX"
	echo "$init_text"
} | sha256sum | cut -c1-16)
initrd=$VM_DIR/initrd-$kver-$key.gz
if [ ! -s "$initrd" ]; then
	r=$tmp/initrd
	mkdir -p "$r/bin" "$r/mods" "$r/proc" "$r/sys" "$r/dev" "$r/newroot"
	cp "$BUSYBOX" "$r/bin/busybox"
	printf '%s\n' "$init_text" >"$r/init"
	chmod 755 "$r/init"
	: >"$r/modules.list"
	i=0
	for p in "${mods[@]}"; do
		i=$((i + 1))
		b=$(printf '%02d-%s' "$i" "$(basename "$p")")
		# busybox insmod cannot read compressed modules
		case $p in
		*.ko.xz) b=${b%.xz}; xz -dc "$p" >"$r/mods/$b" ;;
		*.ko.zst) b=${b%.zst}; zstd -qdc "$p" >"$r/mods/$b" ;;
		*.ko.gz) b=${b%.gz}; gzip -dc "$p" >"$r/mods/$b" ;;
		*) cp "$p" "$r/mods/$b" ;;
		esac || die "cannot copy $p"
		echo "$b" >>"$r/modules.list"
	done
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp/initrd.gz" ||
		die "cannot build the initramfs"
	mv "$tmp/initrd.gz" "$initrd"
fi

# --- the command -----------------------------------------------------------
{
	echo "# written by vm-run.sh, sourced by vm-init.sh inside the VM"
	printf 'cd %q || exit 125\n' "$PWD"
	while IFS= read -r v; do
		[ "$v" = NVO_JOB ] && continue
		printf 'export %s=%q\n' "$v" "${!v}"
	done < <(compgen -e | grep -E '^(NVO_[A-Za-z0-9_]*|CI|V)$')
	printf 'CMD=('
	printf ' %q' "$@"
	printf ' )\n'
} >"$job/cmd.sh"

# Plain name=value words reach init as environment variables; dotted ones
# would be taken for parameters of a module named before the dot.
# The host root is read-only and does not change during a run, so the guest
# may cache it: exec-heavy tests run about twice as fast as with cache=none.
cmdline="console=ttyS0 quiet panic=-1 oops=panic nvovm_repo=$REPO nvovm_cache=${NVO_VM_9P_CACHE:-loose}"
# The clock: the guest finds TCG's TSCs "unsynchronized" and falls back to
# the HPET, whose every read is an emulated MMIO access under QEMU's big
# lock; a host-side profile (scripts/bench/tcgprof.py) found 40 % of the
# vCPUs' busy time in read_hpet during a TCP transfer. TCG's TSC is the
# host's clock, the same for every vCPU.
cmdline="$cmdline tsc=reliable"
# Network namespaces start with IPv6 off, so that no router solicitation,
# DAD or MLD frame shows up in a test that did not send it. NVO_VM_IPV6=1
# keeps the kernel's default.
[ "${NVO_VM_IPV6:-0}" = 1 ] || cmdline="$cmdline ipv6.disable_ipv6=1"
[ "$modroot" = /lib/modules ] || cmdline="$cmdline nvovm_moddir=$modroot"
[ -z "$append" ] || cmdline="$cmdline $append"

# shellcheck disable=SC2054 # commas inside QEMU's option values
qemu=(qemu-system-x86_64 -accel tcg,thread=multi -smp "$smp" -m "$mem"
	-nodefaults -no-user-config -display none -serial stdio -no-reboot
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline"
	-virtfs local,path=/,mount_tag=root,readonly=on,multidevs=remap,security_model=none
	-virtfs "local,path=$job,mount_tag=job,security_model=none"
	-virtfs "local,path=$REPO,mount_tag=repo,readonly=on,multidevs=remap,security_model=none"
	-nic none)
[ -z "${NVO_VM_CPU:-}" ] || qemu+=(-cpu "$NVO_VM_CPU")
[ -z "${NVO_VM_MONITOR:-}" ] || qemu+=(-monitor "unix:$NVO_VM_MONITOR,server=on,wait=off")

echo "vm-run: booting $kernel ($kver), job $job" >&2
start=$(date +%s)
# --foreground: keep Ctrl-C working from a terminal (QEMU has no children
# that would need the process-group kill).
if [ -t 0 ]; then
	timeout --foreground -k 10 "$timeout" "${qemu[@]}"
else
	timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null
fi 2>&1 | sed -u 's/\r$//' | tee "$job/console.log"
qrc=${PIPESTATUS[0]}
secs=$(($(date +%s) - start))

if [ -s "$job/status" ]; then
	rc=$(cat "$job/status")
	echo "vm-run: $1 exited with status $rc (VM ran ${secs}s; logs in $job)" >&2
	exit "$rc"
fi
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	echo "vm-run: timed out after ${timeout}s, the command did not finish (logs in $job)" >&2
	exit 124
fi
echo "vm-run: the VM stopped (qemu status $qrc, after ${secs}s) without reporting the command's exit status: crash or panic? See $job/console.log" >&2
exit 125
