#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The flood list carries broadcasts (ARP) and unknown unicast; the FDB
# carries known unicast. Without either, frames are dropped as no_dest.
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2 -- vm2 10.0.0.2
#                   (VNI 100)                                   (VNI 100)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# setup [flood] [fdb]: the two VMs, with a flood list and/or FDB entries.
setup() {
	local a
	two_hvs
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv2 100 10.0.0.2/24
	for a; do
		case $a in
		flood) flood_mesh 100 hv1 hv2 ;;
		fdb) fdb_to_vm hv1 vm2; fdb_to_vm hv2 vm1 ;;
		esac
	done
}

# Fresh VMs know no neighbour: ARP crosses hypervisors through the flood
# list, unicast through the FDB.
arp_via_flood() {
	local neigh
	setup flood fdb
	assert_ping vm1 10.0.0.2
	neigh=$(ip -n "$(ns vm1)" neigh show 10.0.0.2)
	assert_contains "$neigh" "$(vm_mac vm2)" "vm1's neighbour entry for 10.0.0.2"
}

flood_del_stops_arp() {
	local d0
	setup flood fdb
	assert_ping vm1 10.0.0.2
	flood_del hv1 100 10.99.0.2
	flood_del hv2 100 10.99.0.1
	ip -n "$(ns vm1)" neigh flush dev eth0
	ip -n "$(ns vm2)" neigh flush dev eth0
	d0=$(drop_counter hv1 nvo0 no_dest)
	assert_no_ping vm1 10.0.0.2
	# hv1 has nowhere to send vm1's ARP broadcasts.
	assert_gt "$(drop_counter hv1 nvo0 no_dest)" "$d0" "hv1 no_dest drops"
}

# Flood list but no FDB entry: unknown unicast is flooded, so it arrives.
unknown_unicast_flooded() {
	setup flood
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
}

fdb_del_stops_unicast() {
	local d0
	setup fdb
	# No flood list: the neighbours must be known beforehand.
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
	assert_ping vm1 10.0.0.2
	fdb_del hv1 100 "$(vm_mac vm2)"
	d0=$(drop_counter hv1 nvo0 no_dest)
	assert_no_ping vm1 10.0.0.2
	assert_ge "$(drop_counter hv1 nvo0 no_dest)" $((d0 + 3)) "hv1 no_dest drops"
}

# An FDB entry may name a local port instead of a remote VTEP.
fdb_local_port() {
	two_hvs
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv1 100 10.0.0.2/24
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
	fdb_add_port hv1 100 "$(vm_mac vm2)" v-vm2
	fdb_add_port hv1 100 "$(vm_mac vm1)" v-vm1
	assert_ping vm1 10.0.0.2
}

ktap_plan 5
run_case arp_via_flood arp_via_flood
run_case flood_del_stops_arp flood_del_stops_arp
run_case unknown_unicast_flooded unknown_unicast_flooded
run_case fdb_del_stops_unicast fdb_del_stops_unicast
run_case fdb_local_port fdb_local_port
ktap_finish
