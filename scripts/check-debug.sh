#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-debug: the selftests of `make check` on a KASAN + lockdep +
# kmemleak + UBSAN kernel, with panic_on_warn, and a kmemleak scan after
# the suite (selftests/run.sh does it where the kernel has kmemleak). Any
# report fails the run.
#
# The kernel: $NVO_DEBUG_KERNEL (a tarball as scripts/debug-kernel/build.sh
# makes it), else the newest ../shared/kernels/kernel-*-nvo-debug.tar.xz
# beside the checkout, else one built here (about 17 minutes). nvo.ko is
# built for it in a copy of the sources, so the tree's own kmod/nvo.ko (for
# the stock kernel) stays as it is; the copy is .debug-build/.
set -u

REPO=$(dirname "$(dirname "$(readlink -f "$0")")")
cd "$REPO" || exit 1
CACHE=${NVO_VM_DIR:-/var/tmp/nvo-vm}/debug-kernel

scripts/install-deps.sh || exit 1

tarball=${NVO_DEBUG_KERNEL:-}
if [ -z "$tarball" ]; then
	tarball=$(ls -1 "$REPO"/../shared/kernels/kernel-*-nvo-debug.tar.xz 2>/dev/null |
		  sort -V | tail -n 1)
fi
if [ -z "$tarball" ]; then
	tarball=$(ls -1 "$CACHE"/built/kernel-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$tarball" ]; then
	echo "check-debug: no prebuilt debug kernel; building one (about 17 min)"
	tarball=$(scripts/debug-kernel/build.sh "$CACHE/built" | tail -n 1) || exit 1
fi

# Unpack once per tarball.
stamp=$(stat -c '%s %Y' "$tarball")
kdir=$CACHE/unpacked
if [ "$(cat "$kdir/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$kdir" && mkdir -p "$kdir"
	tar xJf "$tarball" -C "$kdir" || exit 1
	echo "$stamp" > "$kdir/.stamp"
fi
release=$(cat "$kdir/release")

# The module for that kernel, built from a copy of the sources inside the
# tree: the VM sees the repository, but /var/tmp there is a fresh tmpfs.
src=$REPO/.debug-build
rm -rf "$src" && mkdir -p "$src"
cp -r Kbuild kmod uapi "$src"/
find "$src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
if ! make -C "$kdir/build" M="$src" modules >"$src/build.log" 2>&1; then
	cat "$src/build.log" >&2
	echo "check-debug: *** nvo.ko did not build for $release ***" >&2
	exit 2
fi
echo "check-debug: $release, module $src/kmod/nvo.ko"

export NVO_KO=$src/kmod/nvo.ko
# Under TCG a script takes 5 to 15 times as long as in make check here
# (Documentation/testing.rst, "Debug kernel"): hours, so the cap is 6 h.
export NVO_CHECK_TIMEOUT=${NVO_CHECK_TIMEOUT:-21600}
# Ten times slower networking: cases get more time, and 35-firewall's
# 19 cases take some 40 min.
export NVO_CASE_TIMEOUT=${NVO_CASE_TIMEOUT:-900}
export NVO_SCRIPT_TIMEOUT=${NVO_SCRIPT_TIMEOUT:-5400}
exec scripts/check.sh --kernel "$kdir/bzImage" \
	--modules-dir "$kdir/modules/lib/modules" --mem 3072 \
	--append "panic_on_warn=1"
