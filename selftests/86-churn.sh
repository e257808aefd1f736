#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Churn and lifecycle: `nvctl -b` batches; configuration churn in other
# VNIs next to a flow that must not lose a packet; module reloads, device
# and namespace deletion and ports vanishing while traffic flows; several
# nvctl processes configuring one device at once.
#
#   vm1 10.0.0.1 -- hv1 nvo0 10.99.0.1 ---- veth ---- 10.99.0.2 nvo0 hv2 -- vm2 10.0.0.2
#   (VNI 100; churn cases add VNIs 1000-1015 and 2000-2003 beside it)
#
# Sizes (the defaults keep the script at about three minutes under TCG):
#   NVO_CHURN_OPS  configuration commands of churn_under_traffic (default
#                  20000; the issue asks for 100000 once)
#   NVO_RELOADS    rmmod/insmod rounds of reload_under_traffic (default 5;
#                  100 once)
#   NVO_DUMP_ENTRIES  FDB entries of dump_large (default 100000; the issue
#                  asks for 1000000 once)

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

CHURN_OPS=${NVO_CHURN_OPS:-20000}
RELOADS=${NVO_RELOADS:-5}
DUMP_ENTRIES=${NVO_DUMP_ENTRIES:-100000}
FLOW=$LIB_DIR/churn/flow.py
GEN=$LIB_DIR/churn/gen.py
DUMP=$LIB_DIR/churn/dump.py
# They need the standard library only: -S (no site) halves Python's start,
# about a second under TCG.
# Datagrams a second of a flow meant to keep queues full: more only takes
# the CPUs from the kernel work the case is about.
FLOOD=1000

# ---------------------------------------------------------------------------
# Helpers

ensure_module() {
	[ -d /sys/module/nvo ] || insmod "$NVO_KO"
}

unload() {
	local out
	out=$(timeout 60 rmmod nvo 2>&1) || fail "rmmod nvo failed: $out"
}

# mk_veths HV PREFIX N: veths PREFIX0.. in HV, up, their peers PREFIX0-p..
# up too; prints the names, comma-separated.
mk_veths() {
	local hv=$1 pfx=$2 n=$3 i names=
	for ((i = 0; i < n; i++)); do
		printf 'link add %s%d up type veth peer name %s%d-p\nlink set %s%d-p up\n' \
			"$pfx" "$i" "$pfx" "$i" "$pfx" "$i"
	done | ip -n "$(ns "$hv")" -batch -
	for ((i = 0; i < n; i++)); do
		names=$names${names:+,}$pfx$i
	done
	echo "$names"
}

# batch HV FILE [ARGS...]: `nvctl ARGS -b FILE` in HV.
batch() { nv "$1" "${@:3}" -b "$2"; }

# vni_range HV FIRST LAST: VNIs FIRST..LAST on HV's nvo0, in one batch.
vni_range() {
	local f=$CASE_DIR/vnis-$1-$2 v
	for ((v = $2; v <= $3; v++)); do
		echo "vni add nvo0 vni $v"
	done >"$f"
	batch "$1" "$f"
}

# read_state HV OUT [SKIP_VNI]: HV's nvo0 in the words of gen.py's EXPECT
# files, into OUT.fdb, OUT.flood, OUT.ports and OUT.vnis ("VNI PORTS FDB
# FLOOD", the kernel's own counts), leaving out SKIP_VNI. One nvctl and one
# jq: each costs about a second under TCG while traffic flows.
read_state() {
	local hv=$1 out=$2 skip=${3:--1} j t
	j=$(printf '%s show nvo0\n' fdb flood port vni | nv "$hv" -j -b -)
	jq -r -s --argjson s "$skip" '
		(.[0][] | select(.vni != $s) | "fdb \(.vni) \(.mac) \(if .dev then "dev \(.dev)" else "remote \(.remote)" end)\(if .learned then " learned" else "" end)"),
		(.[1][] | select(.vni != $s) | "flood \(.vni) \(.remote)"),
		(.[2][] | select(.vni != $s) | "ports \(.ifname) \(.vni)"),
		(.[3][] | select(.vni != $s) | "vnis \(.vni) \(.ports) \(.fdb) \(.flood)")' \
		<<<"$j" >"$out.all"
	for t in fdb flood ports vnis; do
		sed -n "s/^$t //p" "$out.all" | sort >"$out.$t"
	done
}

# expect_vnis PREFIX SHARED...: PREFIX.vnis as read_state writes it, from
# the other PREFIX files, for the VNIs SHARED plus those listed in
# PREFIX.vnis by gen.py.
expect_vnis() {
	local p=$1
	shift
	printf '%s\n' "$@" | cat - "$p.vnis" | sort -u | awk -v f="$p" '
		BEGIN {
			while ((getline l < (f ".fdb")) > 0) { split(l, w); fdb[w[1]]++ }
			while ((getline l < (f ".flood")) > 0) { split(l, w); fl[w[1]]++ }
			while ((getline l < (f ".ports")) > 0) { split(l, w); po[w[2]]++ }
		}
		NF { print $1, po[$1] + 0, fdb[$1] + 0, fl[$1] + 0 }' | sort >"$p.vnis.full"
	mv "$p.vnis.full" "$p.vnis"
}

# assert_state EXPECT GOT: every table the same.
assert_state() {
	local t ok=0
	for t in fdb flood ports vnis; do
		cmp -s "$1.$t" "$2.$t" && continue
		diag "$t: expected $(wc -l <"$1.$t") lines, got $(wc -l <"$2.$t"); the difference:"
		diff -u "$1.$t" "$2.$t" | sed -n '3,42p' | quote >&2
		ok=1
	done
	return "$ok"
}

# flow_start NAME FROM TO PORT RATE: a numbered UDP flow from VM FROM to VM
# TO, RATE datagrams a second (0: a flood); back once it has begun.
declare -A FLOW_RECEIVER

flow_start() {
	local d=$CASE_DIR/flow-$1
	FLOW_RECEIVER[$1]=$3
	bg "$3" "$PY" -S "$FLOW" recv "$4" "$d.rstop" "$d.recv"
	wait_until 30 test -e "$d.recv.ready" || fail "flow $1: the receiver did not start"
	bg "$2" "$PY" -S "$FLOW" send "${VM_IP[$3]}" "$4" "$5" "$d.sstop" "$d.sent"
	wait_until 30 test -e "$d.sent.started" || fail "flow $1: the sender did not start"
}

# flow_stop NAME: stops the sender, then the receiver (which waits for a
# second without datagrams). Sets FLOW_SENT, FLOW_ERRORS, FLOW_GOT,
# FLOW_DUPS and FLOW_MISSING.
flow_stop() {
	local d=$CASE_DIR/flow-$1
	touch "$d.sstop"
	wait_until 30 test -e "$d.sent" || fail "flow $1: the sender did not stop"
	touch "$d.rstop"
	wait_until 30 test -e "$d.recv" || fail "flow $1: the receiver did not stop"
	read -r _ FLOW_SENT _ FLOW_ERRORS <"$d.sent"
	read -r _ FLOW_GOT _ FLOW_DUPS _ _ _ FLOW_MISSING <"$d.recv"
	diag "flow $1: sent $FLOW_SENT (send errors $FLOW_ERRORS), received $FLOW_GOT, duplicates $FLOW_DUPS, missing ${FLOW_MISSING:0:300}"
}

# loss_diag VM: where a lost datagram may have gone: the receiver's UDP
# counters, the hypervisors' drop counters, their underlay links, and the
# CPUs' backlog drops (softnet_stat, second column).
loss_diag() {
	local hv
	diag "loss: $1's UDP counters: $(on "$1" awk '/^Udp:/ { print }' /proc/net/snmp | tr '\n' ' ')"
	for hv in hv1 hv2; do
		diag "loss: $hv's nvo0 drops: $(nv "$hv" -j stats nvo0 2>&1 | tr -d '\n' | cut -c1-600)"
		diag "loss: $hv's links: $(ip -n "$(ns "$hv")" -s -o link show 2>&1 | grep -E 'ul|nvo0' | tr -s ' ' | cut -c1-400)"
	done
	diag "loss: softnet_stat drops per CPU: $(while read -r _ d _; do printf '%d ' "0x$d"; done </proc/net/softnet_stat)"
}

# assert_no_loss NAME: flow_stop, then every datagram arrived, once.
assert_no_loss() {
	flow_stop "$1"
	[ "$FLOW_SENT" = "$FLOW_GOT" ] || loss_diag "${FLOW_RECEIVER[$1]}"
	assert_gt "$FLOW_SENT" 0 "flow $1: datagrams sent"
	assert_eq 0 "$FLOW_ERRORS" "flow $1: send errors"
	assert_eq "$FLOW_SENT" "$FLOW_GOT" "flow $1: datagrams received"
	assert_eq 0 "$FLOW_DUPS" "flow $1: duplicates"
}

# pair: the usual two VMs in VNI 100, with static neighbours so that a flow
# needs no ARP.
pair() {
	two_hvs
	vm_pair 100 vm1 10.0.0.1/24 vm2 10.0.0.2/24
	vm_neigh vm1 vm2
	vm_neigh vm2 vm1
}

# conf_file HV: the batch that gives HV's side of pair() back after its
# nvo0 is gone (module reload, device deletion).
conf_file() {
	local hv=$1 peer=hv2 vm=vm1 rvm=vm2 f=$CASE_DIR/conf-$1
	[ "$hv" = hv1 ] || { peer=hv1 vm=vm2 rvm=vm1; }
	cat >"$f" <<-EOF
		link add nvo0 local ${HV_IP[$hv]} up
		vni add nvo0 vni 100
		port add nvo0 dev v-$vm vni 100
		flood add nvo0 vni 100 remote ${HV_IP[$peer]}
		fdb add nvo0 vni 100 mac ${VM_MAC[$rvm]} remote ${HV_IP[$peer]}
	EOF
	echo "$f"
}

any_alive() {
	local p
	for p; do
		kill -0 "$p" 2>/dev/null && return 0
	done
	return 1
}

counter_above() { [ "$(vni_counter "$1" nvo0 "$2" rx_packets)" -gt "$3" ]; }
no_dev() { ! ip -n "$(ns "$1")" link show "$2" >/dev/null 2>&1; }

# udp_bindable HV PORT...: UDP sockets can bind every PORT in HV (no tunnel
# socket is left holding one).
udp_bindable() {
	on "$1" "$PY" -S -c 'import socket, sys
for p in sys.argv[1:]:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("0.0.0.0", int(p)))' "${@:2}"
}

# fdb_batch VNI N [PORT]: a batch adding VNI with N FDB entries to remotes,
# every fourth to PORT if given (which joins the VNI).
fdb_batch() {
	local vni=$1 n=$2 port=${3:-} i dest
	echo "vni add nvo0 vni $vni"
	[ -z "$port" ] || echo "port add nvo0 dev $port vni $vni"
	for ((i = 0; i < n; i++)); do
		dest="remote 10.99.1.$((i % 200 + 1))"
		[ -z "$port" ] || ((i % 4)) || dest="dev $port"
		printf 'fdb add nvo0 vni %d mac 02:00:%02x:%02x:%02x:%02x %s\n' \
			"$vni" $((vni / 256 % 256)) $((vni % 256)) $((i / 256 % 256)) $((i % 256)) "$dest"
	done
}

# dump_start NAME HV PORT: dump.py on HV's nvo0, back once the dump is held
# after its first buffer (DUMP_HELD entries read).
dump_start() {
	local d=$CASE_DIR/dump-$1
	bg "$2" "$PY" -S "$DUMP" nvo0 "$3" "$d.go" "$d"
	DUMP_PID=$BG_PID
	wait_until 30 test -e "$d.held" || fail "dump $1 did not start"
	read -r _ DUMP_HELD <"$d.held"
}

# dump_finish NAME [close]: lets the dump go on to its end (DUMP_ENTRIES,
# DUMP_ERROR, DUMP_STALE as dump.py reports them), or close its socket.
dump_finish() {
	local d=$CASE_DIR/dump-$1
	# Renamed into place: dump.py polls for the name.
	echo "${2:-read}" >"$d.go.tmp"
	mv "$d.go.tmp" "$d.go"
	wait "$DUMP_PID" || fail "dump.py $1 failed"
	[ "${2:-}" != close ] || return 0
	read -r _ DUMP_ENTRIES _ DUMP_ERROR _ DUMP_STALE _ DUMP_INTR <"$d"
	diag "dump $1: held after $DUMP_HELD entries, then $DUMP_ENTRIES in all, error $DUMP_ERROR, stale $DUMP_STALE, flagged $DUMP_INTR"
}

# ---------------------------------------------------------------------------
# Batch mode

BATCH_GOOD='# two tenants, their ports and tables
vni add nvo0 vni 10
vni add nvo0 vni 20 encap geneve

port add nvo0 dev p0 vni 10
port add "nvo0" dev p1 vni 20 id 7	# a comment after a command
	fdb add nvo0 vni 10 mac 02:00:00:00:00:01 remote 10.99.0.2
fdb add nvo0 vni 10 mac 02:00:00:00:00:02 dev p0
fdb replace nvo0 vni 10 mac 02:00:00:00:00:01 remote 10.99.0.3
fdb add nvo0 vni 20 mac 02:00:00:00:00:03 remote 2001:db8::3
flood add nvo0 vni 10 remote 10.99.0.2
flood add nvo0 vni 20 remote 2001:db8::2
flood add nvo0 vni 20 remote 10.99.0.4
flood del nvo0 vni 20 remote 10.99.0.4
fdb show nvo0 vni 10'

# hv_alone HV IP: a hypervisor whose VTEP address is on lo (no traffic),
# with nvo0 and veths p0, p1.
hv_alone() {
	mk_hv "$1" "$2"
	ip -n "$(ns "$1")" addr add "$2/32" dev lo
	mk_nvo "$1"
	mk_veths "$1" p 2 >/dev/null
}

# The same commands as a file (with -n), on stdin, and one nvctl each leave
# the same configuration; -j applies to the batch's read command.
batch_good() {
	local f=$CASE_DIR/good.batch out line hv shows=()
	for hv in hv1 hv2 hv3; do
		hv_alone "$hv" 10.99.0.1
	done
	printf '%s\n' "$BATCH_GOOD" >"$f"
	out=$("$NVCTL" -j -n "$(ns hv1)" -b "$f")
	assert_eq '[{"vni":10,"mac":"02:00:00:00:00:01","remote":"10.99.0.3","learned":false},{"vni":10,"mac":"02:00:00:00:00:02","dev":"p0","learned":false}]' \
		"$out" "the batch's fdb show"
	nv hv2 -b - <"$f" >/dev/null
	while read -r line; do
		line=${line%%#*}
		[ -z "$line" ] || eval "nv hv3 $line" >/dev/null
	done <"$f"
	for hv in hv1 hv2 hv3; do
		# The devices were made the same way: ifindexes match too.
		shows+=("$(nv "$hv" -j show)")
	done
	assert_eq "${shows[2]}" "${shows[0]}" "nvctl -j show after -b FILE (one nvctl per line: expected)"
	assert_eq "${shows[2]}" "${shows[1]}" "nvctl -j show after -b - (one nvctl per line: expected)"
	assert_contains "${shows[0]}" '"ports":[{"ifname":"p1","id":7,"sg":[],"port_security":true}]' "the quoted device's port"
}

BATCH_BAD='vni add nvo0 vni 10
fdb add nvo0 vni 10 mac 02:00:00:00:00:01 remote 10.99.0.2
vni add nvo0 vni 16777216
flood add nvo0 vni 10 remote 10.99.0.2
# usage errors are reported the same way
fdb add nvo0 vni 10 mac zz:00:00:00:00:02 remote 10.99.0.2
vni add nvo0 vni 11'

# vni_summary HV: each VNI with the sizes of its tables.
vni_summary() {
	local j
	j=$(nv "$1" -j vni show nvo0)
	jq -c '[.[] | {vni, ports, fdb, flood}]' <<<"$j"
}

# The first failing line stops the batch and is named with the kernel's
# error; nothing after it is applied. With -f the rest is applied, every
# failing line named, and the status is still non-zero.
batch_bad_line() {
	local f=$CASE_DIR/bad.batch out rc=0
	local e3='nvctl: '$f':3: integer out of range (attribute "vni"), valid 0..16777215'
	local e6='nvctl: '$f':6: invalid MAC address "zz:00:00:00:00:02"'
	hv_alone hv1 10.99.0.1
	hv_alone hv2 10.99.0.1
	printf '%s\n' "$BATCH_BAD" >"$f"

	out=$(batch hv1 "$f" 2>&1) || rc=$?
	assert_eq 1 "$rc" "exit status without -f"
	assert_eq "$e3" "$out" "the error without -f"
	assert_eq '[{"vni":10,"ports":0,"fdb":1,"flood":0}]' "$(vni_summary hv1)" \
		"the VNIs after the batch stopped at line 3"

	rc=0
	out=$(batch hv2 "$f" -f 2>&1) || rc=$?
	assert_eq 1 "$rc" "exit status with -f (that of the first failing line)"
	assert_eq "$e3"$'\n'"$e6" "$out" "the errors with -f"
	assert_eq '[{"vni":10,"ports":0,"fdb":1,"flood":1},{"vni":11,"ports":0,"fdb":0,"flood":0}]' \
		"$(vni_summary hv2)" "the VNIs after the batch went on with -f"

	# Standard input is "-"; a usage error alone exits 2.
	rc=0
	out=$(printf 'vni add nvo0 vni 12\nvni add nvo0 vni 12 bogus\n' | nv hv1 -b - 2>&1) || rc=$?
	assert_eq 2 "$rc" "exit status of a usage error"
	assert_eq 'nvctl: -:2: unknown argument "bogus"' "$out" "the error of a batch on stdin"
}

# ---------------------------------------------------------------------------
# Churn

# $CHURN_OPS commands (half per hypervisor, both at once) add, replace and
# delete FDB and flood entries, ports (veths c0..c15) and VNIs 2000-2003 in
# VNIs 1000-1015, while VNI 100 carries a numbered flow each way at 300
# datagrams a second: neither may lose one, and each device ends with
# exactly what its batch left.
churn_under_traffic() {
	local hv id=0 ports pids=() rc start
	pair
	for hv in hv1 hv2; do
		id=$((id + 1))
		ports=$(mk_veths "$hv" c 16)
		vni_range "$hv" 1000 1015
		"$PY" -S "$GEN" --ops $((CHURN_OPS / 2)) --id "$id" --shared 1000-1015 \
			--own 2000-2003 --ports "$ports" "$CASE_DIR/$hv.batch" "$CASE_DIR/$hv.expect"
		expect_vnis "$CASE_DIR/$hv.expect" {1000..1015}
	done
	assert_ping vm1 10.0.0.2
	klog_mark
	flow_start f12 vm1 vm2 9001 300
	flow_start f21 vm2 vm1 9002 300
	sleep 1
	start=$SECONDS
	for hv in hv1 hv2; do
		batch "$hv" "$CASE_DIR/$hv.batch" &
		pids+=("$!")
	done
	for id in 0 1; do
		rc=0
		wait "${pids[id]}" || rc=$?
		assert_eq 0 "$rc" "nvctl -b of hv$((id + 1))'s churn"
	done
	diag "$CHURN_OPS commands in $((SECONDS - start)) s"
	sleep 1
	assert_no_loss f12
	assert_no_loss f21
	for hv in hv1 hv2; do
		read_state "$hv" "$CASE_DIR/$hv.got" 100
		assert_state "$CASE_DIR/$hv.expect" "$CASE_DIR/$hv.got"
	done
	assert_klog_clean
}

# Four nvctl processes change one device at once: their own MACs, remotes,
# ports and VNIs in eight shared VNIs, while a fifth dumps it. The device
# ends with the union of what each left.
concurrent_config() {
	local i pids=() rc ports exp=$CASE_DIR/all.expect t d=$CASE_DIR/dumps refused
	hv_alone hv1 10.99.0.1
	vni_range hv1 1000 1007
	for i in 1 2 3 4; do
		ports=$(mk_veths hv1 "c${i}p" 4)
		"$PY" -S "$GEN" --ops 5000 --id "$i" --shared 1000-1007 \
			--own $((2000 + 2 * i))-$((2001 + 2 * i)) --ports "$ports" \
			--macs 64 "$CASE_DIR/$i.batch" "$CASE_DIR/$i.expect"
	done
	for t in fdb flood ports vnis; do
		sort "$CASE_DIR"/[1-4].expect."$t" >"$exp.$t"
	done
	expect_vnis "$exp" {1000..1007}
	for ((i = 0; i < 50; i++)); do
		printf 'show nvo0\nfdb show nvo0\n'
	done >"$d.batch"
	klog_mark
	for i in 1 2 3 4; do
		batch hv1 "$CASE_DIR/$i.batch" &
		pids+=("$!")
	done
	batch hv1 "$d.batch" -j -f >"$d.out" 2>"$d.err" &
	pids+=("$!")
	for i in 0 1 2 3 4; do
		rc=0
		wait "${pids[i]}" || rc=$?
		[ "$i" = 4 ] || assert_eq 0 "$rc" "nvctl -b of process $((i + 1))"
	done
	# Dumps while the tables change are consistent (libnvo repeats one the
	# kernel flags), or refused as such; never torn or failed otherwise. A
	# refused `show` still prints valid JSON (an empty array), a refused
	# `fdb show` nothing.
	refused=$(wc -l <"$d.err")
	diag "dumps during the churn: 100, $refused refused as inconsistent"
	assert_ge "$(jq -s length "$d.out")" $((100 - refused)) "JSON arrays printed by 100 dumps"
	if grep -v "kept changing" "$d.err" >&2; then
		fail "a dump failed (above) for another reason than the churn"
	fi
	read_state hv1 "$CASE_DIR/got"
	assert_state "$exp" "$CASE_DIR/got"
	assert_klog_clean
}

# ---------------------------------------------------------------------------
# Lifecycle

# $RELOADS times: rmmod while both VMs send each other 500 datagrams a second
# through the devices, insmod, the configuration back, traffic through
# again. hv1's comes from one `nvctl -b` reading a FIFO through all the
# rounds: its libnvo handle outlives every reload. Then a counted flow
# loses nothing.
reload_under_traffic() {
	local i c1 c2 fifo=$CASE_DIR/hv1.fifo fd pid rc=0 start=$SECONDS
	defer ensure_module
	ensure_module
	pair
	c1=$(conf_file hv1)
	c2=$(conf_file hv2)
	klog_mark
	flow_start f12 vm1 vm2 9001 500
	flow_start f21 vm2 vm1 9002 500
	# Opened after the flows start: a process started later would inherit
	# the writing end, and nvctl would never see the end of its file.
	mkfifo "$fifo"
	bg hv1 "$NVCTL" -b "$fifo"
	pid=$BG_PID
	exec {fd}>"$fifo"
	for ((i = 1; i <= RELOADS; i++)); do
		wait_until 30 counter_above hv2 100 0 ||
			fail "round $i: no traffic through hv2 before rmmod"
		unload
		no_dev hv1 nvo0 || fail "round $i: nvo0 still exists in hv1 after rmmod"
		insmod "$NVO_KO"
		cat "$c1" >&"$fd"
		batch hv2 "$c2"
	done
	exec {fd}>&-
	wait "$pid" || rc=$?
	assert_eq 0 "$rc" "the status of nvctl -b FIFO through $RELOADS reloads"
	diag "$RELOADS reloads in $((SECONDS - start)) s"
	flow_stop f12
	assert_gt "$FLOW_GOT" 0 "datagrams from vm1 through the reloads"
	flow_stop f21
	assert_gt "$FLOW_GOT" 0 "datagrams from vm2 through the reloads"
	unload
	insmod "$NVO_KO"
	batch hv1 "$c1"
	batch hv2 "$c2"
	assert_ping vm1 10.0.0.2
	flow_start g12 vm1 vm2 9003 100
	sleep 3
	assert_no_loss g12
	assert_klog_clean
}

# Frames wait in netem queues on the underlay and in front of the VMs, and
# in the underlay veth's GRO, while both VMs flood each other; then nvo0 is
# deleted on both sides (nvctl on one, ip on the other). No device, port
# binding or socket is left: the UDP port binds again, and a new nvo0 with
# the same configuration carries traffic.
dev_del_queued() {
	local hv
	pair
	for hv in hv1 hv2; do
		on "$hv" tc qdisc add dev "$(ul_dev "$hv")" root netem delay 300ms limit 100000
		on "$hv" ethtool -K "$(ul_dev "$hv")" gro on >/dev/null
	done
	on hv1 tc qdisc add dev v-vm1 root netem delay 300ms limit 100000
	on hv2 tc qdisc add dev v-vm2 root netem delay 300ms limit 100000
	assert_ping vm1 10.0.0.2
	klog_mark
	flow_start f12 vm1 vm2 9001 "$FLOOD"
	flow_start f21 vm2 vm1 9002 "$FLOOD"
	wait_until 30 counter_above hv2 100 1000 || fail "the flood does not reach hv2"
	diag "queued on hv1's underlay: $(on hv1 tc -s qdisc show dev "$(ul_dev hv1)" | grep -o 'backlog [^ ]* [^ ]*')"
	timeout 60 ip netns exec "$(ns hv1)" "$NVCTL" link del nvo0 || fail "nvctl link del nvo0 in hv1 failed"
	timeout 60 ip -n "$(ns hv2)" link del nvo0 || fail "ip link del nvo0 in hv2 failed"
	sleep 1
	flow_stop f12
	flow_stop f21
	for hv in hv1 hv2; do
		no_dev "$hv" nvo0 || fail "nvo0 still exists in $hv"
		udp_bindable "$hv" "$VXLAN_PORT" 6081 ||
			fail "UDP port $VXLAN_PORT or 6081 cannot be bound in $hv"
	done
	assert_not_contains "$(ip -n "$(ns hv1)" -d link show v-vm1)" master "v-vm1 after its nvo0 is gone"
	batch hv1 "$(conf_file hv1)"
	batch hv2 "$(conf_file hv2)"
	assert_ping vm1 10.0.0.2
	assert_ping vm2 10.0.0.1
	assert_klog_clean
}

# The hypervisors' namespaces are deleted while they hold nvo0, its ports
# and tables, and both VMs flood each other. The namespaces are dismantled
# (the VMs' veths go with them), new ones with the same addresses work, and
# the module unloads: nothing was left behind.
netns_del_live() {
	defer ensure_module
	ensure_module
	pair
	vni_range hv1 1000 1003
	fdb_add hv1 1000 02:00:00:00:10:01 10.99.0.2
	flood_add hv1 1001 10.99.0.2
	assert_ping vm1 10.0.0.2
	klog_mark
	flow_start f12 vm1 vm2 9001 "$FLOOD"
	flow_start f21 vm2 vm1 9002 "$FLOOD"
	wait_until 30 counter_above hv2 100 1000 || fail "the flood does not reach hv2"
	ip netns del "$(ns hv1)"
	ip netns del "$(ns hv2)"
	# A device that cannot be freed stops the dismantling before the veths
	# (and so the VMs' ends) are deleted.
	wait_until 60 no_dev vm1 eth0 || fail "vm1's eth0 is still there: hv1's namespace was not dismantled"
	wait_until 60 no_dev vm2 eth0 || fail "vm2's eth0 is still there: hv2's namespace was not dismantled"
	flow_stop f12
	flow_stop f21

	mk_hv hv3 10.99.0.1
	mk_hv hv4 10.99.0.2
	link_hvs hv3 10.99.0.1 hv4 10.99.0.2
	mk_nvo hv3
	mk_nvo hv4
	mk_vm vm3 hv3 100 10.0.0.1/24
	mk_vm vm4 hv4 100 10.0.0.2/24
	flood_mesh 100 hv3 hv4
	fdb_to_vm hv3 vm4
	fdb_to_vm hv4 vm3
	assert_ping vm3 10.0.0.2
	unload
	insmod "$NVO_KO"
	assert_klog_clean
}

# vm3's side of its veth goes away (the VM is deleted) while it floods vm2
# and vm2 floods it, and vm1 and vm2 exchange a counted flow: the port
# leaves `nvctl port show` with the FDB entries that pointed to it, the
# counters stay readable and do not go back, the other flow loses nothing,
# and the port's name can be used for a new port.
port_peer_removed() {
	local before after
	pair
	mk_vm vm3 hv1 100 10.0.0.3/24
	fdb_to_vm hv2 vm3
	vm_neigh vm3 vm2
	vm_neigh vm2 vm3
	fdb_add_port hv1 100 02:00:00:00:33:33 v-vm3
	assert_ping vm3 10.0.0.2
	klog_mark
	flow_start f12 vm1 vm2 9001 100
	flow_start f32 vm3 vm2 9002 "$FLOOD"
	flow_start f23 vm2 vm3 9003 "$FLOOD"
	wait_until 30 counter_above hv1 100 1000 || fail "the flood does not reach hv1"
	before=$(stats_json hv1)
	ip -n "$(ns vm3)" link del eth0
	wait_until 10 eval '! nv hv1 port show nvo0 | grep -q v-vm3' ||
		fail "v-vm3 is still a port: $(nv hv1 port show nvo0)"
	assert_not_contains "$(nv hv1 fdb show nvo0)" v-vm3 "hv1's FDB after v-vm3 went"
	after=$(stats_json hv1)
	# Every counter of nvo0 and VNI 100, drops included, then or later.
	jq -e -s 'map(.[0] | (del(.vnis, .ports) | [.. | numbers]), (.vnis[0] | [.. | numbers])) as [$d0, $v0, $d1, $v1] |
		([$d0, $d1] | transpose | all(.[1] >= .[0])) and ([$v0, $v1] | transpose | all(.[1] >= .[0]))' \
		<<<"$before$after" >/dev/null ||
		fail "a counter went back when v-vm3 went: $before then $after"
	sleep 1
	assert_no_loss f12
	flow_stop f32
	flow_stop f23
	ip -n "$(ns hv1)" link add v-vm3 type veth peer name v-vm3-p
	port_add hv1 v-vm3 100
	assert_contains "$(nv hv1 port show nvo0)" v-vm3 "hv1's ports with the new v-vm3"
	assert_klog_clean
}

# tun_setlink HV TAP: TUNSETLINK of TAP (down) to ARPHRD_NONE; prints
# "changed" or the error's name.
tun_setlink() {
	on "$1" "$PY" - "$2" <<'EOF'
import errno, fcntl, os, struct, sys
TUNSETIFF, TUNSETLINK = 0x400454ca, 0x400454cd
IFF_TAP, IFF_NO_PI, ARPHRD_NONE = 0x0002, 0x1000, 0xfffe
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", sys.argv[1].encode(), IFF_TAP | IFF_NO_PI))
try:
    fcntl.ioctl(fd, TUNSETLINK, ARPHRD_NONE)
    print("changed")
except OSError as e:
    print(errno.errorcode[e.errno])
EOF
}

# A port stays what it was attached as: a tap's link type cannot change
# under nvo (TUNSETLINK refused with EBUSY), and can again once detached.
port_type_change() {
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	vni_add hv1 100
	# /dev/net/tun appears (devtmpfs) once the module is in.
	modprobe tun
	ip -n "$(ns hv1)" tuntap add tap0 mode tap
	port_add hv1 tap0 100
	assert_eq EBUSY "$(tun_setlink hv1 tap0)" "TUNSETLINK on a port"
	assert_contains "$(ip -n "$(ns hv1)" link show tap0)" "link/ether" "tap0's link type"
	assert_contains "$(nv hv1 port show nvo0)" tap0 "nvo0's ports"
	port_del hv1 tap0
	assert_eq changed "$(tun_setlink hv1 tap0)" "TUNSETLINK once detached"
}

# An FDB dump is held half-way (the reader stops reading) while what it
# walks goes away: the port that entries point to, the VNI it is in, the
# device, the namespace. Resumed, it ends cleanly, never shows an entry of
# a detached port, and flags what changed under it; closed, it lets the
# module unload.
dump_held_across_delete() {
	local f=$CASE_DIR/fdb out
	defer ensure_module
	ensure_module
	hv_alone hv1 10.99.0.1
	# Its peer outlives hv1 and goes when hv1 is dismantled.
	mk_ns mon
	ip -n "$(ns hv1)" link add mon0 type veth peer name mon0 netns "$(ns mon)"
	# 2000 entries in VNI 10, every fourth to port p0, 500 in VNI 20.
	fdb_batch 10 2000 p0 >"$f.1"
	fdb_batch 20 500 >>"$f.1"
	batch hv1 "$f.1"
	klog_mark

	dump_start port hv1 p0
	assert_gt 2000 "$DUMP_HELD" "entries read before the dump is held"
	port_del hv1 p0
	ip -n "$(ns hv1)" link del p0
	dump_finish port
	assert_eq 0 "$DUMP_ERROR" "the error ending the dump held across port del"
	assert_eq 0 "$DUMP_STALE" "entries of p0 dumped after it was detached"
	assert_gt "$DUMP_INTR" 0 "messages flagged NLM_F_DUMP_INTR after port del"

	dump_start vni hv1 p0
	assert_gt 1500 "$DUMP_HELD" "entries read before the dump is held"
	vni_del hv1 10
	dump_finish vni
	assert_eq 0 "$DUMP_ERROR" "the error ending the dump held across vni del"
	assert_gt "$DUMP_INTR" 0 "messages flagged NLM_F_DUMP_INTR after vni del"

	fdb_batch 30 2000 >"$f.3"
	batch hv1 "$f.3"
	dump_start dev hv1 p0
	assert_gt 2500 "$DUMP_HELD" "entries read before the dump is held"
	nv hv1 link del nvo0
	dump_finish dev
	[ "$DUMP_ERROR" = 0 ] || [ "$DUMP_ERROR" = 19 ] ||
		fail "the dump held across link del ended with error $DUMP_ERROR, not 0 or ENODEV"

	# Closed once the namespace, with the device, is gone.
	mk_nvo hv1
	mk_veths hv1 p 1 >/dev/null
	batch hv1 "$f.1"
	dump_start close hv1 p0
	out=$(rmmod nvo 2>&1) && fail "rmmod succeeded with a dump held"
	assert_contains "$out" "in use" "rmmod with a dump held"
	ip netns del "$(ns hv1)"
	dump_finish close close
	wait_until 60 no_dev mon mon0 || fail "hv1's namespace was not dismantled"
	unload
	insmod "$NVO_KO"
	assert_klog_clean
}

# dump_table_changes: an FDB change flags a dump of its VNI's table while
# that table is walked, and no other dump: a table walked later is read
# as it is then, whole.
dump_table_changes() {
	local f=$CASE_DIR/fdb
	hv_alone hv1 10.99.0.1
	fdb_batch 10 2000 p0 >"$f"
	fdb_batch 20 500 >>"$f"
	batch hv1 "$f"

	dump_start same hv1 p0
	assert_gt 2000 "$DUMP_HELD" "entries read before the dump is held"
	fdb_add hv1 10 02:99:00:00:00:01 10.99.0.7
	dump_finish same
	assert_eq 0 "$DUMP_ERROR" "the error ending the dump (change in VNI 10)"
	assert_gt "$DUMP_INTR" 0 "messages flagged NLM_F_DUMP_INTR after a change in the VNI being walked"

	dump_start later hv1 p0
	assert_gt 2001 "$DUMP_HELD" "entries read before the dump is held"
	fdb_add hv1 20 02:99:00:00:00:02 10.99.0.7
	dump_finish later
	assert_eq 0 "$DUMP_ERROR" "the error ending the dump (change in VNI 20)"
	assert_eq 0 "$DUMP_INTR" "messages flagged after a change in a VNI not walked yet"
	assert_eq 2502 "$DUMP_ENTRIES" "entries dumped, VNI 20's new one included"
}

# dump_large: DUMP_ENTRIES static FDB entries over 100 VNIs. `nvctl fdb
# show` lists each exactly once, quiet, and again with the table changed
# while the dump runs (the kernel flags it NLM_F_DUMP_INTR, libnvo takes
# it again): never a half-old, half-new table.
dump_large() {
	local f=$CASE_DIR/fdb.batch n=$DUMP_ENTRIES out=$CASE_DIR/fdb.txt t0 t1
	hv_alone hv1 10.99.0.1
	"$PY" -S - "$n" >"$f" <<'EOF'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
for v in range(1, 101):
    w("vni add nvo0 vni %d\n" % v)
for i in range(n):
    w("fdb add nvo0 vni %d mac 02:%02x:%02x:%02x:%02x:01 remote 10.99.1.%d\n"
      % (i % 100 + 1, i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255, i % 200 + 1))
EOF
	t0=$SECONDS
	batch hv1 "$f"
	t1=$SECONDS
	nv hv1 fdb show nvo0 >"$out"
	diag "$n entries: loaded in $((t1 - t0)) s, dumped in $((SECONDS - t1)) s"
	assert_eq "$n" "$(wc -l <"$out")" "lines of fdb show"
	assert_eq "$n" "$(awk '{ print $2, $4 }' "$out" | sort -u | wc -l)" "distinct VNI and MAC pairs of fdb show"

	# The same while an entry of VNI 200 comes and goes every second: it
	# flags the dump only while the dump walks VNI 200 (last, and tiny),
	# so the dump completes, however long the other VNIs take.
	nv hv1 vni add nvo0 vni 200
	# shellcheck disable=SC2016 # $1 is the inner shell's
	bg hv1 bash -c 'while :; do
		"$1" fdb add nvo0 vni 200 mac 02:00:00:00:02:00 remote 10.99.2.1
		sleep 1
		"$1" fdb del nvo0 vni 200 mac 02:00:00:00:02:00
		sleep 1
	done' churn "$NVCTL"
	nv hv1 fdb show nvo0 >"$out"
	assert_eq "$n" "$(grep -vc '^vni 200 ' "$out")" "lines of fdb show beside VNI 200, under changes"
	assert_eq "$n" "$(awk '$2 != 200 { print $2, $4 }' "$out" | sort -u | wc -l)" \
		"distinct VNI and MAC pairs beside VNI 200, under changes"
	assert_ge 1 "$(grep -c '^vni 200 ' "$out")" "VNI 200's entries (0 or 1)"
}

ktap_plan 12
run_case batch_good batch_good
run_case batch_bad_line batch_bad_line
# The counts asked for may take longer than a case usually may.
CASE_TIMEOUT=$((${NVO_CASE_TIMEOUT:-180} + CHURN_OPS / 500))
run_case churn_under_traffic churn_under_traffic
CASE_TIMEOUT=${NVO_CASE_TIMEOUT:-180}
run_case concurrent_config concurrent_config
CASE_TIMEOUT=$((${NVO_CASE_TIMEOUT:-180} + RELOADS * 6))
run_case reload_under_traffic reload_under_traffic
CASE_TIMEOUT=${NVO_CASE_TIMEOUT:-180}
run_case dev_del_queued dev_del_queued
run_case netns_del_live netns_del_live
run_case port_peer_removed port_peer_removed
run_case port_type_change port_type_change
run_case dump_held_across_delete dump_held_across_delete
run_case dump_table_changes dump_table_changes
CASE_TIMEOUT=$((${NVO_CASE_TIMEOUT:-180} + DUMP_ENTRIES / 2000))
run_case dump_large dump_large
ktap_finish
