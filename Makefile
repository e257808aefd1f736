# SPDX-License-Identifier: GPL-2.0
#
# make            build kmod/nvo.ko, lib/libnvo.{a,so}, tools/nvctl/nvctl and
#                 selftests/fuzz/nlfuzz
# make check      install what is missing, build, run selftests/ in a VM
# make check-debug  the same on a KASAN + lockdep + kmemleak kernel
# make fuzz       the fuzzers of selftests/85-fuzz.sh in a VM, with large counts
# make demo       the same VM, a narrated two-hypervisor, two-tenant run
# make bench      performance side by side with Linux's own datapaths
# make clean      remove every build product

KVER	?= $(shell ls /usr/src | sed -n 's/^linux-headers-\(.*-amd64\)$$/\1/p' | sort -V | tail -n 1)
KDIR	?= /usr/src/linux-headers-$(KVER)

.PHONY: all kmod lib tools selftests check check-debug fuzz demo bench clean

all: kmod lib tools selftests

kmod:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

lib:
	$(MAKE) -C lib

tools: lib
	$(MAKE) -C tools/nvctl

# What the tests run in the VM and that needs compiling.
selftests:
	$(MAKE) -C selftests/fuzz

check:
	scripts/check.sh

check-debug:
	scripts/check-debug.sh

fuzz:
	scripts/fuzz.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C lib clean
	$(MAKE) -C tools/nvctl clean
	$(MAKE) -C selftests/fuzz clean
	rm -rf .debug-build
