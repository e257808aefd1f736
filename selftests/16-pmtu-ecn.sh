#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Path MTU, ECN and the outer header nvo writes.
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2 -- vm2 10.0.0.2
#                   (VNI 100)                                   (VNI 100)
#
# PMTU: VMs with MTU 1500 over a 1500-byte underlay: a full-size packet
# needs 50 bytes more than the path has. With DF set, nvo answers like a
# router (ICMP fragmentation needed / ICMPv6 packet too big, MTU 1450, drop
# reason too_big); without, the underlay fragments the outer packet.
# ECN (RFC 6040) on decapsulation, with VXLAN frames crafted by "peer" in
# place of hv2. Outer TTL, DSCP, ECN, UDP checksum and source port on
# encapsulation.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

N=5

# setup [HV1 LINK OPTIONS...]: two hypervisors, nvo0 on hv1 with the
# options given, vm1 and vm2 in VNI 100 knowing each other's MAC.
setup() {
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	mk_nvo hv1 "$@"
	mk_nvo hv2
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
}

# --- PMTU -------------------------------------------------------------------

# route_mtu NS DST: the MTU NS has learnt for DST ("" if none).
route_mtu() {
	ip -n "$(ns "$1")" route get "$2" | sed -n 's/.* mtu \([0-9]*\).*/\1/p'
}

pmtu_frag_needed() {
	local out d0 v0
	VM_MTU=1500
	setup
	assert_ping vm1 10.0.0.2 1
	d0=$(drop_counter hv1 nvo0 too_big)
	v0=$(vni_drop_counter hv1 nvo0 100 too_big)
	# Without DF the outer packet is fragmented on the underlay.
	capture_start hv2 "$(ul_dev hv2)" ul ip and src 10.99.0.1
	on vm1 ping -c 2 -i 0.2 -W 2 -M dont -s 1472 10.0.0.2 >/dev/null ||
		fail "1500-byte packets without DF got no answer"
	capture_stop ul
	assert_ge "$(pcap_frames ul 'ip[6:2] & 0x3fff != 0')" 4 "outer fragments from hv1"
	assert_eq "$d0" "$(drop_counter hv1 nvo0 too_big)" "hv1 nvo0 drops too_big (no DF)"

	out=$(on vm1 ping -c 1 -W 2 -M "do" -s 1472 10.0.0.2 2>&1) &&
		fail "a 1500-byte packet with DF got through a 1450-byte path"
	assert_contains "$out" "From 10.0.0.2 icmp_seq=1 Frag needed and DF set (mtu = 1450)" "ping -M do -s 1472"
	assert_eq $((d0 + 1)) "$(drop_counter hv1 nvo0 too_big)" "hv1 nvo0 drops too_big"
	assert_eq $((v0 + 1)) "$(vni_drop_counter hv1 nvo0 100 too_big)" "hv1 VNI 100 drops too_big"
	assert_eq 1450 "$(route_mtu vm1 10.0.0.2)" "vm1's path MTU to 10.0.0.2"
	# Now vm1 knows: it refuses by itself, and 1450 bytes pass.
	out=$(on vm1 ping -c 1 -W 2 -M "do" -s 1472 10.0.0.2 2>&1) || true
	assert_contains "$out" "message too long, mtu=1450" "ping -M do -s 1472, again"
	on vm1 ping -c 2 -i 0.2 -W 2 -M "do" -s 1422 10.0.0.2 >/dev/null ||
		fail "1450-byte packets with DF got no answer"
}

# TCP with a 1460-byte MSS over the 1450-byte path: the first full-sized
# segments are refused with ICMP, vm1 lowers its MSS and the transfer ends.
pmtu_tcp() {
	VM_MTU=1500
	setup
	assert_tcp vm2 vm1 10.0.0.2 -n 5M
	assert_eq 1450 "$(route_mtu vm1 10.0.0.2)" "vm1's path MTU to 10.0.0.2"
	assert_gt "$(drop_counter hv1 nvo0 too_big)" 0 "hv1 nvo0 drops too_big"
}

# The same for IPv6 tenants: TCP vm1 -> vm2 converges (each side's MSS
# comes from what it knows of the path, so this runs while neither knows
# anything), then vm2's ping gets ICMPv6 packet too big.
pmtu_ipv6() {
	local out d0 v
	VM_MTU=1500
	setup
	for v in 1 2; do
		enable_ipv6 "vm$v"
		ip -n "$(ns "vm$v")" addr add "fd00::$v/64" dev eth0 nodad
	done
	assert_tcp vm2 vm1 fd00::2 -n 5M
	assert_eq 1450 "$(route_mtu vm1 fd00::2)" "vm1's path MTU to fd00::2"
	assert_gt "$(drop_counter hv1 nvo0 too_big)" 0 "hv1 nvo0 drops too_big"

	d0=$(drop_counter hv2 nvo0 too_big)
	out=$(on vm2 ping -c 1 -W 2 -M "do" -s 1452 fd00::1 2>&1) &&
		fail "a 1500-byte IPv6 packet got through a 1450-byte path"
	assert_contains "$out" "From fd00::1 icmp_seq=1 Packet too big: mtu=1450" "ping -M do -s 1452 fd00::1"
	assert_eq $((d0 + 1)) "$(drop_counter hv2 nvo0 too_big)" "hv2 nvo0 drops too_big"
	assert_eq 1450 "$(route_mtu vm2 fd00::1)" "vm2's path MTU to fd00::1"
	on vm2 ping -c 2 -i 0.2 -W 2 -M "do" -s 1402 fd00::1 >/dev/null ||
		fail "1450-byte IPv6 packets got no answer"
}

# --- ECN on decapsulation ---------------------------------------------------

peer_setup() {
	mk_hv hv1 10.99.0.1
	mk_hv peer 10.99.0.2
	link_hvs hv1 10.99.0.1 peer 10.99.0.2
	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24
}

# send_ecn OUTER_TOS INNER_TOS DPORT MARKER: N VXLAN frames (VNI 100) from
# peer to hv1 with those TOS bytes, each an IPv4/UDP packet for vm1 to
# DPORT carrying MARKER.
send_ecn() {
	on peer "$PY" - "$@" "$N" "$(vm_mac vm1)" "$VXLAN_PORT" <<'EOF'
import socket, struct, sys
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

otos, itos, dport, marker, count, dmac, port = sys.argv[1:8]
inner = bytes(Ether(dst=dmac, src="02:00:00:00:99:99") /
              IP(src="10.0.0.99", dst="10.0.0.1", tos=int(itos, 0)) /
              UDP(sport=40000, dport=int(dport)) / Raw(marker.encode()))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# On a UDP socket IP_TOS sets the ECN bits too.
s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, int(otos, 0))
for _ in range(int(count)):
    s.sendto(struct.pack("!B3xI", 0x08, 100 << 8) + inner, ("10.99.0.1", int(port)))
EOF
}

# Outer CE on a packet that is not ECN-capable: the congestion cannot be
# passed on, so the packet is dropped (RFC 6040 section 4.2).
ecn_ce_not_ect() {
	local m d0 v0
	peer_setup
	m=NVO-ECN-DROP-$RANDOM$RANDOM
	d0=$(drop_counter hv1 nvo0 ecn)
	v0=$(vni_drop_counter hv1 nvo0 100 ecn)
	capture_start vm1 eth0 vm1 udp
	send_ecn 0x03 0x00 9 "$m"
	capture_stop vm1
	if pcap_has vm1 "$m"; then
		pcap_show vm1 >&2
		fail "a not-ECT packet marked CE outside reached vm1"
	fi
	assert_eq $((d0 + N)) "$(drop_counter hv1 nvo0 ecn)" "hv1 nvo0 drops ecn"
	assert_eq $((v0 + N)) "$(vni_drop_counter hv1 nvo0 100 ecn)" "hv1 VNI 100 drops ecn"
}

# inner_tos NAME DPORT: the distinct TOS bytes of the packets to DPORT in
# capture NAME (vm1's eth0: the inner packets as delivered).
inner_tos() {
	tcpdump -nn -v -r "$(pcap_file "$1")" udp dst port "$2" 2>/dev/null |
		sed -n 's/.*(tos \(0x[0-9a-f]*\)[,)].*/\1/p' | sort -u | xargs
}

# Outer CE on ECT(0) and ECT(1) packets: delivered, marked CE. Outer
# ECT(0) on a not-ECT packet, and outer CE on a CE packet: delivered
# unchanged.
ecn_ce_marks_inner() {
	local m d0
	peer_setup
	m=NVO-ECN-$RANDOM$RANDOM
	d0=$(drop_counter hv1 nvo0 ecn)
	capture_start vm1 eth0 vm1 udp
	send_ecn 0x03 0x02 9 "$m"
	send_ecn 0x03 0x01 10 "$m"
	send_ecn 0x02 0x00 11 "$m"
	send_ecn 0x03 0x03 12 "$m"
	capture_stop vm1
	assert_eq $((4 * N)) "$(pcap_frames vm1 udp)" "packets delivered to vm1"
	assert_eq 0x3 "$(inner_tos vm1 9)" "TOS of ECT(0) packets under outer CE"
	assert_eq 0x3 "$(inner_tos vm1 10)" "TOS of ECT(1) packets under outer CE"
	assert_eq 0x0 "$(inner_tos vm1 11)" "TOS of not-ECT packets under outer ECT(0)"
	assert_eq 0x3 "$(inner_tos vm1 12)" "TOS of CE packets under outer CE"
	assert_eq "$d0" "$(drop_counter hv1 nvo0 ecn)" "hv1 nvo0 drops ecn"
}

# --- the outer header -------------------------------------------------------

# headers NAME SRC: for each VXLAN frame from SRC in capture NAME whose
# inner frame is IPv4: "OUTER_TTL OUTER_TOS INNER_TTL INNER_TOS", TOS bytes
# as 0xNN. The inner IPv4 header starts 8 (VXLAN) + 14 (Ethernet) bytes
# into the UDP payload.
headers() {
	local src ttl tos pl
	while read -r _ src _ ttl tos _ _ _ pl; do
		if [ "$src" != "$2" ] || [ "${pl:40:4}" != 0800 ]; then
			continue
		fi
		printf '%s %s %d 0x%s\n' "$ttl" "$tos" "$((16#${pl:60:2}))" "${pl:46:2}"
	done < <(pcap_udp "$1")
}

# capture_pings NAME ARGS...: vm1 pings vm2 with ARGS, vm2 pings vm1
# with ARGS (both directions seen on hv2's underlay).
capture_pings() {
	local name=$1
	shift
	capture_start hv2 "$(ul_dev hv2)" "$name" udp
	on vm1 ping -c 2 -i 0.2 -W 2 "$@" 10.0.0.2 >/dev/null
	on vm2 ping -c 2 -i 0.2 -W 2 "$@" 10.0.0.1 >/dev/null
	capture_stop "$name"
}

# A fixed outer TTL (hv1: ttl 17) and one inherited from the inner packet
# (hv2: ttl inherit; vm2's packets have TTL 33, not the usual 64).
outer_ttl() {
	local h1 h2
	setup ttl 17
	nv hv2 link set nvo0 ttl inherit
	on vm2 sysctl -qw net.ipv4.ip_default_ttl=33
	capture_pings ttl
	h1=$(headers ttl 10.99.0.1)
	h2=$(headers ttl 10.99.0.2)
	assert_ge "$(wc -l <<<"$h1")" 4 "hv1's VXLAN frames"
	assert_eq 17 "$(awk '{ print $1 }' <<<"$h1" | sort -u | xargs)" "outer TTLs from hv1 (ttl 17)"
	assert_ge "$(wc -l <<<"$h2")" 4 "hv2's VXLAN frames"
	assert_eq 33 "$(awk '{ print $3 }' <<<"$h2" | sort -u | xargs)" "inner TTLs from hv2"
	assert_eq 33 "$(awk '{ print $1 }' <<<"$h2" | sort -u | xargs)" "outer TTLs from hv2 (ttl inherit)"
}

# hv1 inherits the DSCP (tos inherit), hv2 has the default (DSCP 0): both
# copy the ECN field of an ECT(0) packet. vm1 and vm2 ping with DSCP EF
# and ECT(0) (0xba), then DSCP EF alone (0xb8).
outer_tos() {
	local h1 h2
	setup tos inherit
	capture_pings tos1 -Q 0xba
	capture_pings tos2 -Q 0xb8
	h1=$( (headers tos1 10.99.0.1; headers tos2 10.99.0.1) | awk '{ print $4 "->" $2 }' | sort -u | xargs)
	h2=$( (headers tos1 10.99.0.2; headers tos2 10.99.0.2) | awk '{ print $4 "->" $2 }' | sort -u | xargs)
	# Echo replies carry the request's TOS: both inner TOS values both ways.
	assert_eq "0xb8->0xb8 0xba->0xba" "$h1" "inner->outer TOS from hv1 (tos inherit)"
	assert_eq "0xb8->0x00 0xba->0x02" "$h2" "inner->outer TOS from hv2 (DSCP 0, ECN copied)"
}

# A fixed DSCP (tos 32: CS1, 0x20) is written whatever the inner DSCP, with
# the inner ECN field.
outer_tos_fixed() {
	local h1
	setup tos 32
	capture_pings tos -Q 0xba
	h1=$(headers tos 10.99.0.1 | awk '{ print $4 "->" $2 }' | sort -u | xargs)
	assert_eq "0xba->0x22" "$h1" "inner->outer TOS from hv1 (tos 32)"
}

# udpcsum on (hv1): outer UDP checksums, correct ones; the default (hv2):
# none, the field is 0. hv1 computes the sum in software here (no
# checksum offload on its veth), so that the capture holds the final value.
udp_csum() {
	local text
	setup udpcsum on
	on hv1 ethtool -K "$(ul_dev hv1)" tx off >/dev/null
	capture_pings csum
	text=$(tcpdump -nn -vv -r "$(pcap_file csum)" src 10.99.0.1 and udp 2>/dev/null)
	assert_ge "$(grep -c '\[udp sum ok\]' <<<"$text")" 4 "hv1's frames with a good UDP checksum (udpcsum on)"
	assert_not_contains "$text" "bad udp cksum" "hv1's frames"
	assert_not_contains "$text" "[no cksum]" "hv1's frames"
	assert_eq 0000 "$(pcap_udp csum | awk '$2 == "10.99.0.2" { print $8 }' | sort -u | xargs)" \
		"UDP checksums from hv2 (default: none)"
}

# srcport 40000 40010: every outer source port in range, and the inner
# flows spread over several. vm1 sends one datagram from each of 30 UDP
# sockets (30 source ports: 30 inner flows).
srcport_range() {
	local ports
	setup srcport 40000 40010
	capture_start hv2 "$(ul_dev hv2)" ul udp and src 10.99.0.1
	on vm1 bash -c 'for i in {1..30}; do echo x >/dev/udp/10.0.0.2/9; done'
	capture_stop ul
	ports=$(pcap_udp ul | awk '{ print $6 }' | sort -un)
	assert_ge "$(pcap_udp ul | wc -l)" 30 "hv1's frames"
	assert_eq "" "$(awk '$1 < 40000 || $1 > 40010' <<<"$ports" | xargs)" "outer source ports out of 40000-40010"
	assert_ge "$(wc -l <<<"$ports")" 3 "distinct outer source ports for 30 flows"
}

ktap_plan 10
run_case pmtu_frag_needed pmtu_frag_needed
run_case pmtu_tcp pmtu_tcp
run_case pmtu_ipv6 pmtu_ipv6
run_case ecn_ce_not_ect ecn_ce_not_ect
run_case ecn_ce_marks_inner ecn_ce_marks_inner
run_case outer_ttl outer_ttl
run_case outer_tos outer_tos
run_case outer_tos_fixed outer_tos_fixed
run_case udp_csum udp_csum
run_case srcport_range srcport_range
ktap_finish
