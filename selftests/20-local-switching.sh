#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two VMs of one VNI on the same hypervisor talk without touching the
# underlay; broadcasts still reach the remote hypervisor of the flood list.
#
#   vm1 10.0.0.1   vm2 10.0.0.2
#       \            /
#        hv1 nvo0 VNI 100 ---- veth ---- hv2 nvo0 VNI 100 (flood target)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

setup() {
	two_hvs
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv1 100 10.0.0.2/24
	flood_mesh 100 hv1 hv2
}

ping_and_tcp() {
	setup
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	assert_tcp vm2 vm1 10.0.0.2
}

# Once ARP is resolved, unicast between local ports is switched locally: the
# VNI's tx counter stands still and the underlay carries no VXLAN.
unicast_stays_local() {
	local tx0 tx1 n
	setup
	assert_ping vm1 10.0.0.2
	# No ARP refresh (broadcast) may fall in the measured window.
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
	tx0=$(vni_counter hv1 nvo0 100 tx_packets)
	capture_start hv1 "$(ul_dev hv1)" ul udp port "$VXLAN_PORT"
	assert_tcp vm2 vm1 10.0.0.2 -n 10M
	on vm1 ping -c 5 -i 0.1 -w 5 10.0.0.2 >/dev/null
	capture_stop ul
	tx1=$(vni_counter hv1 nvo0 100 tx_packets)
	n=$(pcap_count ul)
	[ "$n" -eq 0 ] || pcap_show ul >&2
	assert_eq 0 "$n" "VXLAN frames on hv1's underlay during local traffic"
	assert_eq "$tx0" "$tx1" "hv1 VNI 100 tx_packets during local traffic"
}

# A broadcast reaches the other local port and, encapsulated, hv2.
broadcast_flooded() {
	local text
	setup
	capture_start vm2 eth0 vm2 arp
	capture_start hv2 "$(ul_dev hv2)" ul udp port "$VXLAN_PORT"
	# vm1's neighbour cache is empty: the ping starts with an ARP broadcast.
	on vm1 ping -c 2 -W 2 10.0.0.2 >/dev/null 2>&1 || true
	capture_stop vm2
	capture_stop ul
	assert_gt "$(pcap_count vm2 arp and ether src "$(vm_mac vm1)")" 0 "ARP requests from vm1 seen by vm2"
	text=$(pcap_text ul)
	assert_contains "$text" "vni 100" "flooded VXLAN frames seen by hv2"
	assert_contains "$text" "ff:ff:ff:ff:ff:ff" "flooded broadcast seen by hv2"
}

ktap_plan 3
run_case ping_and_tcp ping_and_tcp
run_case unicast_stays_local unicast_stays_local
run_case broadcast_flooded broadcast_flooded
ktap_finish
