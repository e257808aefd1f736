#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR: builds the debug kernel of `make check-debug` from
# Debian's linux-source-6.1 (x86_64_defconfig + debug.config: KASAN,
# lockdep, PROVE_RCU, kmemleak, UBSAN, DEBUG_LIST, ref trackers, ...) and
# packs bzImage, its modules and an out-of-tree module build tree into
# OUTDIR/kernel-<release>.tar.xz, the layout ../shared/kernels provides.
# About 17 minutes on 2 cores. Work files go to $NVO_DEBUG_KERNEL_WORK.
set -euo pipefail

OUT=$(readlink -f "${1:?usage: build.sh OUTDIR}")
HERE=$(dirname "$(readlink -f "$0")")
W=${NVO_DEBUG_KERNEL_WORK:-/var/tmp/nvo-debug-kernel-build}
mkdir -p "$W" "$OUT"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	linux-source-6.1 bc bison flex libelf-dev libssl-dev dwarves xz-utils >/dev/null
cd "$W"
if [ ! -d linux ]; then
	tar xf /usr/src/linux-source-6.1.tar.xz
	mv linux-source-6.1 linux
fi
cd linux
make -s x86_64_defconfig
./scripts/kconfig/merge_config.sh -m .config "$HERE/debug.config" >/dev/null
make -s olddefconfig
for o in KASAN PROVE_LOCKING DEBUG_KMEMLEAK VXLAN NF_CONNTRACK VETH; do
	grep -q "^CONFIG_$o=" .config || { echo "build.sh: CONFIG_$o missing" >&2; exit 1; }
done
nice make -s -j"$(nproc)" bzImage modules
rel=$(make -s kernelrelease)

# What `make -C build M=...` needs from a kernel tree, nothing more.
rm -rf "$W/pack" && mkdir -p "$W/pack/build" "$W/pack/modules"
make -s INSTALL_MOD_PATH="$W/pack/modules" modules_install
m="$W/pack/modules/lib/modules/$rel"
rm -f "$m/build" "$m/source" && ln -s ../../../../build "$m/build"
cp arch/x86/boot/bzImage "$W/pack/bzImage"
cp .config "$W/pack/config"
tar cf - Makefile Module.symvers .config include scripts arch/x86/include \
	arch/x86/Makefile arch/x86/Makefile_32.cpu arch/x86/entry/syscalls \
	arch/x86/tools tools/include tools/objtool/objtool 2>/dev/null |
	tar xf - -C "$W/pack/build"
find "$W/pack/build/scripts" -name '*.o' -delete
echo "$rel" > "$W/pack/release"
tar cJf "$OUT/kernel-$rel.tar.xz" -C "$W/pack" .
echo "$OUT/kernel-$rel.tar.xz"
