#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nvo speaks the same VXLAN as Linux's own driver.
#
#   vm1 10.0.0.1                          vm2 10.0.0.2
#    |  (port, VNI 100)                    |
#   hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 vx0 (Linux vxlan id 100) + br0 hv2

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# setup [VXLAN OPTIONS...]: extra options for hv2's vxlan device.
setup() {
	local h2
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	h2=$(ns hv2)

	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24

	mk_vm_raw vm2 hv2 10.0.0.2/24
	ip -n "$h2" link add vx0 type vxlan id 100 local 10.99.0.2 dstport "$VXLAN_PORT" nolearning "$@"
	ip -n "$h2" link add br0 type bridge
	ip -n "$h2" link set vx0 master br0
	ip -n "$h2" link set v-vm2 master br0
	ip -n "$h2" link set vx0 up
	ip -n "$h2" link set br0 up
	bridge -n "$h2" fdb append 00:00:00:00:00:00 dev vx0 dst 10.99.0.1
	bridge -n "$h2" fdb add "$(vm_mac vm1)" dev vx0 dst 10.99.0.1 self permanent

	flood_add hv1 100 10.99.0.2
	fdb_add hv1 100 "$(vm_mac vm2)" 10.99.0.2
}

ping_both_ways() {
	setup
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
}

tcp_both_ways() {
	setup
	assert_tcp vm2 vm1 10.0.0.2
	assert_tcp vm1 vm2 10.0.0.1
}

# Linux sends no UDP checksum by default; with udpcsum it does, and nvo must
# take both.
tcp_linux_udpcsum() {
	setup udpcsum
	assert_ping vm2 10.0.0.1
	assert_tcp vm1 vm2 10.0.0.1
}

ktap_plan 3
run_case ping_both_ways ping_both_ways
run_case tcp_both_ways tcp_both_ways
run_case tcp_linux_udpcsum tcp_linux_udpcsum
ktap_finish
