#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two tenants with the same addresses, IP and MAC, in VNIs 100 and 200 on
# the same two hypervisors: each tenant's VMs talk to each other and never
# see a frame of the other tenant.
#
#   a1 10.0.0.1 (VNI 100)  b1 10.0.0.1 (VNI 200)   same MAC 02:00:00:00:00:01
#        \                   /
#         hv1 nvo0 ------ veth ------ hv2 nvo0
#        /                   \
#   a2 10.0.0.2 (VNI 100)  b2 10.0.0.2 (VNI 200)   same MAC 02:00:00:00:00:02

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

MAC1=02:00:00:00:00:01
MAC2=02:00:00:00:00:02

setup() {
	two_hvs
	vm_pair 100 a1 10.0.0.1/24 a2 10.0.0.2/24 "$MAC1" "$MAC2"
	vm_pair 200 b1 10.0.0.1/24 b2 10.0.0.2/24 "$MAC1" "$MAC2"
}

ping_within_tenants() {
	setup
	assert_ping a1 10.0.0.2
	assert_ping a2 10.0.0.1
	assert_ping b1 10.0.0.2
	assert_ping b2 10.0.0.1
}

# capture_all VM...: every frame each VM receives.
capture_all() {
	local vm
	for vm; do
		capture_start "$vm" eth0 "$vm"
	done
}

stop_all() {
	local vm
	for vm; do
		capture_stop "$vm"
	done
}

# expect_marker MARKER RECEIVER NON_RECEIVER...
expect_marker() {
	local m=$1 vm
	pcap_has "$2" "$m" || fail "$2 did not receive '$m'"
	shift 2
	for vm; do
		if pcap_has "$vm" "$m"; then
			pcap_show "$vm" >&2
			fail "$vm received '$m' from the other tenant"
		fi
	done
}

unicast_isolated() {
	local ma mb tx0 rx0
	setup
	# Static neighbours: no ARP (nor its later unicast probes) may cross
	# a VNI's counters while the other tenant sends.
	vm_neigh a1 a2
	vm_neigh a2 a1
	vm_neigh b1 b2
	vm_neigh b2 b1
	ma=NVO-TENANT-A-$RANDOM$RANDOM
	mb=NVO-TENANT-B-$RANDOM$RANDOM
	tx0=$(vni_counter hv1 nvo0 200 tx_packets)
	rx0=$(vni_counter hv2 nvo0 200 rx_packets)
	capture_all a1 a2 b1 b2
	udp_send a1 10.0.0.2 9999 "$ma"
	sleep 0.5
	assert_eq "$tx0" "$(vni_counter hv1 nvo0 200 tx_packets)" "hv1 VNI 200 tx_packets while tenant A sent"
	assert_eq "$rx0" "$(vni_counter hv2 nvo0 200 rx_packets)" "hv2 VNI 200 rx_packets while tenant A sent"
	udp_send b2 10.0.0.1 9999 "$mb"
	stop_all a1 a2 b1 b2
	expect_marker "$ma" a2 b1 b2
	expect_marker "$mb" b1 a1 a2
}

# Broadcasts are flooded within their VNI only, locally and remotely.
broadcast_isolated() {
	local ma mb
	setup
	ma=NVO-BCAST-A-$RANDOM$RANDOM
	mb=NVO-BCAST-B-$RANDOM$RANDOM
	capture_all a1 a2 b1 b2
	udp_send a1 10.0.0.255 9999 "$ma" broadcast
	udp_send b2 10.0.0.255 9999 "$mb" broadcast
	stop_all a1 a2 b1 b2
	expect_marker "$ma" a2 b1 b2
	expect_marker "$mb" b1 a1 a2
}

# Both tenants at once, same addresses and server port: both complete.
tcp_concurrent() {
	local pa pb
	setup
	assert_ping a1 10.0.0.2
	assert_ping b1 10.0.0.2
	iperf_server a2
	iperf_server b2
	iperf_client a1 10.0.0.2 tcp-a -n 10M &
	pa=$!
	iperf_client b1 10.0.0.2 tcp-b -n 10M &
	pb=$!
	wait "$pa" || fail "tenant A's transfer failed"
	wait "$pb" || fail "tenant B's transfer failed"
	assert_ge "$(iperf_json tcp-a .end.sum_sent.bytes)" 10485760 "tenant A bytes sent"
	assert_ge "$(iperf_json tcp-b .end.sum_sent.bytes)" 10485760 "tenant B bytes sent"
	assert_gt "$(iperf_json tcp-a .end.sum_received.bytes)" 0 "tenant A bytes received"
	assert_gt "$(iperf_json tcp-b .end.sum_received.bytes)" 0 "tenant B bytes received"
}

ktap_plan 4
run_case ping_within_tenants ping_within_tenants
run_case unicast_isolated unicast_isolated
run_case broadcast_isolated broadcast_isolated
run_case tcp_concurrent tcp_concurrent
ktap_finish
