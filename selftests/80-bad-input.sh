#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every wrong request fails with a non-zero exit and an error that names the
# problem, and leaves the configuration exactly as it was (`nvctl -j show`
# byte-identical before and after).
#
#   vm1 -- hv1 nvo0 10.99.0.1 (VNI 100, port v-vm1)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# Nothing here sends traffic: the VTEP address lives on lo.
setup() {
	mk_hv hv1 10.99.0.1
	ip -n "$(ns hv1)" addr add 10.99.0.1/32 dev lo
	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24
}

# reject ERE... -- CMD...: CMD fails, its output matches every ERE (case
# insensitive), and hv1's configuration does not change.
reject() {
	local pats=() out rc=0 before after p
	while [ "$1" != -- ]; do
		pats+=("$1")
		shift
	done
	shift
	before=$(show_json hv1)
	out=$("$@" 2>&1) || rc=$?
	after=$(show_json hv1)
	diag "$*: exit $rc: $out"
	assert_ne 0 "$rc" "exit status"
	for p in "${pats[@]}"; do
		assert_match "$out" "$p" "the error message"
	done
	assert_eq "$before" "$after" "nvctl -j show before and after"
}

MAC=02:00:00:00:00:99

vni_out_of_range() {
	setup
	reject '^Error: integer out of range \(attribute "vni"\), valid 0\.\.16777215$' -- nv hv1 vni add nvo0 vni 16777216
}

mac_bad_digits() {
	setup
	reject '^Error: invalid MAC address "zz:00:00:00:00:01"$' -- nv hv1 fdb add nvo0 vni 100 mac zz:00:00:00:00:01 remote 10.99.0.2
}

mac_too_short() {
	setup
	reject '^Error: invalid MAC address "02:00:00:00:00"$' -- nv hv1 fdb add nvo0 vni 100 mac 02:00:00:00:00 remote 10.99.0.2
}

fdb_multicast_mac() {
	setup
	reject '^Error: MAC must be a unicast address \(attribute "mac"\)$' -- nv hv1 fdb add nvo0 vni 100 mac 01:00:5e:00:00:01 remote 10.99.0.2
}

missing_device() {
	setup
	reject '^Error: device not found in this network namespace \(attribute "device"\)$' -- nv hv1 vni add nosuch vni 1
}

missing_port_device() {
	setup
	reject '^Error: port device not found in this network namespace \(attribute "port"\)$' -- nv hv1 port add nvo0 dev nosuchport vni 100
}

port_already_attached() {
	setup
	reject '^Error: device is already a port of this nvo device \(attribute "port"\)$' -- nv hv1 port add nvo0 dev v-vm1 vni 100
}

port_attached_other_vni() {
	setup
	vni_add hv1 200
	reject '^Error: device is already a port of this nvo device \(attribute "port"\)$' -- nv hv1 port add nvo0 dev v-vm1 vni 200
}

port_is_nvo_itself() {
	setup
	reject '^Error: an nvo device cannot be a port \(attribute "port"\)$' -- nv hv1 port add nvo0 dev nvo0 vni 100
}

port_is_loopback() {
	setup
	reject '^Error: a port must be an Ethernet device \(attribute "port"\)$' -- nv hv1 port add nvo0 dev lo vni 100
}

# The name exists, but only in another namespace.
port_in_other_netns() {
	setup
	mk_ns other
	ip -n "$(ns other)" link add xport type veth peer name xpeer
	reject '^Error: port device not found in this network namespace \(attribute "port"\)$' -- nv hv1 port add nvo0 dev xport vni 100
}

fdb_unknown_vni() {
	setup
	reject '^Error: VNI does not exist on this device \(attribute "vni"\)$' -- nv hv1 fdb add nvo0 vni 999 mac "$MAC" remote 10.99.0.2
}

fdb_remote_zero() {
	setup
	reject '^Error: remote must be a unicast IPv4 address \(attribute "remote"\)$' -- nv hv1 fdb add nvo0 vni 100 mac "$MAC" remote 0.0.0.0
}

fdb_remote_multicast() {
	setup
	reject '^Error: remote must be a unicast IPv4 address \(attribute "remote"\)$' -- nv hv1 fdb add nvo0 vni 100 mac "$MAC" remote 224.0.0.1
}

flood_remote_zero() {
	setup
	reject '^Error: remote must be a unicast IPv4 address \(attribute "remote"\)$' -- nv hv1 flood add nvo0 vni 100 remote 0.0.0.0
}

flood_remote_multicast() {
	setup
	reject '^Error: remote must be a unicast IPv4 address \(attribute "remote"\)$' -- nv hv1 flood add nvo0 vni 100 remote 224.0.0.1
}

fdb_add_twice() {
	setup
	fdb_add hv1 100 "$MAC" 10.99.0.2
	reject '^Error: an FDB entry for this MAC exists in this VNI; use replace$' -- nv hv1 fdb add nvo0 vni 100 mac "$MAC" remote 10.99.0.2
}

vni_del_with_ports() {
	setup
	reject '^Error: VNI still has ports attached; detach them first \(attribute "vni"\)$' -- nv hv1 vni del nvo0 vni 100
}

vni_add_twice() {
	setup
	reject '^Error: VNI already exists on this device \(attribute "vni"\)$' -- nv hv1 vni add nvo0 vni 100
}

unprivileged() {
	setup
	reject "^Error: CAP_NET_ADMIN is required in the device's network namespace$" -- on hv1 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NVCTL" vni add nvo0 vni 300
}

_udp_bound() { [ -n "$(on "$1" ss -H -l -n -u4 "sport = :$2")" ]; }

# Going up fails (the VXLAN port is taken) after the changes of the same
# command: they are undone, and the link stays down as it was. Once the
# port is free, the same command works.
link_up_port_taken() {
	local holder
	setup
	nv hv1 link set nvo0 down ttl inherit
	bg hv1 "$PY" -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", 4790))
time.sleep(3600)
'
	holder=$BG_PID
	wait_until 15 _udp_bound hv1 4790 || fail "nothing bound to UDP 4790"
	reject '^Error: cannot change link: Address already in use \(the link is down, its settings as they were\)$' -- \
		nv hv1 link set nvo0 dstport 4790 ttl 64 up
	kill "$holder"
	wait "$holder" 2>/dev/null || true
	nv hv1 link set nvo0 dstport 4790 up
	assert_eq "4790 true" "$(nv hv1 -j link show nvo0 | jq -r '.[0] | "\(.dstport) \(.up)"')" "nvo0's port and state"
}

ktap_plan 21
run_case vni_out_of_range vni_out_of_range
run_case mac_bad_digits mac_bad_digits
run_case mac_too_short mac_too_short
run_case fdb_multicast_mac fdb_multicast_mac
run_case missing_device missing_device
run_case missing_port_device missing_port_device
run_case port_already_attached port_already_attached
run_case port_attached_other_vni port_attached_other_vni
run_case port_is_nvo_itself port_is_nvo_itself
run_case port_is_loopback port_is_loopback
run_case port_in_other_netns port_in_other_netns
run_case fdb_unknown_vni fdb_unknown_vni
run_case fdb_remote_zero fdb_remote_zero
run_case fdb_remote_multicast fdb_remote_multicast
run_case flood_remote_zero flood_remote_zero
run_case flood_remote_multicast flood_remote_multicast
run_case fdb_add_twice fdb_add_twice
run_case vni_del_with_ports vni_del_with_ports
run_case vni_add_twice vni_add_twice
run_case unprivileged unprivileged
run_case link_up_port_taken link_up_port_taken
ktap_finish
