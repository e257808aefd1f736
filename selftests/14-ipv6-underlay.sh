#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nvo over an IPv6 underlay, VXLAN and GENEVE; a flood list that mixes
# IPv4 and IPv6 remotes; Linux's vxlan over IPv6 on the other end; and
# IPv6 tenants over the usual IPv4 underlay.
#
#   vm1 10.0.0.1                             vm2 10.0.0.2
#    |  (VNI 100)                             |  (VNI 100)
#   hv1 nvo0 2001:db8:99::1 ---- veth ---- 2001:db8:99::2 nvo0 hv2
#
# Over IPv6 encapsulation costs 70 bytes, so the VMs have MTU 1430.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

GENEVE_PORT=6081
IP6_1=2001:db8:99::1
IP6_2=2001:db8:99::2
IP6_3=2001:db8:99::3

# two_hvs6 [LINK OPTIONS...]: hv1 and hv2 on an IPv6-only veth underlay,
# nvo0 in each with the IPv6 VTEP address and the options given.
two_hvs6() {
	mk_hv hv1 "$IP6_1"
	mk_hv hv2 "$IP6_2"
	enable_ipv6 hv1
	enable_ipv6 hv2
	link_hvs6 hv1 "$IP6_1" hv2 "$IP6_2"
	mk_nvo hv1 "$@"
	mk_nvo hv2 "$@"
}

# setup6 [LINK OPTIONS...]: two_hvs6 and a VM pair in VNI 100.
setup6() {
	VM_MTU=1430
	two_hvs6 "$@"
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
}

# over_ipv6 PORT: the VMs talk; what crosses the underlay is UDP to PORT
# over IPv6 with a valid UDP checksum (hv1 computes it in software here, so
# that the capture holds the final value), nothing over IPv4.
over_ipv6() {
	local port=$1 text
	# No checksum offload on hv1's underlay: the sum is final on the wire.
	on hv1 ethtool -K "$(ul_dev hv1)" tx off >/dev/null
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	capture_start hv2 "$(ul_dev hv2)" ul
	on vm1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
	capture_stop ul
	assert_eq 0 "$(pcap_frames ul ip)" "IPv4 frames on the underlay"
	assert_ge "$(pcap_frames ul ip6 and src "$IP6_1" and udp dst port "$port")" 2 \
		"frames from $IP6_1 to UDP $port"
	text=$(tcpdump -nn -vv -r "$(pcap_file ul)" ip6 and src "$IP6_1" and udp 2>/dev/null)
	assert_contains "$text" "[udp sum ok]" "hv1's frames"
	assert_not_contains "$text" "bad udp cksum" "hv1's frames"
	assert_tcp vm2 vm1 10.0.0.2 -n 10M
}

vxlan_over_ipv6() {
	setup6
	over_ipv6 "$VXLAN_PORT"
}

geneve_over_ipv6() {
	setup6 encap geneve
	over_ipv6 "$GENEVE_PORT"
}

# udp6zerocsumtx: frames leave with checksum 0; a receiver accepts them
# only with udp6zerocsumrx (RFC 6935), which changes while the device is
# down.
udp6_zero_csum() {
	local r0 sums
	VM_MTU=1430
	two_hvs6 udp6zerocsumtx on udp6zerocsumrx on
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	capture_start hv2 "$(ul_dev hv2)" ul ip6 and udp
	assert_ping vm1 10.0.0.2
	capture_stop ul
	sums=$(pcap_udp ul | awk '{ print $8 }' | sort -u)
	assert_eq 0000 "$sums" "UDP checksums on the wire"

	nv hv2 link set nvo0 down udp6zerocsumrx off
	nv hv2 link set nvo0 up
	r0=$(vni_counter hv2 nvo0 100 rx_packets)
	ip -n "$(ns vm1)" neigh flush dev eth0
	assert_no_ping vm1 10.0.0.2
	assert_eq "$r0" "$(vni_counter hv2 nvo0 100 rx_packets)" "hv2 VNI 100 rx_packets (zero sums refused)"
}

# Three hypervisors on one segment: hv2 is reached over IPv4, hv3 over
# IPv6; hv1's flood list for VNI 100 has both, so a broadcast from vm1
# reaches both VMs, one copy over each family.
#
#          vm1 -- hv1 (10.99.0.1, 2001:db8:99::1)
#                  |
#   underlay bridge ---- hv2 (10.99.0.2) -- vm2
#                  |
#                 hv3 (2001:db8:99::3) -- vm3
mixed_flood() {
	local m h
	mk_underlay
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	mk_hv hv3 "$IP6_3"
	enable_ipv6 hv1
	enable_ipv6 hv3
	attach_underlay hv1 10.99.0.1
	attach_underlay hv2 10.99.0.2
	attach_underlay hv3 10.99.0.3
	ip -n "$(ns hv1)" addr add "$IP6_1/64" dev ul0 nodad
	ip -n "$(ns hv3)" addr add "$IP6_3/64" dev ul0 nodad
	ip -n "$(ns hv3)" addr del 10.99.0.3/24 dev ul0
	mk_nvo hv1 local "$IP6_1"
	mk_nvo hv2
	mk_nvo hv3
	VM_MTU=1430
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv2 100 10.0.0.2/24
	mk_vm vm3 hv3 100 10.0.0.3/24
	flood_add hv1 100 10.99.0.2
	flood_add hv1 100 "$IP6_3"
	flood_add hv2 100 10.99.0.1
	flood_add hv3 100 "$IP6_1"

	m=NVO-MIXED-$RANDOM$RANDOM
	capture_start hv1 ul0 ul udp
	capture_start vm2 eth0 vm2 udp
	capture_start vm3 eth0 vm3 udp
	udp_send vm1 10.0.0.255 9 "$m" broadcast
	capture_stop ul
	capture_stop vm2
	capture_stop vm3
	pcap_has vm2 "$m" || fail "vm1's broadcast did not reach vm2 (over IPv4)"
	pcap_has vm3 "$m" || fail "vm1's broadcast did not reach vm3 (over IPv6)"
	assert_eq 1 "$(pcap_frames ul ip and src 10.99.0.1 and dst 10.99.0.2 and udp dst port "$VXLAN_PORT")" \
		"copies to 10.99.0.2 over IPv4"
	assert_eq 1 "$(pcap_frames ul ip6 and src "$IP6_1" and dst "$IP6_3" and udp dst port "$VXLAN_PORT")" \
		"copies to $IP6_3 over IPv6"
	# ARP, then unicast, both ways with each.
	for h in 10.0.0.2 10.0.0.3; do
		assert_ping vm1 "$h" 2
	done
	assert_ping vm3 10.0.0.1 2
}

# linux_vxlan6_setup: hv2 bridges vm2 with Linux's vxlan over IPv6.
linux_vxlan6_setup() {
	local h2
	VM_MTU=1430
	mk_hv hv1 "$IP6_1"
	mk_hv hv2 "$IP6_2"
	enable_ipv6 hv1
	enable_ipv6 hv2
	link_hvs6 hv1 "$IP6_1" hv2 "$IP6_2"
	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm_raw vm2 hv2 10.0.0.2/24
	h2=$(ns hv2)
	ip -n "$h2" link add vx0 type vxlan id 100 local "$IP6_2" dstport "$VXLAN_PORT" nolearning
	ip -n "$h2" link add br0 type bridge
	printf '%s\n' "link set vx0 master br0" "link set v-vm2 master br0" \
		"link set vx0 up" "link set br0 up" | ip -n "$h2" -batch -
	bridge -n "$h2" fdb append 00:00:00:00:00:00 dev vx0 dst "$IP6_1"
	bridge -n "$h2" fdb add "$(vm_mac vm1)" dev vx0 dst "$IP6_1" self permanent
	flood_add hv1 100 "$IP6_2"
	fdb_add hv1 100 "$(vm_mac vm2)" "$IP6_2"
}

linux_vxlan6() {
	linux_vxlan6_setup
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	assert_tcp vm2 vm1 10.0.0.2 -n 10M
	assert_tcp vm1 vm2 10.0.0.1 -n 10M
}

# IPv6 tenants over the IPv4 underlay: neighbour discovery through the
# flood list, then ping and TCP.
ipv6_tenants() {
	local v
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	for v in 1 2; do
		enable_ipv6 "vm$v"
		ip -n "$(ns "vm$v")" addr add "fd00::$v/64" dev eth0 nodad
	done
	assert_ping vm1 fd00::2
	assert_ping vm2 fd00::1
	assert_tcp vm2 vm1 fd00::2 -n 10M
}

ktap_plan 6
run_case vxlan_over_ipv6 vxlan_over_ipv6
run_case geneve_over_ipv6 geneve_over_ipv6
run_case udp6_zero_csum udp6_zero_csum
run_case mixed_flood mixed_flood
run_case linux_vxlan6 linux_vxlan6
run_case ipv6_tenants ipv6_tenants
ktap_finish
