#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nvo.ko unloads while devices exist and traffic flows (its rtnl link ops
# delete the devices), and works again once reloaded. Runs last; every case
# leaves the module loaded.
#
#   vm1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2 -- vm2
#          (VNI 100)                               (VNI 100)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_module() {
	[ -d /sys/module/nvo ] || insmod "$NVO_KO"
}

setup() {
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
}

unload() {
	local out
	out=$(timeout 60 rmmod nvo 2>&1) || fail "rmmod nvo failed: $out"
	[ ! -d /sys/module/nvo ] || fail "nvo is still loaded after rmmod"
}

rmmod_idle() {
	defer ensure_module
	ensure_module
	unload
	insmod "$NVO_KO"
}

rmmod_under_load() {
	local out
	defer ensure_module
	ensure_module
	setup
	assert_ping vm1 10.0.0.2
	iperf_server vm2
	bg vm1 iperf3 -c 10.0.0.2 -t 60 >/dev/null 2>&1
	sleep 2
	unload
	! ip -n "$(ns hv1)" link show nvo0 >/dev/null 2>&1 || fail "nvo0 still exists in hv1"
	! ip -n "$(ns hv2)" link show nvo0 >/dev/null 2>&1 || fail "nvo0 still exists in hv2"
	# The ports are plain veths again.
	out=$(ip -n "$(ns hv1)" -d link show v-vm1)
	assert_not_contains "$out" master "v-vm1 after rmmod"
	insmod "$NVO_KO"
}

reload_works() {
	ensure_module
	setup
	assert_ping vm1 10.0.0.2
	assert_tcp vm2 vm1 10.0.0.2
}

ktap_plan 3
run_case rmmod_idle rmmod_idle
run_case rmmod_under_load rmmod_under_load
run_case reload_works reload_works
ktap_finish
