#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed VXLAN from the underlay is dropped, counted by reason, and never
# reaches a VM; a well-formed frame sent the same way is delivered.
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 peer
#                   (VNI 100)                         (crafts UDP to :4789)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

N=5

setup() {
	mk_hv hv1 10.99.0.1
	mk_hv peer 10.99.0.2
	link_hvs hv1 10.99.0.1 peer 10.99.0.2
	mk_nvo hv1
	mk_vm vm1 hv1 100 10.0.0.1/24
}

# send_vxlan FLAGS VNI SHAPE MARKER: N datagrams from peer to hv1:4789, each
# a VXLAN header (FLAGS byte, VNI) and an Ethernet frame for vm1 carrying
# MARKER in a UDP payload. SHAPE: full; short (4 bytes of VXLAN header and
# nothing else); noeth (the VXLAN header, then 6 bytes of Ethernet).
send_vxlan() {
	on peer "$PY" - "$1" "$2" "$3" "$4" "$N" "$(vm_mac vm1)" "$VXLAN_PORT" <<'EOF'
import socket, struct, sys
# The layers alone: "scapy.all" takes seconds longer to import under TCG.
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

flags, vni, shape, marker, count, dmac, port = sys.argv[1:8]
inner = bytes(Ether(dst=dmac, src="02:00:00:00:99:99") /
              IP(src="10.0.0.99", dst="10.0.0.1") /
              UDP(sport=40000, dport=9) / Raw(marker.encode()))
hdr = struct.pack("!B3xI", int(flags, 0), int(vni) << 8)
payload = {"full": hdr + inner, "short": hdr[:4], "noeth": hdr + inner[:6]}[shape]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(int(count)):
    s.sendto(payload, ("10.99.0.1", int(port)))
EOF
}

valid_frame_delivered() {
	local m r0
	setup
	m=NVO-RX-OK-$RANDOM$RANDOM
	r0=$(vni_counter hv1 nvo0 100 rx_packets)
	capture_start vm1 eth0 vm1
	send_vxlan 0x08 100 full "$m"
	capture_stop vm1
	pcap_has vm1 "$m" || fail "the well-formed VXLAN frame did not reach vm1"
	assert_eq "$N" "$(pcap_count vm1 udp dst port 9)" "frames delivered to vm1"
	assert_ge "$(vni_counter hv1 nvo0 100 rx_packets)" $((r0 + N)) "hv1 VNI 100 rx_packets"
}

# expect_drop REASON FLAGS VNI SHAPE
expect_drop() {
	local reason=$1 m d0
	setup
	m=NVO-RX-BAD-$RANDOM$RANDOM
	d0=$(drop_counter hv1 nvo0 "$reason")
	capture_start vm1 eth0 vm1
	send_vxlan "$2" "$3" "$4" "$m"
	capture_stop vm1
	if pcap_has vm1 "$m"; then
		pcap_show vm1 >&2
		fail "a malformed frame ($reason) reached vm1"
	fi
	assert_eq $((d0 + N)) "$(drop_counter hv1 nvo0 "$reason")" "hv1 nvo0 drops $reason"
}

unknown_vni() { expect_drop unknown_vni 0x08 4242 full; }
truncated_vxlan_header() { expect_drop truncated 0x08 100 short; }
truncated_inner_frame() { expect_drop truncated 0x08 100 noeth; }
i_flag_clear() { expect_drop bad_flags 0x00 100 full; }
unknown_flag_bit() { expect_drop bad_flags 0x88 100 full; }

ktap_plan 6
run_case valid_frame_delivered valid_frame_delivered
run_case unknown_vni unknown_vni
run_case truncated_vxlan_header truncated_vxlan_header
run_case truncated_inner_frame truncated_inner_frame
run_case i_flag_clear i_flag_clear
run_case unknown_flag_bit unknown_flag_bit
ktap_finish
