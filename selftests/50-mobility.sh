#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A VM moves from one hypervisor to another, keeping its IP and MAC: its
# veth moves from hv2 to hv3 (which detaches it from hv2's nvo0), becomes a
# port of hv3's nvo0, and `nvctl fdb replace` on hv1 follows it.
#
#               ul: br0 (underlay bridge)
#          /            |              \
#   hv1 10.99.0.1   hv2 10.99.0.2   hv3 10.99.0.3
#       |               |    ---move--->   |
#   vm1 10.0.0.1    vm2 10.0.0.2          (vm2)
#
# No flood list: traffic follows the FDB only, so a stale entry shows.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

setup() {
	local hv i=0
	mk_underlay
	for hv in hv1 hv2 hv3; do
		i=$((i + 1))
		mk_hv "$hv" "10.99.0.$i"
		attach_underlay "$hv" "10.99.0.$i"
		mk_nvo "$hv"
	done
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv2 100 10.0.0.2/24
	ensure_vni hv3 100
	fdb_to_vm hv1 vm2
	fdb_to_vm hv2 vm1
	fdb_to_vm hv3 vm1
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
}

# move_vm VM TO: VM's veth end goes to hypervisor TO and joins VM's VNI there.
move_vm() {
	local vm=$1 to=$2
	ip -n "$(ns "${VM_HV[$vm]}")" link set "v-$vm" netns "$(ns "$to")"
	ip -n "$(ns "$to")" link set "v-$vm" up
	port_add "$to" "v-$vm" "${VM_VNI[$vm]}"
	VM_HV["$vm"]=$to
}

fdb_replace_redirects() {
	local ports
	setup
	assert_ping vm1 10.0.0.2
	move_vm vm2 hv3
	# Assigned first: errexit ignores a failing $(...) inside arguments.
	ports=$(nv hv2 port show nvo0)
	assert_not_contains "$ports" v-vm2 "hv2's ports after the move"
	ports=$(nv hv3 port show nvo0)
	assert_contains "$ports" v-vm2 "hv3's ports after the move"
	# hv1 still sends to hv2, where vm2 is gone.
	assert_no_ping vm1 10.0.0.2
	fdb_replace hv1 100 "$(vm_mac vm2)" 10.99.0.3
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
}

# counter_above HV VNI N: HV's VNI has received more than N frames.
counter_above() {
	[ "$(vni_counter "$1" nvo0 "$2" rx_packets)" -gt "$3" ]
}

listening() { on "$1" ss -Htln "sport = :$2" | grep -q .; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# A TCP stream (socat, /dev/zero to a sink) keeps going across the move: it
# resumes through hv3 and its client never sees the connection fail. Event
# driven rather than timed, so a slow (debug) kernel only makes it longer.
tcp_survives_move() {
	local server client rx
	setup
	assert_ping vm1 10.0.0.2
	bg vm2 socat -u TCP4-LISTEN:7000,reuseaddr OPEN:/dev/null
	server=$BG_PID
	wait_until 15 listening vm2 7000 || fail "the stream's server did not start"
	bg vm1 socat -u /dev/zero TCP4:10.0.0.2:7000
	client=$BG_PID
	rx=$(vni_counter hv2 nvo0 100 rx_packets)
	wait_until 30 counter_above hv2 100 $((rx + 1000)) ||
		fail "the stream did not start through hv2"

	rx=$(vni_counter hv3 nvo0 100 rx_packets)
	move_vm vm2 hv3
	fdb_replace hv1 100 "$(vm_mac vm2)" 10.99.0.3
	wait_until 60 counter_above hv3 100 $((rx + 1000)) ||
		fail "the stream did not resume through hv3"
	! gone "$client" || fail "the stream's client ended: the connection failed"

	# A clean end: the client stops, the server sees the end of the stream.
	kill "$client"
	wait_until 30 gone "$server" || fail "the stream's server did not see the end"
	wait "$server" || fail "the stream's server failed"
}

ktap_plan 2
run_case fdb_replace_redirects fdb_replace_redirects
run_case tcp_survives_move tcp_survives_move
ktap_finish
