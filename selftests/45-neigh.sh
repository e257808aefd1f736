#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARP/ND suppression: each VNI's neighbour table answers the VMs' ARP
# requests and IPv6 neighbour solicitations on their own hypervisor, so
# that they never cross the underlay; unknown addresses are flooded or
# dropped per VNI; the table may learn from the VMs' own ARP and ND.
#
#   vm1 10.0.0.1 fd00::1 -- hv1 nvo0 10.99.0.1 ---- 10.99.0.2 nvo0 hv2 -- vm2 10.0.0.2 fd00::2
#                           (VNI 100)                        (VNI 100)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# vm_ipv6 VM ADDR/PREFIX: IPv6 on in VM, ADDR on its eth0 at once (no DAD).
vm_ipv6() {
	enable_ipv6 "$1"
	on "$1" ip addr add "$2" dev eth0 nodad
}

# setup: the two VMs of VNI 100, flooding and in each other's FDB, with
# IPv6 addresses too.
setup() {
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	vm_ipv6 vm1 fd00::1/64
	vm_ipv6 vm2 fd00::2/64
}

# neigh_of VM IP: the MAC VM's kernel has for IP, or nothing.
neigh_of() { on "$1" ip neigh show "$2" | grep -oE 'lladdr [0-9a-f:]+' | cut -d' ' -f2; }

# underlay_arpnd NAME: ARP and ND for the VMs' addresses that crossed the
# underlay (inner frames, as tcpdump decodes VXLAN).
underlay_arpnd() {
	pcap_text "$1" | grep -E 'ARP, |who has fd00::|tgt is fd00::' || true
}

# Both hypervisors know both VMs: ping in both families works with no ARP
# or ND frame on the underlay, and the answers are counted where given.
arp_nd_answered_locally() {
	local seen
	setup
	for hv in hv1 hv2; do
		neigh_add "$hv" 100 10.0.0.1 "$(vm_mac vm1)"
		neigh_add "$hv" 100 10.0.0.2 "$(vm_mac vm2)"
		neigh_add "$hv" 100 fd00::1 "$(vm_mac vm1)"
		neigh_add "$hv" 100 fd00::2 "$(vm_mac vm2)"
	done
	capture_start hv1 "$(ul_dev hv1)" ul udp port "$VXLAN_PORT"
	assert_ping vm1 10.0.0.2
	assert_ping vm1 fd00::2
	capture_stop ul
	assert_eq "$(vm_mac vm2)" "$(neigh_of vm1 10.0.0.2)" "vm1's ARP entry for vm2"
	assert_eq "$(vm_mac vm2)" "$(neigh_of vm1 fd00::2)" "vm1's ND entry for vm2"
	seen=$(underlay_arpnd ul)
	[ -z "$seen" ] || { quote <<<"$seen" >&2; fail "ARP/ND crossed the underlay"; }
	# The pings did cross it.
	assert_contains "$(pcap_text ul)" "10.0.0.1 > 10.0.0.2: ICMP echo request" "the underlay"
	# vm1's two requests on hv1; vm2's for vm1 (to answer) on hv2.
	assert_ge "$(port_counter hv1 nvo0 v-vm1 neigh_answered)" 2 "hv1 v-vm1 neigh_answered"
	assert_ge "$(vni_counter hv2 nvo0 100 neigh_answered)" 1 "hv2 VNI 100 neigh_answered"
	assert_eq 0 "$(vni_counter hv1 nvo0 100 neigh_flooded)" "hv1 VNI 100 neigh_flooded"
}

# Requests for addresses the table lacks go on as any broadcast (counted),
# or are dropped once the VNI says so; an entry added answers them again.
unknown_flooded_or_dropped() {
	local d0
	setup
	assert_ping vm1 10.0.0.2
	assert_ge "$(vni_counter hv1 nvo0 100 neigh_flooded)" 1 "hv1 VNI 100 neigh_flooded"
	assert_eq 0 "$(vni_counter hv1 nvo0 100 neigh_answered)" "hv1 VNI 100 neigh_answered"

	vni_set hv1 100 neigh-unknown drop
	assert_match "$(nv hv1 -j vni show nvo0)" '"neigh_unknown": ?"drop"' "vni show -j"
	on vm1 ip neigh flush dev eth0
	on vm2 ip neigh flush dev eth0
	d0=$(drop_counter hv1 nvo0 neigh_unknown)
	assert_no_ping vm1 10.0.0.2
	assert_gt "$(drop_counter hv1 nvo0 neigh_unknown)" "$d0" "hv1 neigh_unknown drops"
	assert_gt "$(port_drop_counter hv1 nvo0 v-vm1 neigh_unknown)" 0 "hv1 v-vm1 neigh_unknown drops"

	neigh_add hv1 100 10.0.0.2 "$(vm_mac vm2)"
	# vm2 forgets vm1 too: its probes would tell vm1 its MAC.
	on vm1 ip neigh flush dev eth0
	on vm2 ip neigh flush dev eth0
	assert_ping vm1 10.0.0.2
	assert_ge "$(vni_counter hv1 nvo0 100 neigh_answered)" 1 "hv1 VNI 100 neigh_answered"
}

# Two tenants' VNIs with the same addresses: each VM gets its own VNI's
# answer.
tables_per_vni() {
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv1 200 10.0.0.1/24
	neigh_add hv1 100 10.0.0.5 02:00:00:00:01:05
	neigh_add hv1 200 10.0.0.5 02:00:00:00:02:05
	# Nobody has 10.0.0.5: the pings go unanswered, the ARP does not.
	on vm1 ping -c 1 -W 1 10.0.0.5 >/dev/null || true
	on vm2 ping -c 1 -W 1 10.0.0.5 >/dev/null || true
	assert_eq 02:00:00:00:01:05 "$(neigh_of vm1 10.0.0.5)" "vm1 (VNI 100) has 10.0.0.5 at"
	assert_eq 02:00:00:00:02:05 "$(neigh_of vm2 10.0.0.5)" "vm2 (VNI 200) has 10.0.0.5 at"
}

# With neigh-learn on, the VMs' own ARP and ND fill the table; a third VM's
# requests are then answered on the spot, never reaching the owner; a
# static entry stays; the port's entries go with it.
learned_from_vms() {
	local out
	two_hvs
	vni_add hv1 100 neigh-learn on
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm3 hv1 100 10.0.0.3/24
	vm_ipv6 vm1 fd00::1/64
	vm_ipv6 vm3 fd00::3/64
	neigh_add hv1 100 10.0.0.9 02:00:00:00:00:99
	# vm1 asks for vm3 in both families: its requests teach hv1 where
	# 10.0.0.1 and fd00::1 are.
	assert_ping vm1 10.0.0.3
	assert_ping vm1 fd00::3
	on vm1 ip addr add 10.0.0.9/24 dev eth0
	on vm1 ping -c 1 -W 1 -I 10.0.0.9 10.0.0.33 >/dev/null || true
	out=$(nv hv1 neigh show nvo0)
	diag "hv1's neighbours: $(tr '\n' ';' <<<"$out")"
	assert_match "$out" "ip 10\.0\.0\.1 mac $(vm_mac vm1) learned port v-vm1" "learned from vm1's ARP"
	assert_match "$out" "ip fd00::1 mac $(vm_mac vm1) learned port v-vm1" "learned from vm1's NS"
	assert_match "$out" "ip 10\.0\.0\.9 mac 02:00:00:00:00:99$" "the static entry vm1's ARP claimed"
	# A port speaks for its own addresses only (its link-local one too,
	# when its ND happens to use it).
	assert_eq 0 "$(nv hv1 -j neigh show nvo0 | jq '[.[] | select(.learned and .port == "v-vm1") | .ip |
		select(. != "10.0.0.1" and . != "fd00::1" and (startswith("fe80:") | not))] | length')" \
		"entries learned on v-vm1 for addresses not vm1's"

	# vm3 asks for vm1: answered by hv1, vm1 never sees the request.
	on vm3 ip neigh flush dev eth0
	on vm1 ip neigh flush dev eth0
	capture_start vm1 eth0 vm1 arp or icmp6
	assert_ping vm3 10.0.0.1
	assert_ping vm3 fd00::1
	capture_stop vm1
	assert_eq 0 "$(pcap_count vm1 'arp and arp[6:2] == 1 and arp[24:4] == 0x0a000001')" "ARP requests for 10.0.0.1 vm1 saw"
	assert_eq 0 "$(pcap_text vm1 | grep -c 'who has fd00::1')" "solicitations for fd00::1 vm1 saw"
	assert_ge "$(port_counter hv1 nvo0 v-vm3 neigh_answered)" 2 "hv1 v-vm3 neigh_answered"

	port_del hv1 v-vm1
	out=$(nv hv1 neigh show nvo0)
	assert_not_contains "$out" "v-vm1" "neighbours after v-vm1 left"
	assert_contains "$out" "10.0.0.9" "the static entry after v-vm1 left"
}

# _learned_router HV IP: HV's table has IP as a learned router's address.
_learned_router() {
	[ "$(nv "$1" -j neigh show nvo0 | jq -r --arg ip "$2" \
		'.[] | select(.ip == $ip) | "\(.router) \(.learned)"')" = "true true" ]
}

# A router's address (a tenant's router VM): the advertisements nvo answers
# for it say "router", without which hosts drop it as their default router
# (RFC 4861 7.2.5), for a static entry given with `router` and for one
# learned from the router's own advertisement; other addresses' do not.
router_flag() {
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	vni_add hv1 100 neigh-learn on
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm3 hv1 100 10.0.0.3/24
	vm_ipv6 vm1 fd00::1/64
	vm_ipv6 vm3 fd00::3/64
	neigh_add hv1 100 fd00::5 02:00:00:00:00:05
	nv hv1 neigh add nvo0 vni 100 ip fd00::6 mac 02:00:00:00:00:06 router
	assert_contains "$(nv hv1 neigh show nvo0)" "ip fd00::6 mac 02:00:00:00:00:06 router" "nvctl neigh show"
	# vm3 says it is a router for fd00::3, as a router's unsolicited
	# advertisement would.
	on vm3 "$PY" - "$(vm_mac vm3)" <<'EOF'
import sys
from scapy.layers.l2 import Ether
from scapy.layers.inet6 import IPv6, ICMPv6ND_NA, ICMPv6NDOptDstLLAddr
from scapy.sendrecv import sendp
mac = sys.argv[1]
sendp(Ether(src=mac, dst="33:33:00:00:00:01") /
      IPv6(src="fd00::3", dst="ff02::1", hlim=255) /
      ICMPv6ND_NA(R=1, S=0, O=1, tgt="fd00::3") /
      ICMPv6NDOptDstLLAddr(lladdr=mac), iface="eth0", verbose=0)
EOF
	wait_until 10 _learned_router hv1 fd00::3 ||
		fail "fd00::3 not learned as a router's: $(nv hv1 -j neigh show nvo0)"
	on vm1 ip -6 neigh flush dev eth0
	for ip in fd00::3 fd00::5 fd00::6; do
		on vm1 ping -c 1 -W 1 "$ip" >/dev/null 2>&1 || true
	done
	assert_contains "$(on vm1 ip -6 neigh show fd00::3)" router "vm1's entry for fd00::3 (learned, a router)"
	assert_contains "$(on vm1 ip -6 neigh show fd00::6)" router "vm1's entry for fd00::6 (static, a router)"
	assert_contains "$(on vm1 ip -6 neigh show fd00::5)" "lladdr 02:00:00:00:00:05" "vm1's entry for fd00::5"
	assert_not_contains "$(on vm1 ip -6 neigh show fd00::5)" router "vm1's entry for fd00::5 (static)"
	assert_eq "false" "$(nv hv1 -j neigh show nvo0 | jq -r '.[] | select(.ip == "fd00::5") | .router')" \
		"fd00::5's router flag in nvctl -j neigh show"
}

# Learning stops at the VNI's learned limit, counted; max-neigh caps the
# table for the controller too.
learn_limit() {
	mk_hv hv1 10.99.0.1
	mk_nvo hv1 max-learned 2
	vni_add hv1 100 neigh-learn on
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm3 hv1 100 10.0.0.3/24
	on vm1 ip addr add 10.0.0.11/24 dev eth0
	on vm1 ip addr add 10.0.0.12/24 dev eth0
	for src in 10.0.0.1 10.0.0.11 10.0.0.12; do
		on vm1 ping -c 1 -W 1 -I "$src" 10.0.0.3 >/dev/null || true
	done
	assert_eq 2 "$(nv hv1 -j neigh show nvo0 | jq length)" "neighbours learned under max-learned 2"
	assert_ge "$(port_counter hv1 nvo0 v-vm1 learn_limit)" 1 "hv1 v-vm1 learn_limit"
}

# config_state HV: what a refused request must leave as it was.
config_state() {
	nv "$1" -j vni show nvo0 && nv "$1" -j neigh show nvo0
}

# Requests that must be refused, each clearly and without a trace.
bad_requests() {
	local bad=()
	klog_mark
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	vni_add hv1 100 max-neigh 2
	neigh_add hv1 100 10.0.0.1 02:00:00:00:00:01
	neigh_add hv1 100 fd00::1 02:00:00:00:00:01
	assert_contains "$(nv hv1 neigh show nvo0)" fd00::1 "nvctl neigh show nvo0"

	refused neigh_full '^Error: the VNI'"'"'s neighbour table is full \(its max-neigh limit\) \(attribute "vni"\)$' -- \
		nv hv1 neigh add nvo0 vni 100 ip 10.0.0.2 mac 02:00:00:00:00:02 || bad+=(neigh_full)
	vni_set hv1 100 max-neigh 0
	refused neigh_exists '^Error: a neighbour entry for this address exists in this VNI; use replace$' -- \
		nv hv1 neigh add nvo0 vni 100 ip 10.0.0.1 mac 02:00:00:00:00:03 || bad+=(neigh_exists)
	refused neigh_multicast_ip '^Error: neighbour must be a unicast IPv4 address \(attribute "ip"\)$' -- \
		nv hv1 neigh add nvo0 vni 100 ip 224.0.0.1 mac 02:00:00:00:00:03 || bad+=(neigh_multicast_ip)
	refused neigh_v4mapped '^Error: neighbour must be a unicast IPv6 address \(attribute "ip"\)$' -- \
		nv hv1 neigh add nvo0 vni 100 ip ::ffff:10.0.0.3 mac 02:00:00:00:00:03 || bad+=(neigh_v4mapped)
	refused neigh_multicast_mac '^Error: MAC must be a unicast address \(attribute "mac"\)$' -- \
		nv hv1 neigh add nvo0 vni 100 ip 10.0.0.3 mac 01:00:5e:00:00:01 || bad+=(neigh_multicast_mac)
	refused neigh_unknown_vni '^Error: VNI does not exist on this device \(attribute "vni"\)$' -- \
		nv hv1 neigh add nvo0 vni 300 ip 10.0.0.3 mac 02:00:00:00:00:03 || bad+=(neigh_unknown_vni)
	refused neigh_del_unknown '^Error: no neighbour entry for this address in this VNI \(attribute "ip"\)$' -- \
		nv hv1 neigh del nvo0 vni 100 ip 10.0.0.3 || bad+=(neigh_del_unknown)
	refused neigh_bad_ip '^Error: .*"10\.0\.0\.300"' -- \
		nv hv1 neigh add nvo0 vni 100 ip 10.0.0.300 mac 02:00:00:00:00:03 || bad+=(neigh_bad_ip)
	refused vni_neigh_unknown_bad '^Error: .*"sometimes"' 'neigh-unknown' -- \
		nv hv1 vni set nvo0 vni 100 neigh-unknown sometimes || bad+=(vni_neigh_unknown_bad)

	[ ${#bad[@]} -eq 0 ] || fail "not refused as they must be: ${bad[*]}"
	# What was accepted, replace included, is there.
	nv hv1 neigh replace nvo0 vni 100 ip 10.0.0.1 mac 02:00:00:00:00:04
	assert_contains "$(nv hv1 neigh show nvo0)" "ip 10.0.0.1 mac 02:00:00:00:00:04" "the replaced entry"
	nv hv1 neigh del nvo0 vni 100 ip fd00::1
	assert_not_contains "$(nv hv1 neigh show nvo0)" "fd00::1" "neighbours after del"
	assert_klog_clean
}

ktap_plan 7
run_case arp_nd_answered_locally arp_nd_answered_locally
run_case unknown_flooded_or_dropped unknown_flooded_or_dropped
run_case tables_per_vni tables_per_vni
run_case learned_from_vms learned_from_vms
run_case router_flag router_flag
run_case learn_limit learn_limit
run_case bad_requests bad_requests
ktap_finish
