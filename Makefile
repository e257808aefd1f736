# SPDX-License-Identifier: GPL-2.0
#
# make            build kmod/nvo.ko, lib/libnvo.{a,so} and tools/nvctl/nvctl
# make check      install what is missing, build, run selftests/ in a VM
# make check-debug  the same on a KASAN + lockdep + kmemleak kernel
# make demo       the same VM, a narrated two-hypervisor, two-tenant run
# make bench      performance side by side with Linux's own datapaths
# make clean      remove every build product

KVER	?= $(shell ls /usr/src | sed -n 's/^linux-headers-\(.*-amd64\)$$/\1/p' | sort -V | tail -n 1)
KDIR	?= /usr/src/linux-headers-$(KVER)

.PHONY: all kmod lib tools check check-debug demo bench clean

all: kmod lib tools

kmod:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

lib:
	$(MAKE) -C lib

tools: lib
	$(MAKE) -C tools/nvctl

check:
	scripts/check.sh

check-debug:
	scripts/check-debug.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C lib clean
	$(MAKE) -C tools/nvctl clean
	rm -rf .debug-build
