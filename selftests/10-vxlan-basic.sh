#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two VMs of one tenant on two hypervisors talk over nvo's VXLAN overlay.
#
#   vm1 10.0.0.1                          vm2 10.0.0.2
#    |  (port v-vm1, VNI 100)              |  (port v-vm2, VNI 100)
#   hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2
#
# Each hypervisor floods VNI 100 to the other and knows the remote VM's MAC.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

setup() {
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
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

# What goes on the wire is RFC 7348 VXLAN: UDP to 4789 between the VTEP
# addresses, I flag, VNI 100, the VM's frame inside.
wire_format() {
	local text
	setup
	assert_ping vm1 10.0.0.2
	capture_start hv2 "$(ul_dev hv2)" ul udp port "$VXLAN_PORT"
	on vm1 ping -c 3 -i 0.2 -W 2 10.0.0.2 >/dev/null
	capture_stop ul
	text=$(pcap_text ul)
	assert_contains "$text" "10.99.0.1" "outer source"
	assert_contains "$text" "10.99.0.2.$VXLAN_PORT" "outer destination"
	assert_contains "$text" "VXLAN, flags [I] (0x08), vni 100" "VXLAN header"
	assert_contains "$text" "10.0.0.1 > 10.0.0.2: ICMP echo request" "inner packet"
	assert_contains "$text" "10.0.0.2 > 10.0.0.1: ICMP echo reply" "inner packet"
	assert_contains "$text" "$(vm_mac vm1) > $(vm_mac vm2)" "inner Ethernet header"
}

# Frames of the VMs' full MTU fit the 1500-byte underlay once encapsulated.
full_mtu_frames() {
	setup
	assert_ping vm1 10.0.0.2
	on vm1 ping -c 3 -i 0.2 -w 5 -M "do" -s $((VM_MTU - 28)) 10.0.0.2 >/dev/null ||
		fail "full-MTU ($VM_MTU) pings vm1 -> vm2 got no answer"
	on vm2 ping -c 3 -i 0.2 -w 5 -M "do" -s $((VM_MTU - 28)) 10.0.0.1 >/dev/null ||
		fail "full-MTU ($VM_MTU) pings vm2 -> vm1 got no answer"
}

# Counters: a device and a VNI count encapsulated frames, a port counts
# frames from and to its VM.
# Each counter moves by at least the 10 pings sent between two readings;
# bytes by at least their 84-byte IP packets (Linux's vxlan, for one, counts
# frames without their Ethernet header).
counters() {
	local k names=() before=() i=0 now
	setup
	assert_ping vm1 10.0.0.2
	names=("vni_counter hv1 nvo0 100 tx_packets" "vni_counter hv1 nvo0 100 rx_packets"
		"vni_counter hv1 nvo0 100 tx_bytes" "vni_counter hv2 nvo0 100 rx_packets"
		"dev_counter hv1 nvo0 tx_packets" "dev_counter hv2 nvo0 rx_packets"
		"port_counter hv1 nvo0 v-vm1 rx_packets" "port_counter hv1 nvo0 v-vm1 tx_packets"
		"port_counter hv2 nvo0 v-vm2 tx_packets")
	for k in "${names[@]}"; do
		before+=("$($k)")
	done
	on vm1 ping -c 10 -i 0.1 -w 5 10.0.0.2 >/dev/null
	for k in "${names[@]}"; do
		now=$($k)
		case $k in
		*bytes) assert_ge "$now" $((before[i] + 10 * 84)) "$k" ;;
		*) assert_ge "$now" $((before[i] + 10)) "$k" ;;
		esac
		i=$((i + 1))
	done
}

ktap_plan 5
run_case ping_both_ways ping_both_ways
run_case tcp_both_ways tcp_both_ways
run_case wire_format wire_format
run_case full_mtu_frames full_mtu_frames
run_case counters counters
ktap_finish
