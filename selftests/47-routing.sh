#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tenant routers: every hypervisor has the tenant's router with the same
# gateway addresses and MAC (an anycast gateway), and routes a VM's
# traffic to another of the tenant's VNIs itself, one virtual hop.
#
#   tenant 1, router 1 on hv1 and hv2:
#     VNI 100 10.0.1.0/24 fd00:1::/64, gateway .1 ::1   vm1 .10 ::10 on hv1
#     VNI 200 10.0.2.0/24 fd00:2::/64, gateway .1 ::1   vm2 .10 ::10 on hv2

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

GW_MAC=02:00:00:00:ff:01

# tenant_net HV TENANT ROUTER VNI SUBNET SUBNET6: VNI of TENANT on HV with
# ROUTER's interface, gateway .1 of SUBNET (a /24's first three octets)
# and ::1 of SUBNET6 (a /64 prefix, "fd00:1:").
tenant_net() {
	local hv=$1 tenant=$2 router=$3 vni=$4 net=$5 net6=$6
	vni_add "$hv" "$vni" tenant "$tenant"
	nv "$hv" router if add nvo0 router "$router" vni "$vni" mac "$GW_MAC" \
		addr "$net.1/24" addr "${net6}:1/64"
}

# routed_vm VM HV VNI NET NET6 HOST: VM on HV in VNI, address NET.HOST and
# NET6:HOST, default routes via the gateways, router advertisements
# ignored.
routed_vm() {
	local vm=$1 hv=$2 vni=$3 net=$4 net6=$5 host=$6
	mk_vm "$vm" "$hv" "$vni" "$net.$host/24"
	# Configured by hand: the gateway's advertisements would add an
	# address the hypervisors do not know (see slaac_from_ra).
	on "$vm" sysctl -qw net.ipv6.conf.eth0.accept_ra=0
	enable_ipv6 "$vm"
	on "$vm" ip addr add "${net6}:$host/64" dev eth0 nodad
	on "$vm" ip route add default via "$net.1"
	on "$vm" ip -6 route add default via "${net6}:1"
	VM_IP6[$vm]=${net6}:$host
}

declare -A VM_IP6

# knows HV VM...: HV's neighbour tables and FDB know where each VM is.
knows() {
	local hv=$1 vm
	shift
	for vm; do
		neigh_add "$hv" "${VM_VNI[$vm]}" "${VM_IP[$vm]}" "${VM_MAC[$vm]}"
		neigh_add "$hv" "${VM_VNI[$vm]}" "${VM_IP6[$vm]}" "${VM_MAC[$vm]}"
		[ "${VM_HV[$vm]}" = "$hv" ] || fdb_to_vm "$hv" "$vm"
	done
}

# setup: tenant 1's two networks and router on both hypervisors.
setup() {
	local hv
	two_hvs
	for hv in hv1 hv2; do
		nv "$hv" router add nvo0 id 1 tenant 1
		tenant_net "$hv" 1 1 100 10.0.1 fd00:1:
		tenant_net "$hv" 1 1 200 10.0.2 fd00:2:
	done
	routed_vm vm1 hv1 100 10.0.1 fd00:1: 10
	routed_vm vm2 hv2 200 10.0.2 fd00:2: 10
	knows hv1 vm1 vm2
	knows hv2 vm1 vm2
}

# ping_ttl VM IP: the TTL (hop limit) of VM's ping's reply.
ping_ttl() {
	on "$1" ping -c 1 -W 3 "$2" | sed -n 's/.*ttl=\([0-9]*\).*/\1/p'
}

# VMs of two VNIs on two hosts reach each other through the router in
# both families, one routed hop each way; the gateway answers ping, ARP
# and ND on the VM's own host, with nothing on the underlay.
routed_across_hosts() {
	local out
	setup
	capture_start hv1 "$(ul_dev hv1)" ul udp port "$VXLAN_PORT"
	assert_ping vm1 10.0.1.1
	assert_ping vm1 fd00:1::1
	capture_stop ul
	assert_eq 0 "$(pcap_count ul)" "frames on the underlay while vm1 pinged its gateway"
	assert_eq "$GW_MAC" "$(on vm1 ip neigh show 10.0.1.1 | grep -oE 'lladdr [0-9a-f:]+' | cut -d' ' -f2)" "vm1's gateway MAC"
	assert_contains "$(on vm1 ip -6 neigh show fd00:1::1)" router "vm1's IPv6 gateway entry"

	assert_ping vm1 10.0.2.10
	assert_ping vm1 fd00:2::10
	assert_ping vm2 10.0.1.10
	# Routed once on the way there (hv1), once back (hv2).
	assert_eq 63 "$(ping_ttl vm1 10.0.2.10)" "TTL of vm2's reply at vm1"
	assert_eq 63 "$(ping_ttl vm1 fd00:2::10)" "hop limit of vm2's reply at vm1"
	# One hop: its TTL expires at the gateway, which says so.
	out=$(on vm1 ping -c 1 -W 3 -t 1 10.0.2.10 2>&1 || true)
	assert_match "$out" "From 10\.0\.1\.1 .*Time to live exceeded" "ping -t 1"
	out=$(on vm1 ping -c 1 -W 3 -t 1 fd00:2::10 2>&1 || true)
	assert_match "$out" "From fd00:1::1 .*Time exceeded: Hop limit" "ping -6 -t 1"
	assert_ge "$(drop_counter hv1 nvo0 ttl)" 2 "hv1 ttl drops"
	out=$(on vm1 tracepath -n -m 3 10.0.2.10 2>&1 || true)
	diag "tracepath: $(tr '\n' ';' <<<"$out")"
	assert_match "$out" " 1: +10\.0\.1\.1 " "tracepath's first hop"
	assert_match "$out" " 2: +10\.0\.2\.10 .*reached" "tracepath's second hop"
}

# Without a route: ICMP network unreachable from the gateway, counted;
# IPv4-mapped IPv6 addresses dropped.
unroutable() {
	local out d0
	setup
	d0=$(drop_counter hv1 nvo0 unroutable)
	out=$(on vm1 ping -c 1 -W 3 10.9.9.9 2>&1 || true)
	assert_match "$out" "From 10\.0\.1\.1 .*Destination Net Unreachable" "ping 10.9.9.9"
	out=$(on vm1 ping -c 1 -W 3 fd00:9::9 2>&1 || true)
	assert_match "$out" "From fd00:1::1 .*Destination unreachable: No route" "ping fd00:9::9"
	assert_ge "$(drop_counter hv1 nvo0 unroutable)" $((d0 + 2)) "hv1 unroutable drops"
	# IPv6 to or from IPv4-mapped addresses (the router's keys for IPv4)
	# is neither routed to the IPv4 VM nor answered as the gateway.
	d0=$(drop_counter hv1 nvo0 unroutable)
	capture_start vm1 eth0 back "icmp6 and ip6[40] == 129"
	capture_start vm2 eth0 there "icmp6 and ip6[40] == 128"
	on vm1 "$PY" - "$GW_MAC" <<'EOF'
import sys
from scapy.layers.l2 import Ether
from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest
from scapy.sendrecv import sendp
for src, dst in (("fd00:1::10", "::ffff:10.0.2.10"),
                 ("fd00:1::10", "::ffff:10.0.1.1"),
                 ("::ffff:10.0.1.10", "fd00:2::10")):
    sendp(Ether(dst=sys.argv[1]) / IPv6(src=src, dst=dst) /
          ICMPv6EchoRequest(), iface="eth0", verbose=0)
EOF
	capture_stop there
	capture_stop back
	assert_eq 0 "$(pcap_count there)" "echo requests at vm2 to or from IPv4-mapped addresses"
	assert_eq 0 "$(pcap_count back)" "echo replies at vm1 from IPv4-mapped addresses"
	assert_eq $((d0 + 3)) "$(drop_counter hv1 nvo0 unroutable)" "hv1 unroutable drops of IPv4-mapped IPv6"
	# A neighbour the table lacks is dropped (no_neigh), not flooded.
	nv hv1 neigh del nvo0 vni 200 ip 10.0.2.10
	d0=$(drop_counter hv1 nvo0 no_neigh)
	assert_no_ping vm1 10.0.2.10
	assert_gt "$(drop_counter hv1 nvo0 no_neigh)" "$d0" "hv1 no_neigh drops"
}

# _dad_done VM ADDR: VM's duplicate address detection of ADDR ended (it
# failed, or the address is no longer tentative).
_dad_done() {
	local l
	l=$(on "$1" ip -6 addr show dev eth0 | grep -A1 "inet6 $2/")
	[[ $l == *dadfailed* || $l != *tentative* ]]
}

# The gateway defends its IPv6 addresses: a VM given one (global or
# link-local) sees it taken in duplicate address detection; an address of
# its own passes.
gateway_defended() {
	local a
	setup
	mk_vm vm3 hv1 100 10.0.1.30/24
	enable_ipv6 vm3
	for a in fd00:1::1 fe80::ff:fe00:ff01 fd00:1::33; do
		on vm3 ip addr add "$a/64" dev eth0
	done
	wait_until 15 _dad_done vm3 fd00:1::33 || fail "DAD of fd00:1::33 did not end"
	for a in fd00:1::1 fe80::ff:fe00:ff01; do
		wait_until 15 _dad_done vm3 "$a" || fail "DAD of $a did not end"
		assert_contains "$(on vm3 ip -6 addr show dev eth0 | grep -A1 "inet6 $a/")" dadfailed "vm3's $a (the gateway's)"
	done
	assert_not_contains "$(on vm3 ip -6 addr show dev eth0 | grep -A1 "inet6 fd00:1::33/")" dadfailed "vm3's fd00:1::33"
}

# A static route via a VM that routes on: vm2 holds 10.9.0.1 and
# fd00:9::1 behind it.
static_route_via_vm() {
	local hv
	setup
	on vm2 ip addr add 10.9.0.1/32 dev lo
	on vm2 ip addr add fd00:9::1/128 dev lo
	for hv in hv1 hv2; do
		nv "$hv" route add nvo0 router 1 10.9.0.0/16 via 10.0.2.10
		nv "$hv" route add nvo0 router 1 fd00:9::/64 via fd00:2::10
	done
	assert_ping vm1 10.9.0.1
	assert_ping vm1 fd00:9::1
	assert_contains "$(nv hv1 route show nvo0 router 1)" "10.9.0.0/16 via 10.0.2.10" "hv1's routes"
	assert_eq 6 "$(nv hv1 -j router show nvo0 | jq '.[0].routes')" "hv1 router 1's routes (4 connected, 2 static)"
	nv hv1 route del nvo0 router 1 10.9.0.0/16
	assert_no_ping vm1 10.9.0.1
}

# Tenant 2 has the same prefixes on hv1 behind its own router: its VM
# reaches its own peer, never tenant 1's.
tenants_isolated() {
	setup
	nv hv1 router add nvo0 id 2 tenant 2
	tenant_net hv1 2 2 300 10.0.1 fd00:1:
	tenant_net hv1 2 2 400 10.0.2 fd00:2:
	routed_vm vm3 hv1 300 10.0.1 fd00:1: 10
	routed_vm vm4 hv1 400 10.0.2 fd00:2: 20
	knows hv1 vm3 vm4
	assert_ping vm3 10.0.2.20
	assert_ping vm3 fd00:2::20
	# Tenant 2 has no 10.0.2.10: vm2 of tenant 1 is out of reach.
	capture_start vm2 eth0 vm2 icmp
	assert_no_ping vm3 10.0.2.10
	capture_stop vm2
	assert_eq 0 "$(pcap_count vm2)" "ICMP frames vm2 (tenant 1) saw while vm3 (tenant 2) pinged its address"
	assert_ping vm1 10.0.2.10
}

# A VM with nothing but IPv6 on asks for a router and configures itself
# from the gateway's advertisement (SLAAC): address, default route via the
# gateway's link-local address, the VNI's MTU; then it is routed.
slaac_from_ra() {
	local addr
	setup
	flood_mesh 100 hv1 hv2
	mk_vm vm3 hv1 100 10.0.1.30/24
	capture_start vm3 eth0 ra icmp6 and 'ip6[40] == 134'
	enable_ipv6 vm3
	wait_until 30 sh -c "ip -n $(ns vm3) -6 addr show dev eth0 scope global | grep -q 'inet6 fd00:1::'" ||
		fail "vm3 got no address from a router advertisement: $(on vm3 ip -6 addr show dev eth0 | tr '\n' ' ')"
	capture_stop ra
	addr=$(on vm3 ip -6 addr show dev eth0 scope global | sed -n 's/.*inet6 \(fd00:1::[0-9a-f:]*\)\/64.*/\1/p')
	diag "vm3's address from the advertisement: $addr"
	assert_match "$(on vm3 ip -6 route show default)" "via fe80::[0-9a-f:]+ dev eth0 proto ra" "vm3's default route"
	assert_match "$(pcap_text ra)" "mtu option \(5\).*1450" "the advertisement's MTU option"
	assert_match "$(pcap_text ra)" "prefix info option \(3\).*fd00:1::/64" "the advertisement's prefix"
	neigh_add hv1 100 "$addr" "$(vm_mac vm3)"
	neigh_add hv2 100 "$addr" "$(vm_mac vm3)"
	fdb_to_vm hv2 vm3
	assert_ping vm3 fd00:2::10
}

# Advertisements also come unsolicited, every ra_interval seconds, so that
# a VM's router lifetime never runs out (checked with the interval at 2 s:
# the device's periodic work, every 10 s at most, sends them); the
# lifetime is three intervals, at least 1800 s.
periodic_ra() {
	local p=/sys/module/nvo/parameters/ra_interval old
	setup
	old=$(cat "$p")
	defer "echo $old >$p"
	capture_start vm1 eth0 ra icmp6 and 'ip6[40] == 134' and dst ff02::1
	echo 2 >"$p"
	wait_until 30 ra_seen ra || fail "vm1 saw no unsolicited advertisement in 30 s"
	capture_stop ra
	assert_match "$(pcap_text ra)" "fe80::ff:fe00:ff01 > ff02::1: .*router advertisement" "the advertisement"
	assert_match "$(pcap_text ra)" "router lifetime 1800s" "the router lifetime with ra_interval 2"
	# A longer interval gets a longer lifetime: three intervals.
	echo 1000 >"$p"
	capture_start vm1 eth0 ra2 icmp6 and 'ip6[40] == 134'
	on vm1 "$PY" - "$(vm_mac vm1)" \
		"$(on vm1 ip -6 -o addr show dev eth0 scope link | awk '{ sub("/.*", "", $4); print $4 }')" <<'EOF'
import sys
from scapy.layers.l2 import Ether
from scapy.layers.inet6 import IPv6, ICMPv6ND_RS, ICMPv6NDOptSrcLLAddr
from scapy.sendrecv import sendp
mac, ll = sys.argv[1], sys.argv[2]
sendp(Ether(src=mac, dst="33:33:00:00:00:02") /
      IPv6(src=ll, dst="ff02::2", hlim=255) / ICMPv6ND_RS() /
      ICMPv6NDOptSrcLLAddr(lladdr=mac), iface="eth0", verbose=0)
EOF
	wait_until 15 ra_seen ra2 || fail "no answer to vm1's solicitation"
	capture_stop ra2
	assert_match "$(pcap_text ra2)" "router lifetime 3000s" "the router lifetime with ra_interval 1000"
}

# ra_seen NAME: the capture NAME has a frame.
ra_seen() { [ "$(pcap_count "$1")" -ge 1 ]; }

# config_state HV: what a refused request must leave as it was.
config_state() {
	nv "$1" -j router show nvo0 && nv "$1" -j router if show nvo0 &&
		nv "$1" -j route show nvo0 && nv "$1" -j vni show nvo0
}

bad_requests() {
	local bad=()
	klog_mark
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	nv hv1 router add nvo0 id 1 tenant 1
	vni_add hv1 100 tenant 1
	vni_add hv1 200 tenant 1
	vni_add hv1 300 tenant 2
	nv hv1 router if add nvo0 router 1 vni 100 mac "$GW_MAC" addr 10.0.1.1/24 addr fd00:1::1/64
	nv hv1 route add nvo0 router 1 10.9.0.0/16 via 10.0.1.5

	refused router_exists '^Error: router exists on this device \(attribute "router"\)$' -- \
		nv hv1 router add nvo0 id 1 tenant 1 || bad+=(router_exists)
	refused rif_overlap '^Error: the interface'"'"'s subnet overlaps another interface'"'"'s of the router$' -- \
		nv hv1 router if add nvo0 router 1 vni 200 mac "$GW_MAC" addr 10.0.1.129/25 || bad+=(rif_overlap)
	refused rif_gateway_not_host '^Error: the gateway must be a host address of its prefix \(attribute "addr"\)$' -- \
		nv hv1 router if add nvo0 router 1 vni 200 mac "$GW_MAC" addr 10.0.2.0/24 || bad+=(rif_gateway_not_host)
	refused rif_other_tenant '^Error: the VNI is not of the router'"'"'s tenant \(attribute "vni"\)$' -- \
		nv hv1 router if add nvo0 router 1 vni 300 mac "$GW_MAC" addr 10.0.3.1/24 || bad+=(rif_other_tenant)
	refused rif_vni_taken '^Error: the VNI has a router interface \(attribute "vni"\)$' -- \
		nv hv1 router if add nvo0 router 1 vni 100 mac "$GW_MAC" addr 10.0.4.1/24 || bad+=(rif_vni_taken)
	refused route_via_off_subnet '^Error: next hop is not on a subnet of the router'"'"'s interfaces \(attribute "via"\)$' -- \
		nv hv1 route add nvo0 router 1 10.8.0.0/16 via 10.0.9.5 || bad+=(route_via_off_subnet)
	refused route_host_bits '^Error: address has host bits set beyond its prefix length \(attribute "prefix"\)$' -- \
		nv hv1 route add nvo0 router 1 10.8.0.1/16 via 10.0.1.5 || bad+=(route_host_bits)
	refused route_exists '^Error: the router has a route to this prefix; use replace \(attribute "prefix"\)$' -- \
		nv hv1 route add nvo0 router 1 10.9.0.0/16 via 10.0.1.6 || bad+=(route_exists)
	refused route_connected '^Error: the prefix is the subnet of one of the router'"'"'s interfaces \(attribute "prefix"\)$' -- \
		nv hv1 route add nvo0 router 1 10.0.1.0/24 via 10.0.1.6 || bad+=(route_connected)
	refused rif_static_route '^Error: the router has a static route to the interface'"'"'s subnet or address$' -- \
		nv hv1 router if add nvo0 router 1 vni 200 mac "$GW_MAC" addr 10.9.0.1/16 || bad+=(rif_static_route)
	refused rif_del_busy '^Error: a static route'"'"'s next hop is on this interface \(attribute "vni"\)$' -- \
		nv hv1 router if del nvo0 router 1 vni 100 || bad+=(rif_del_busy)
	refused vni_del_rif '^Error: VNI has a router interface; delete it first \(attribute "vni"\)$' -- \
		nv hv1 vni del nvo0 vni 100 || bad+=(vni_del_rif)
	refused vni_tenant_change '^Error: the VNI has an interface of a router of its tenant \(attribute "tenant"\)$' -- \
		nv hv1 vni set nvo0 vni 100 tenant 2 || bad+=(vni_tenant_change)
	refused router_unknown '^Error: router does not exist on this device \(attribute "router"\)$' -- \
		nv hv1 route add nvo0 router 7 10.8.0.0/16 via 10.0.1.5 || bad+=(router_unknown)

	[ ${#bad[@]} -eq 0 ] || fail "not refused as they must be: ${bad[*]}"
	# Deleting the router takes its interfaces and routes along.
	nv hv1 router del nvo0 id 1
	assert_eq 0 "$(nv hv1 -j router if show nvo0 | jq length)" "interfaces after router del"
	nv hv1 vni del nvo0 vni 100
	assert_klog_clean
}

ktap_plan 8
run_case routed_across_hosts routed_across_hosts
run_case unroutable unroutable
run_case gateway_defended gateway_defended
run_case static_route_via_vm static_route_via_vm
run_case tenants_isolated tenants_isolated
run_case slaac_from_ra slaac_from_ra
run_case periodic_ra periodic_ra
run_case bad_requests bad_requests
ktap_finish
