#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GENEVE from the underlay that nvo cannot use is dropped, counted by
# reason, and never reaches a VM; options it does not know are skipped
# unless critical (RFC 8926 3.5).
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 peer
#                   (VNI 100, GENEVE)                 (crafts UDP to :6081)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

N=5
GENEVE_PORT=6081

setup() {
	mk_hv hv1 10.99.0.1
	mk_hv peer 10.99.0.2
	link_hvs hv1 10.99.0.1 peer 10.99.0.2
	mk_nvo hv1 encap geneve
	mk_vm vm1 hv1 100 10.0.0.1/24
}

# send_geneve MARKER VERSION FLAGS PROTO VNI OPTIONS [SHAPE]: N datagrams
# from peer to hv1:6081, each a GENEVE header (VERSION, FLAGS byte, protocol
# type PROTO, VNI, option bytes OPTIONS in hex, their length in the header
# in 4-byte words, rounded down) and an Ethernet frame for vm1 carrying
# MARKER in a UDP payload. SHAPE: full (default); optlen=N (the header
# claims N words of options, whatever follows); short (4 bytes of header).
send_geneve() {
	on peer "$PY" - "$1" "$2" "$3" "$4" "$5" "$6" "${7:-full}" "$N" "$(vm_mac vm1)" "$GENEVE_PORT" <<'EOF'
import socket, struct, sys
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

marker, ver, flags, proto, vni, opts, shape, count, dmac, port = sys.argv[1:11]
opts = bytes.fromhex(opts)
inner = bytes(Ether(dst=dmac, src="02:00:00:00:99:99") /
              IP(src="10.0.0.99", dst="10.0.0.1") /
              UDP(sport=40000, dport=9) / Raw(marker.encode()))
optlen = len(opts) // 4
if shape.startswith("optlen="):
    optlen = int(shape[7:])
hdr = struct.pack("!BBHI", (int(ver) << 6) | optlen, int(flags, 0), int(proto, 0),
                  int(vni) << 8)
payload = hdr[:4] if shape == "short" else hdr + opts + inner
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(int(count)):
    s.sendto(payload, ("10.99.0.1", int(port)))
EOF
}

# Options: class (2 bytes), type (critical bit 0x80), length in words, data.
OPT_NVO=fff0010100000007		# nvo's own: port identity 7
OPT_UNKNOWN=01020502aabbccdd11223344	# class 0x0102 type 5, 8 bytes of data
OPT_CRITICAL=01028501aabbccdd		# class 0x0102 type 0x85: critical
OPT_LONG=01020505aabbccdd		# says 20 bytes of data, has 4

# expect_delivered VERSION FLAGS PROTO VNI OPTIONS: the frames reach vm1.
expect_delivered() {
	local m r0
	setup
	m=NVO-GNV-OK-$RANDOM$RANDOM
	r0=$(vni_counter hv1 nvo0 100 rx_packets)
	capture_start vm1 eth0 vm1
	send_geneve "$m" "$@"
	capture_stop vm1
	if ! pcap_has vm1 "$m"; then
		diag "hv1 nvo0 drops: $(stats_json hv1 | jq -c '.[] | select(.ifname == "nvo0") | .drops')"
		fail "the GENEVE frames did not reach vm1"
	fi
	assert_eq "$N" "$(pcap_frames vm1 udp dst port 9)" "frames delivered to vm1"
	assert_ge "$(vni_counter hv1 nvo0 100 rx_packets)" $((r0 + N)) "hv1 VNI 100 rx_packets"
}

# expect_drop REASON VNI_TOO VERSION FLAGS PROTO VNI OPTIONS [SHAPE]: not
# delivered, counted as REASON by the device and, if VNI_TOO is "vni"
# (the header was read far enough to know its VNI), by VNI 100.
expect_drop() {
	local reason=$1 vni_too=$2 m d0 v0
	shift 2
	setup
	m=NVO-GNV-BAD-$RANDOM$RANDOM
	d0=$(drop_counter hv1 nvo0 "$reason")
	v0=$(vni_drop_counter hv1 nvo0 100 "$reason")
	capture_start vm1 eth0 vm1
	send_geneve "$m" "$@"
	capture_stop vm1
	if pcap_has vm1 "$m"; then
		pcap_show vm1 >&2
		fail "a GENEVE frame that must be dropped ($reason) reached vm1"
	fi
	assert_eq $((d0 + N)) "$(drop_counter hv1 nvo0 "$reason")" "hv1 nvo0 drops $reason"
	if [ "$vni_too" = vni ]; then
		assert_eq $((v0 + N)) "$(vni_drop_counter hv1 nvo0 100 "$reason")" "hv1 VNI 100 drops $reason"
	fi
}

valid_frame_delivered() { expect_delivered 0 0 0x6558 100 ""; }
nvo_option_delivered() { expect_delivered 0 0 0x6558 100 "$OPT_NVO"; }
# The positive control for critical_option below: the same option, not
# critical, after nvo's own.
unknown_option_skipped() { expect_delivered 0 0 0x6558 100 "$OPT_NVO$OPT_UNKNOWN"; }
# The C flag (0x40) only says a critical option is present: with none,
# the frame is fine.
c_flag_without_critical() { expect_delivered 0 0x40 0x6558 100 "$OPT_UNKNOWN"; }

unknown_vni() { expect_drop unknown_vni dev 0 0 0x6558 4242 ""; }
truncated_header() { expect_drop truncated dev 0 0 0x6558 100 "" short; }
# Option length past the end of the options: the option says 24 bytes,
# the header's option length 8.
truncated_option() { expect_drop truncated vni 0 0 0x6558 100 "$OPT_LONG"; }
# Options past the end of the datagram: the header claims 63 words.
options_past_end() { expect_drop truncated dev 0 0 0x6558 100 "" optlen=63; }
critical_option() { expect_drop critical_opt vni 0 0x40 0x6558 100 "$OPT_NVO$OPT_CRITICAL"; }
version_1() { expect_drop bad_flags dev 1 0 0x6558 100 ""; }
oam_frame() { expect_drop bad_flags dev 0 0x80 0x6558 100 ""; }
not_ethernet() { expect_drop bad_proto dev 0 0 0x0800 100 ""; }

ktap_plan 12
run_case valid_frame_delivered valid_frame_delivered
run_case nvo_option_delivered nvo_option_delivered
run_case unknown_option_skipped unknown_option_skipped
run_case c_flag_without_critical c_flag_without_critical
run_case unknown_vni unknown_vni
run_case truncated_header truncated_header
run_case truncated_option truncated_option
run_case options_past_end options_past_end
run_case critical_option critical_option
run_case version_1 version_1
run_case oam_frame oam_frame
run_case not_ethernet not_ethernet
ktap_finish
