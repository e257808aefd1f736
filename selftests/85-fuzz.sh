#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzzing: mutated netlink requests (selftests/fuzz/nlfuzz) and malformed
# frames from the underlay and from ports (selftests/fuzz/pktfuzz.py).
# Small counts here; `make fuzz` runs the same cases with large ones.
#
#   netlink:  hv1 with nvo0 (VNIs, ports p0-p2, FDB, flood lists, 40 more
#             VNIs and 400 FDB entries for dumps of several parts) and
#             nvo1; p4 is a bridge port, p5 has a macvlan (busy devices)
#
#   packets:  vm1 (VNI 100) --+                      +-- vm3 (VNI 100)
#             vm2 (VNI 200) --+- hv1 nvo0 ==== nvo0 hv2 -+-- vm4 (VNI 200)
#                               10.99.0.1      10.99.0.2
#                               2001:db8:99::1 2001:db8:99::2
#
# Environment: NVO_FUZZ_COUNT (netlink requests per netlink case, default
# 500), NVO_FUZZ_PKT_COUNT (frames per packet case, default 300),
# NVO_FUZZ_SEED (default 1: `make check` is repeatable).

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

COUNT=${NVO_FUZZ_COUNT:-500}
PKT_COUNT=${NVO_FUZZ_PKT_COUNT:-300}
SEED=${NVO_FUZZ_SEED:-1}
NLFUZZ=$REPO/selftests/fuzz/nlfuzz
PKTFUZZ=$REPO/selftests/fuzz/pktfuzz.py
# A large run takes as long as it takes: each case gets the usual limit
# (NVO_CASE_TIMEOUT, larger on the debug kernel, which is slower by as
# much) plus time for its count, 0.1 s a request and 0.2 s a frame.
_base=${NVO_CASE_TIMEOUT:-180}
# shellcheck disable=SC2034 # run_case's limit (lib.sh)
CASE_TIMEOUT=$((_base + (COUNT / 10 + PKT_COUNT / 5) * (_base / 180 > 1 ? _base / 180 : 1)))

# --- netlink ---------------------------------------------------------------

nl_setup() {
	local i
	[ -x "$NLFUZZ" ] || fail "$NLFUZZ is not built (make)"
	klog_mark
	mk_hv hv1 10.99.0.1
	# An underlay with routes to the remotes, so that the VNIs' path MTU
	# is a real lookup; nothing sends traffic.
	printf '%s\n' "link add ul0 up type veth peer name ul1" "link set ul1 up" \
		"addr add 10.99.0.1/24 dev ul0" | ip -n "$(ns hv1)" -batch -
	mk_nvo hv1 learning off
	nv hv1 link add nvo1 local 10.99.0.1 dstport 4790 geneve-port 6082 learning off up
	# Ports-to-be, down: no frame ever moves.
	for i in 0 1 2 3 4 5; do
		echo "link add p$i type veth peer name q$i"
	done | ip -n "$(ns hv1)" -batch -
	printf '%s\n' "link add br0 type bridge" "link set p4 master br0" \
		"link add mv0 link p5 type macvlan" | ip -n "$(ns hv1)" -batch -
	vni_add hv1 100
	vni_add hv1 200 encap geneve
	vni_add hv1 300
	port_add hv1 p0 100 id 7
	port_add hv1 p1 100
	port_add hv1 p2 200
	fdb_add hv1 100 02:00:00:00:01:01 10.99.0.2
	fdb_add_port hv1 100 02:00:00:00:01:02 p1
	fdb_add hv1 200 02:00:00:00:02:01 2001:db8:99::2
	flood_add hv1 100 10.99.0.2
	flood_add hv1 100 10.99.0.3
	flood_add hv1 200 2001:db8:99::2
	nv hv1 vni add nvo1 vni 100
	nv hv1 vni add nvo1 vni 400
	nv hv1 port add nvo1 dev p3 vni 400
	nv hv1 fdb add nvo1 vni 400 mac 02:00:00:00:04:01 remote 10.99.0.2
	nv hv1 flood add nvo1 vni 400 remote 10.99.0.2
}

# nlfuzz ARGS...: runs the fuzzer in hv1 as root; its report is quoted.
nlfuzz() {
	local rc=0
	on hv1 "$NLFUZZ" --count "$COUNT" "$@" >"$CASE_DIR/nlfuzz.log" 2>&1 || rc=$?
	quote <"$CASE_DIR/nlfuzz.log" >&2
	return "$rc"
}

# nl_failed RC: names the checks behind nlfuzz's exit status RC, fails.
nl_failed() {
	local rc=$1
	[ $((rc & 1)) = 0 ] || diag "invariant: a rejected request changed the configuration, or got no answer (INVARIANT above)"
	[ $((rc & 2)) = 0 ] || diag "extack: rejections by nvo without an extack message (listed above)"
	[ $((rc & 4)) = 0 ] || diag "unpriv: a request without CAP_NET_ADMIN was not refused with EPERM, or changed something"
	[ $((rc & 8)) = 0 ] || diag "dumps: a change during a dump was not flagged NLM_F_DUMP_INTR (DUMPS above)"
	[ "$rc" -lt 16 ] || diag "nlfuzz could not run"
	return 1
}

# Rejected requests change nothing; dumps interrupted in every way.
nl_invariant() {
	nl_setup
	nlfuzz --seed "$SEED" --fill-vnis 40 --fill-fdb 400 --check invariant || nl_failed $?
	assert_klog_clean
}

# Every rejection by nvo says why (NLMSGERR_ATTR_MSG). Another seed, no
# large tables: more requests a second. The invariant holds here too.
nl_extack() {
	nl_setup
	nlfuzz --seed $((SEED + 1000)) --check extack,invariant || nl_failed $?
	assert_klog_clean
}

# A dump that outlives a change of the tables flags NLM_F_DUMP_INTR.
nl_dump_consistency() {
	nl_setup
	COUNT=$((COUNT / 4 + 1)) nlfuzz --seed $((SEED + 2000)) --dumps-only \
		--fill-vnis 40 --fill-fdb 400 --check dumps,invariant || nl_failed $?
	assert_klog_clean
}

# Without CAP_NET_ADMIN, every mutating request is refused with EPERM and
# nothing changes. The binary goes to the case directory: the tree may not
# be readable by "nobody".
nl_unprivileged() {
	local bin=$CASE_DIR/nlfuzz rc=0
	nl_setup
	install -m 755 "$NLFUZZ" "$bin"
	on hv1 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$bin" --unpriv --seed $((SEED + 3000)) --count $((COUNT / 3 + 1)) \
		--check unpriv,invariant >"$CASE_DIR/nlfuzz.log" 2>&1 || rc=$?
	quote <"$CASE_DIR/nlfuzz.log" >&2
	[ "$rc" = 0 ] || nl_failed "$rc"
	assert_klog_clean
}

# The requests of earlier findings (selftests/fuzz/repro-*.txt), replayed
# on the device they were found on: each is refused whole, with a reason,
# or accepted. A rename to a taken name is the documented exception, which
# nlfuzz counts apart.
nl_replay() {
	local f rc
	klog_mark
	mk_hv hv1 10.99.0.1
	mk_nvo hv1 learning off
	for f in "$REPO"/selftests/fuzz/repro-*.txt; do
		grep -q '^ *\(REPRO \)\?\(genl\|rtnl\) ' "$f" || continue
		diag "replaying ${f##*/}"
		rc=0
		on hv1 "$NLFUZZ" --replay "$f" --check invariant,extack \
			>"$CASE_DIR/nlfuzz.log" 2>&1 || rc=$?
		quote <"$CASE_DIR/nlfuzz.log" >&2
		[ "$rc" = 0 ] || nl_failed "$rc"
	done
	assert_klog_clean
}

# --- packets -----------------------------------------------------------------

# The topology pktfuzz.py expects (its docstring draws it).
pkt_setup() {
	local hv vm a b
	klog_mark
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	# IPv6 on the underlay only: the VMs stay silent.
	on hv1 sysctl -qw net.ipv6.conf.ul-hv2.disable_ipv6=0
	on hv2 sysctl -qw net.ipv6.conf.ul-hv1.disable_ipv6=0
	printf '%s\n' "addr add 2001:db8:99::1/64 dev ul-hv2 nodad" "link set ul-hv2 mtu 9000" |
		ip -n "$(ns hv1)" -batch -
	printf '%s\n' "addr add 2001:db8:99::2/64 dev ul-hv1 nodad" "link set ul-hv1 mtu 9000" |
		ip -n "$(ns hv2)" -batch -
	# Known neighbours: no frame waits for (or is lost to) resolution.
	for hv in hv1 hv2; do
		a=$(on "$hv" cat "/sys/class/net/$(ul_dev "$hv")/address")
		[ "$hv" = hv1 ] && b=hv2 || b=hv1
		printf '%s\n' "neigh replace ${HV_IP[$hv]} lladdr $a dev $(ul_dev "$b") nud permanent" \
			"neigh replace 2001:db8:99::${hv#hv} lladdr $a dev $(ul_dev "$b") nud permanent" |
			ip -n "$(ns "$b")" -batch -
	done
	mk_nvo hv1 learning off
	mk_nvo hv2 learning off
	for hv in hv1 hv2; do
		vni_add "$hv" 100
		vni_add "$hv" 200 encap geneve
	done
	vni_add hv1 300
	VM_MTU=9000 mk_vm vm1 hv1 100 10.0.0.1/24
	VM_MTU=1450 mk_vm vm2 hv1 200 10.0.0.1/24
	VM_MTU=9000 mk_vm vm3 hv2 100 10.0.0.3/24
	VM_MTU=1450 mk_vm vm4 hv2 200 10.0.0.3/24
	on hv1 ip link set v-vm1 mtu 9000
	on hv2 ip link set v-vm3 mtu 9000
	for vm in vm1 vm2 vm3 vm4; do
		ip -n "$(ns "$vm")" addr flush dev eth0
	done
	flood_add hv1 100 10.99.0.2
	flood_add hv1 200 2001:db8:99::2
	flood_add hv2 100 10.99.0.1
	flood_add hv2 200 2001:db8:99::1
	fdb_add hv1 100 "$(vm_mac vm3)" 10.99.0.2
	fdb_add hv1 200 "$(vm_mac vm4)" 2001:db8:99::2
	fdb_add_port hv1 100 02:00:00:00:aa:01 v-vm1
	fdb_add hv2 100 "$(vm_mac vm1)" 10.99.0.1
	fdb_add hv2 200 "$(vm_mac vm2)" 2001:db8:99::1
}

# pktfuzz PHASE SEED: pktfuzz.py over the topology, its report quoted.
pktfuzz() {
	local rc=0
	"$PY" "$PKTFUZZ" --prefix "$P" --nvctl "$NVCTL" --phase "$1" --seed "$2" \
		--count "$PKT_COUNT" --log "$CASE_DIR/frames-$1.log" >"$CASE_DIR/pktfuzz.log" 2>&1 || rc=$?
	quote <"$CASE_DIR/pktfuzz.log" >&2
	return "$rc"
}

# Malformed VXLAN and GENEVE from the underlay: each one counted once (a
# drop by reason or a delivery), and none reaches another VNI's VM.
pkt_tunnel() {
	pkt_setup
	pktfuzz tunnel $((SEED + 4000)) || fail "frames from the underlay (see FAIL above)"
	assert_klog_clean
}

# Malformed frames from ports: the same, through both hypervisors.
pkt_ports() {
	pkt_setup
	pktfuzz ports $((SEED + 5000)) || fail "frames from ports (see FAIL above)"
	assert_klog_clean
}

ktap_plan 7
run_case nl_invariant nl_invariant
run_case nl_extack nl_extack
run_case nl_dump_consistency nl_dump_consistency
run_case nl_unprivileged nl_unprivileged
run_case nl_replay nl_replay
run_case pkt_tunnel pkt_tunnel
run_case pkt_ports pkt_ports
ktap_finish
