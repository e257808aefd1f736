#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test rig itself, without nvo: if one of these fails, the VM or lib.sh
# is broken and nothing the other scripts say about nvo can be trusted.
#
#   a (10.99.0.1) ---- veth underlay ---- b (10.99.0.2)
#   vxlan 42 + br0                        vxlan 42 + br0
#   |                                     |
#   vm1 10.0.0.1                          vm2 10.0.0.2

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

tools() {
	local c
	for c in ip bridge ping iperf3 tcpdump socat jq setpriv timeout modprobe sysctl; do
		command -v "$c" >/dev/null || fail "$c is not installed"
	done
	"$PY" -c 'from scapy.layers.inet import IP' || fail "$PY cannot import scapy"
}

veth_ping() {
	local v6
	mk_hv a 10.99.0.1
	mk_hv b 10.99.0.2
	link_hvs a 10.99.0.1 b 10.99.0.2
	assert_ping a 10.99.0.2
	assert_ping b 10.99.0.1
	# Namespaces start without IPv6, so no frame appears that a test did
	# not send (router solicitations, MLD, DAD).
	v6=$(ip -n "$(ns a)" -6 addr show)
	assert_eq "" "$v6" "IPv6 addresses in a"
}

# Module autoload (vxlan, bridge) needs the VM's PID 1 in the real root.
linux_vxlan() {
	local hv other
	mk_hv a 10.99.0.1
	mk_hv b 10.99.0.2
	link_hvs a 10.99.0.1 b 10.99.0.2
	mk_vm_raw vm1 a 10.0.0.1/24
	mk_vm_raw vm2 b 10.0.0.2/24
	for hv in a b; do
		[ "$hv" = a ] && other=b || other=a
		ip -n "$(ns "$hv")" link add vx0 type vxlan id 42 local "$(hv_ip "$hv")" \
			dstport "$VXLAN_PORT" nolearning
		ip -n "$(ns "$hv")" link add br0 type bridge
		ip -n "$(ns "$hv")" link set vx0 master br0
		ip -n "$(ns "$hv")" link set "v-vm${hv/a/1}" master br0 2>/dev/null ||
			ip -n "$(ns "$hv")" link set "v-vm${hv/b/2}" master br0
		ip -n "$(ns "$hv")" link set vx0 up
		ip -n "$(ns "$hv")" link set br0 up
		bridge -n "$(ns "$hv")" fdb append 00:00:00:00:00:00 dev vx0 dst "$(hv_ip "$other")"
	done
	capture_start a "$(ul_dev a)" ul udp dst port "$VXLAN_PORT"
	assert_ping vm1 10.0.0.2
	capture_stop ul
	assert_gt "$(pcap_count ul)" 0 "VXLAN frames seen on the underlay"
}

iperf() {
	mk_hv a 10.99.0.1
	mk_hv b 10.99.0.2
	link_hvs a 10.99.0.1 b 10.99.0.2
	assert_tcp a b 10.99.0.1 -t 2
}

# A case leaves a namespace and a process behind on purpose ...
leave_mess() {
	mk_ns junk
	bg junk sleep 1000
	sleep 1
}

# ... which must be gone before the next case starts.
mess_cleaned() {
	local left
	left=$(ip netns list | grep -F "$T-leave_mess-" || true)
	assert_eq "" "$left" "namespaces left by the previous case"
	left=$(pgrep -f 'sleep 1000' || true)
	assert_eq "" "$left" "processes left by the previous case"
}

ktap_plan 6
run_case tools tools
run_case veth_ping veth_ping
run_case linux_vxlan linux_vxlan
run_case iperf3 iperf
run_case leave_mess leave_mess
run_case mess_cleaned mess_cleaned
ktap_finish
