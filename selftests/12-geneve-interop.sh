#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nvo speaks the same GENEVE as Linux's geneve driver and as Open vSwitch's
# kernel datapath.
#
#   vm1 10.0.0.1                          vm2 10.0.0.2
#    |  (port, VNI 100)                    |
#   hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 hv2: gnv0 (Linux geneve id 100) + br0
#     (encap geneve)                          or OVS datapath ovs-system with a
#                                             geneve vport and two flows

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

GENEVE_PORT=6081

# nvo_side [LINK OPTIONS...]: hv1 with nvo0 (GENEVE) and vm1, vm2's
# namespace attached to nothing yet in hv2.
nvo_side() {
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	mk_nvo hv1 encap geneve "$@"
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm_raw vm2 hv2 10.0.0.2/24
	flood_add hv1 100 10.99.0.2
	fdb_add hv1 100 "$(vm_mac vm2)" 10.99.0.2
}

# linux_setup [LINK OPTIONS...]: hv2 bridges vm2 with a Linux geneve device.
linux_setup() {
	local h2
	nvo_side "$@"
	h2=$(ns hv2)
	ip -n "$h2" link add gnv0 type geneve id 100 remote 10.99.0.1 dstport "$GENEVE_PORT"
	ip -n "$h2" link add br0 type bridge
	printf '%s\n' "link set gnv0 master br0" "link set v-vm2 master br0" \
		"link set gnv0 up" "link set br0 up" | ip -n "$h2" -batch -
}

linux_ping_tcp() {
	local text
	linux_setup
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	# GENEVE both ways, VNI 100.
	capture_start hv2 "$(ul_dev hv2)" ul udp
	on vm2 ping -c 2 -i 0.2 -W 2 10.0.0.1 >/dev/null
	capture_stop ul
	text=$(pcap_text ul)
	assert_contains "$text" "10.99.0.1.$GENEVE_PORT: Geneve, Flags [none], vni 0x64" "Linux geneve's frames"
	assert_contains "$text" "10.99.0.2.$GENEVE_PORT: Geneve, Flags [none], vni 0x64" "nvo's frames"
	assert_eq 0 "$(pcap_frames ul udp and not port "$GENEVE_PORT")" "other UDP frames"
	assert_tcp vm2 vm1 10.0.0.2 -n 10M
	assert_tcp vm1 vm2 10.0.0.1 -n 10M
}

# nvo's port identity is a non-critical option: Linux's geneve ignores it.
linux_with_port_id() {
	linux_setup geneve-port-id on
	port_del hv1 v-vm1
	port_add hv1 v-vm1 100 id 7
	capture_start hv2 "$(ul_dev hv2)" ul udp dst port "$GENEVE_PORT" and src 10.99.0.1
	assert_ping vm1 10.0.0.2
	capture_stop ul
	assert_contains "$(pcap_text ul)" "options [class Experimental (0xfff0) type 0x1 len 8]" "nvo's frames"
	assert_ping vm2 10.0.0.1
}

# ovs NAME CMD...: ovs-dpctl in hv2, the command shown if it fails.
ovs() {
	local out
	out=$(on hv2 ovs-dpctl "$@" 2>&1) && { [ -z "$out" ] || echo "$out"; return 0; }
	diag "ovs-dpctl $*:"
	quote <<<"$out" >&2
	return 1
}

_ovs_diag() {
	diag "ovs-dpctl show; dump-flows in hv2:"
	on hv2 ovs-dpctl show 2>&1 | quote >&2
	on hv2 ovs-dpctl dump-flows 2>&1 | quote >&2
}

# Open vSwitch's kernel datapath without its daemon: a datapath with vm2's
# veth and a GENEVE vport (collect_md: the flow sets the tunnel), and one
# flow each way. No tunnel match on the way in: the input port says it all.
ovs_setup() {
	local show p_vm p_gnv
	require_cmd ovs-dpctl
	nvo_side
	ovs add-dp ovs-system || skip "no Open vSwitch datapath in this kernel"
	defer "ip netns exec '$(ns hv2)' ovs-dpctl del-dp ovs-system"
	ovs add-if ovs-system v-vm2
	ovs add-if ovs-system "genev_sys_$GENEVE_PORT,type=geneve,remote_ip=flow,key=flow,dst_port=$GENEVE_PORT"
	show=$(ovs show ovs-system)
	p_vm=$(sed -n 's/^ *port \([0-9]*\): v-vm2.*/\1/p' <<<"$show")
	p_gnv=$(sed -n "s/^ *port \\([0-9]*\\): genev_sys_$GENEVE_PORT.*/\\1/p" <<<"$show")
	if [ -z "$p_vm" ] || [ -z "$p_gnv" ]; then
		quote <<<"$show" >&2
		fail "ports not found in ovs-dpctl show"
	fi
	ovs add-flow ovs-system "in_port($p_vm),eth()" \
		"set(tunnel(tun_id=0x64,dst=10.99.0.1,ttl=64,tp_dst=$GENEVE_PORT,flags(df|key))),$p_gnv"
	ovs add-flow ovs-system "in_port($p_gnv),eth()" "$p_vm"
}

ovs_ping() {
	local text
	ovs_setup
	capture_start hv2 "$(ul_dev hv2)" ul udp
	assert_ping vm1 10.0.0.2 || { _ovs_diag; return 1; }
	assert_ping vm2 10.0.0.1 || { _ovs_diag; return 1; }
	capture_stop ul
	text=$(pcap_text ul)
	assert_contains "$text" "10.99.0.1.$GENEVE_PORT: Geneve, Flags [none], vni 0x64" "OVS's frames"
	assert_contains "$text" "10.99.0.2.$GENEVE_PORT: Geneve, Flags [none], vni 0x64" "nvo's frames"
}

ktap_plan 3
run_case linux_ping_tcp linux_ping_tcp
run_case linux_with_port_id linux_with_port_id
run_case ovs_ping ovs_ping
ktap_finish
