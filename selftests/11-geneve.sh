#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# GENEVE (RFC 8926) between two nvo hypervisors, VNI by VNI next to VXLAN,
# with nvo's port-identity option.
#
#   vm1 10.0.0.1 (VNI 100)               vm2 10.0.0.2 (VNI 100)
#   vm3 10.0.1.3 (VNI 200)               vm4 10.0.1.4 (VNI 200)
#    |                                    |
#   hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2
#
# VXLAN is UDP 4789, GENEVE UDP 6081; a device listens on both and each VNI
# sends with the device's encapsulation unless it has its own.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

GENEVE_PORT=6081
# The identity hv1 puts in the option for vm1's frames: 0x1234abcd.
PORT_ID=305441741

# geneve_pair: both devices default to GENEVE, vm1 and vm2 in VNI 100.
geneve_pair() {
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	mk_nvo hv1 encap geneve "$@"
	mk_nvo hv2 encap geneve "$@"
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
}

# The VNI's frames are GENEVE, on UDP 6081 and nothing on 4789.
geneve_ping_tcp() {
	local text
	geneve_pair
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	capture_start hv2 "$(ul_dev hv2)" ul udp
	on vm1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
	capture_stop ul
	assert_eq 0 "$(pcap_frames ul udp port "$VXLAN_PORT")" "frames on the VXLAN port"
	text=$(pcap_text ul udp dst port "$GENEVE_PORT")
	assert_contains "$text" "Geneve, Flags [none], vni 0x64, proto TEB (0x6558)" "GENEVE header"
	assert_contains "$text" "10.0.0.1 > 10.0.0.2: ICMP echo request" "inner packet"
	assert_tcp vm2 vm1 10.0.0.2 -n 10M
	assert_tcp vm1 vm2 10.0.0.1 -n 10M
}

# per_vni_setup: devices default to VXLAN; VNI 100 (vm1, vm2) keeps that,
# VNI 200 (vm3, vm4) is GENEVE on both hypervisors.
per_vni_setup() {
	two_hvs
	vni_add hv1 200 encap geneve
	vni_add hv2 200 encap geneve
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	vm_pair 200 vm3 10.0.1.3/24 vm4 10.0.1.4/24
}

# wire_ports NAME VXLAN_VNIS GENEVE_VNIS: in capture NAME, the VXLAN frames
# carry exactly the VNIs listed (space separated, decimal), and so do the
# GENEVE frames (tcpdump prints GENEVE VNIs in hex).
wire_ports() {
	local name=$1 v got
	got=$(pcap_text "$name" udp port "$VXLAN_PORT" | grep -oE 'VXLAN, flags \[I\] \(0x08\), vni [0-9]+' |
		awk '{ print $NF }' | sort -un | xargs)
	assert_eq "$2" "$got" "VNIs on UDP $VXLAN_PORT (VXLAN)"
	got=$(pcap_text "$name" udp port "$GENEVE_PORT" | grep -oE 'Geneve, Flags \[[^]]*\], vni 0x[0-9a-f]+' |
		awk '{ printf "%d\n", $NF }' | sort -un | xargs)
	assert_eq "$3" "$got" "VNIs on UDP $GENEVE_PORT (GENEVE)"
	# nothing else
	v=$(pcap_frames "$name" udp and not port "$VXLAN_PORT" and not port "$GENEVE_PORT")
	assert_eq 0 "$v" "other UDP frames on the underlay"
}

# both_vnis_ping: each pair exchanges a few pings while hv2's underlay
# is captured as NAME.
both_vnis_ping() {
	capture_start hv2 "$(ul_dev hv2)" "$1" udp
	assert_ping vm1 10.0.0.2 2
	assert_ping vm3 10.0.1.4 2
	assert_ping vm4 10.0.1.3 2
	capture_stop "$1"
}

# JSON of `nvctl show`: the VNI's encapsulation and whether it is the
# device's.
vni_json() {
	show_json "$1" | jq -c --argjson v "$2" \
		'.[] | select(.ifname == "nvo0") | .vnis[] | select(.vni == $v) | [.encap, .encap_inherited]'
}

per_vni_encap() {
	per_vni_setup
	assert_eq '["vxlan",true]' "$(vni_json hv1 100)" "hv1 VNI 100 [encap, encap_inherited]"
	assert_eq '["geneve",false]' "$(vni_json hv1 200)" "hv1 VNI 200 [encap, encap_inherited]"
	both_vnis_ping ul
	wire_ports ul 100 200
}

# `vni set` switches a VNI's encapsulation while traffic runs; "default"
# returns it to the device's. A receiver takes both encapsulations for any
# VNI, so the two ends may even differ for a while.
vni_set_live() {
	per_vni_setup
	assert_ping vm3 10.0.1.4 2

	# hv1 only: hv1 sends VNI 200 as VXLAN, hv2 still as GENEVE.
	vni_set hv1 200 encap vxlan
	capture_start hv2 "$(ul_dev hv2)" mixed udp
	assert_ping vm3 10.0.1.4 2
	capture_stop mixed
	assert_ge "$(pcap_frames mixed src 10.99.0.1 and udp dst port "$VXLAN_PORT")" 2 "VXLAN frames from hv1"
	assert_ge "$(pcap_frames mixed src 10.99.0.2 and udp dst port "$GENEVE_PORT")" 2 "GENEVE frames from hv2"
	assert_eq 0 "$(pcap_frames mixed src 10.99.0.1 and udp dst port "$GENEVE_PORT")" "GENEVE frames from hv1"

	# Both VXLAN now, then VNI 100 becomes GENEVE: the two have swapped.
	vni_set hv2 200 encap vxlan
	vni_set hv1 100 encap geneve
	vni_set hv2 100 encap geneve
	assert_eq '["geneve",false]' "$(vni_json hv1 100)" "hv1 VNI 100 [encap, encap_inherited]"
	both_vnis_ping swapped
	wire_ports swapped 200 100

	# default: the device's encapsulation (VXLAN) for both VNIs.
	vni_set hv1 100 encap default
	vni_set hv2 100 encap default
	assert_eq '["vxlan",true]' "$(vni_json hv1 100)" "hv1 VNI 100 [encap, encap_inherited]"
	both_vnis_ping default
	wire_ports default "100 200" ""
}

# geneve_opt_bytes NAME SRC: the GENEVE options (hex) of the frames from
# SRC in capture NAME, one line per frame, "-" for a frame without any:
# the option length is the low 6 bits of the first header byte, in 4-byte
# words, and the options follow the 8-byte base header.
geneve_opt_bytes() {
	local src dp pl n
	while read -r _ src _ _ _ _ dp _ pl; do
		if [ "$src" != "$2" ] || [ "$dp" != "$GENEVE_PORT" ]; then
			continue
		fi
		n=$(((16#${pl:0:2} & 63) * 8))
		if [ "$n" -eq 0 ]; then
			echo -
		else
			echo "${pl:16:n}"
		fi
	done < <(pcap_udp "$1")
}

# With geneve-port-id on, a port with an id sends class 0xfff0, type 1,
# length 1 (4 bytes), then the id big-endian; a port without one sends no
# option; the receiver takes both.
port_id_option() {
	local opts
	geneve_pair geneve-port-id on
	# vm1's port again, now with its identity.
	port_del hv1 v-vm1
	port_add hv1 v-vm1 100 id "$PORT_ID"
	capture_start hv2 "$(ul_dev hv2)" ul udp dst port "$GENEVE_PORT"
	assert_ping vm1 10.0.0.2 3
	capture_stop ul
	opts=$(geneve_opt_bytes ul 10.99.0.1 | sort -u)
	assert_eq "fff00101$(printf '%08x' "$PORT_ID")" "$opts" "option bytes of hv1's GENEVE frames"
	# vm2's port has no id: hv2's replies have no option.
	opts=$(geneve_opt_bytes ul 10.99.0.2 | sort -u)
	assert_eq "-" "$opts" "option bytes of hv2's GENEVE frames"
	assert_contains "$(pcap_text ul src 10.99.0.1)" "class Experimental (0xfff0) type 0x1" "tcpdump's view of the option"
}

# geneve-port-id off (the default): a port id is not sent.
port_id_off() {
	local opts
	geneve_pair
	port_del hv1 v-vm1
	port_add hv1 v-vm1 100 id "$PORT_ID"
	capture_start hv2 "$(ul_dev hv2)" ul udp dst port "$GENEVE_PORT"
	assert_ping vm1 10.0.0.2 3
	capture_stop ul
	opts=$(geneve_opt_bytes ul 10.99.0.1 | sort -u)
	assert_eq "-" "$opts" "option bytes of hv1's GENEVE frames"
	assert_ge "$(geneve_opt_bytes ul 10.99.0.1 | wc -l)" 3 "GENEVE frames from hv1"
}

# tshark_has NEEDLE: tshark's output (tshark.txt) contains NEEDLE.
tshark_has() {
	grep -qF -- "$1" "$CASE_DIR/tshark.txt" && return 0
	fail "tshark -V does not say '$1' (its output: tshark.txt)"
}

# Wireshark's dissectors take nvo's VXLAN and GENEVE frames (option
# included) without a malformed packet or an expert warning.
tshark_dissects() {
	local expert
	require_cmd tshark
	per_vni_setup
	nv hv1 link set nvo0 geneve-port-id on
	port_del hv1 v-vm3
	port_add hv1 v-vm3 200 id "$PORT_ID"
	assert_ping vm1 10.0.0.2 1
	assert_ping vm3 10.0.1.4 1
	CAP_SNAPLEN=0 capture_start hv2 "$(ul_dev hv2)" ul udp
	on vm1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
	on vm3 ping -c 2 -i 0.2 -W 2 10.0.1.4 >/dev/null
	capture_stop ul
	# The packets in detail, then the expert infos of warning severity or
	# worse. tshark writes its profile under $HOME, read-only in the VM.
	HOME=$CASE_DIR tshark -n -r "$(pcap_file ul)" -V -z expert,warn >"$CASE_DIR/tshark.txt" 2>&1 ||
		fail "tshark failed: $(tail -n 3 "$CASE_DIR/tshark.txt")"
	tshark_has "Virtual eXtensible Local Area Network"
	tshark_has "VXLAN Network Identifier (VNI): 100"
	tshark_has "Generic Network Virtualization Encapsulation, VNI: 0x0000c8"
	tshark_has "Protocol Type: Transparent Ethernet bridging (0x6558)"
	tshark_has "Unknown, Class: Experimental (0xfff0) Type: 0x01 (Non-critical)"
	tshark_has "Unknown Option Data: $(printf '%08x' "$PORT_ID")"
	tshark_has "Internet Control Message Protocol"
	if grep -qF "Malformed" "$CASE_DIR/tshark.txt"; then
		grep -F -m 5 -B 3 "Malformed" "$CASE_DIR/tshark.txt" | quote >&2
		fail "tshark finds malformed packets"
	fi
	expert=$(sed -n '/^\(Errors\|Warns\) (/,$p' "$CASE_DIR/tshark.txt")
	[ -z "$expert" ] || { quote <<<"$expert" >&2; fail "tshark reports expert warnings or errors"; }
}

ktap_plan 6
run_case geneve_ping_tcp geneve_ping_tcp
run_case per_vni_encap per_vni_encap
run_case vni_set_live vni_set_live
run_case port_id_option port_id_option
run_case port_id_off port_id_off
run_case tshark_dissects tshark_dissects
ktap_finish
