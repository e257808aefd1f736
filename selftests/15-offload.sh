#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Offloads through the overlay: nvo encapsulates a VM's GSO superframe
# whole and leaves segmentation to the underlay (GSO), and decapsulates a
# train of frames merged by the underlay's GRO once.
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2 -- vm2 10.0.0.2
#                   (VNI 100)        ul-hv2       ul-hv1        (VNI 100)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

UL_MTU=1500

setup() {
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
}

# tracefs: where it is mounted, mounting it if nobody has.
tracefs() {
	local d
	for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
		[ -d "$d/instances" ] && { echo "$d"; return 0; }
	done
	mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || return 1
	[ -d /sys/kernel/tracing/instances ] && echo /sys/kernel/tracing
}

# trace_xmit_start DEV: a tracing instance of this case records
# net:net_dev_start_xmit for DEV (any namespace: the names here are unique),
# the last step before the driver gets the skb: GSO is either still whole
# there or already segmented by the stack.
trace_xmit_start() {
	local t ev
	t=$(tracefs) || skip "no tracefs in this kernel"
	ev=$t/instances/nvo-$T-$$/events/net/net_dev_start_xmit
	mkdir "$t/instances/nvo-$T-$$" 2>/dev/null || skip "cannot create a tracing instance"
	defer "rmdir '$t/instances/nvo-$T-$$'"
	[ -d "$ev" ] || skip "no net:net_dev_start_xmit event in this kernel"
	echo 4096 >"$t/instances/nvo-$T-$$/buffer_size_kb"
	echo "name == \"$1\"" >"$ev/filter"
	echo 1 >"$ev/enable"
	TRACE_DIR=$t/instances/nvo-$T-$$
}

# trace_xmit_stop: the events recorded, one line each: "LEN GSO_SEGS".
trace_xmit_stop() {
	echo 0 >"$TRACE_DIR/events/net/net_dev_start_xmit/enable"
	sed -n 's/.* len=\([0-9]*\) .* gso_segs=\([0-9]*\) .*/\1 \2/p' "$TRACE_DIR/trace" >"$CASE_DIR/xmit.txt"
	cat "$CASE_DIR/xmit.txt"
}

# A bulk transfer vm1 -> vm2: most skbs hv1's underlay veth gets are
# superframes, longer than its MTU, each many segments. (Only vm1's data
# goes that way; vm2's ACKs leave hv2 by the other veth.)
gso_superframes() {
	local ev n big segs
	setup
	trace_xmit_start "$(ul_dev hv1)"
	assert_tcp vm2 vm1 10.0.0.2 -n 5M
	ev=$(trace_xmit_stop)
	n=$(wc -l <<<"$ev")
	big=$(awk -v m=$((UL_MTU + 14)) '$1 > m' <<<"$ev" | wc -l)
	segs=$(awk '{ s += ($2 > 1 ? $2 : 1) } END { print s + 0 }' <<<"$ev")
	diag "hv1's underlay sent $n skbs, $big of them longer than $UL_MTU bytes, $segs segments in all"
	assert_ge "$n" 10 "skbs seen on hv1's underlay"
	# 5 MB in MTU-sized frames is over 3500 segments; superframes make them
	# a few hundred skbs.
	assert_gt $((big * 2)) "$n" "superframes among the skbs (more than half)"
	# Some data may still be queued when the client returns.
	assert_ge "$segs" 1000 "segments carried"
}

# underlay_rx HV: packets received by HV's underlay veth.
underlay_rx() {
	ip -n "$(ns "$1")" -s -j link show "$(ul_dev "$1")" | jq '.[0].stats64.rx.packets'
}

# gro_ratio: bulk vm1 -> vm2 after which "UL VNI BYTES" are printed: the
# frames hv2's underlay received, the decapsulations VNI 100 counted and
# the bytes vm2 had when iperf3 ended (on a loaded machine the rest of
# the 3 MB may still be on the way then, and is never read).
gro_ratio() {
	local u0 v0 name=gro-$RANDOM
	u0=$(underlay_rx hv2)
	v0=$(vni_counter hv2 nvo0 100 rx_packets)
	iperf_server vm2
	iperf_client vm1 10.0.0.2 "$name" -n 3M
	echo "$(($(underlay_rx hv2) - u0)) $(($(vni_counter hv2 nvo0 100 rx_packets) - v0))" \
		"$(iperf_json "$name" '.end.sum_received.bytes')"
}

# gro_frames WHAT UL BYTES: a bulk transfer worth measuring (1 MB or
# more), and at least one frame on hv2's underlay per 1450 bytes of it
# (the tenant MTU; TCP carries less in each).
gro_frames() {
	assert_ge "$3" 1000000 "bytes vm2 received ($1)"
	assert_ge "$2" $(($3 / 1450)) "frames received by hv2's underlay ($1)"
}

# hv1 segments its superframes before they leave, so MTU-sized frames
# cross; hv2's veth merges them (GRO) and nvo's GRO hooks keep the trains
# whole: VNI 100 counts far fewer packets than the veth received. With GRO
# off, one each.
# GRO on a veth (Linux 6.1) takes its NAPI mode, which `ethtool -K gro on`
# turns on (GRO is off by default on veths), and a sending peer without
# TSO: veth_xmit() bypasses NAPI for frames from a peer with any TSO
# feature (veth_skb_is_eligible_for_gro()), so hv1's veth has TSO off, and
# UDP tunnel segmentation too, which makes the stack segment.
gro_receive() {
	local r ul vni bytes
	setup
	on hv1 ethtool -K "$(ul_dev hv1)" tso off tx-udp_tnl-segmentation off \
		tx-udp_tnl-csum-segmentation off >/dev/null
	on hv2 ethtool -K "$(ul_dev hv2)" gro off >/dev/null

	read -r ul vni bytes <<<"$(gro_ratio)"
	diag "GRO off: vm2 received $bytes bytes, hv2's underlay $ul frames, VNI 100 decapsulated $vni"
	gro_frames "GRO off" "$ul" "$bytes"
	assert_ge "$vni" $((ul * 9 / 10)) "VNI 100 rx_packets (GRO off): about one per frame"

	on hv2 ethtool -K "$(ul_dev hv2)" gro on >/dev/null
	r=$(on hv2 ethtool -k "$(ul_dev hv2)" | grep '^generic-receive-offload:')
	assert_eq "generic-receive-offload: on" "$r" "hv2's underlay veth"
	read -r ul vni bytes <<<"$(gro_ratio)"
	diag "GRO on: vm2 received $bytes bytes, hv2's underlay $ul frames, VNI 100 decapsulated $vni"
	gro_frames "GRO on" "$ul" "$bytes"
	assert_gt "$vni" 0 "VNI 100 rx_packets (GRO on)"
	assert_ge "$ul" $((vni * 3)) "underlay frames per decapsulation (GRO on): 3 or more"
}

ktap_plan 2
run_case gso_superframes gso_superframes
run_case gro_receive gro_receive
ktap_finish
