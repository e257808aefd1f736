#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The distributed stateful firewall: security groups of an nvo device, their
# rules applied to the ports that have them, on nf_conntrack in the zone of
# the VNI's tenant (<linux/nvo.h>, "Security groups").
#
#   VMs on hv1 (ports v-NAME)               VMs on hv2 (ports v-NAME)
#        \                                       /
#   hv1 nvo0 10.99.0.1 ------ veth ------ 10.99.0.2 nvo0 hv2
#
# VNI 100 belongs to tenant 1 on both hypervisors (conntrack zone 1); VNI 200
# to tenant 2 in tenants_separate_conntrack, to none in bad_requests. Each
# hypervisor floods the VNIs to the other and has the other's VMs in its
# FDB. A case with one hypervisor keeps its VTEP address on lo: its VMs talk
# through local switching only.
#
# A port is firewalled when it has port security on (the default) and at
# least one group; the VMs without a group are not. "Allowed" is a TCP
# connection that carries a line and its echo, "denied" one whose SYNs go
# unanswered (a drop, never a reset: every server listens), with the drop
# counted as "fw_deny" on the port whose rules refused it: the receiver's
# for ingress, the sender's for egress.

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

# Seconds a connection may take: TCG is slow, but a denied one costs its
# full timeout, and there are many.
OK_TIMEOUT=10
DENY_TIMEOUT=3

MAC1=02:00:00:00:00:01
MAC2=02:00:00:00:00:02

# ---------------------------------------------------------------------------
# Topology and nvctl

# fw_hvs: two_hvs, VNI 100 of tenant 1 on both, flooded to each other.
fw_hvs() {
	two_hvs
	vni_add hv1 100 tenant 1
	vni_add hv2 100 tenant 1
	flood_mesh 100 hv1 hv2
}

# fw_hv: hv1 alone, its VTEP address on lo, VNI 100 of tenant 1.
fw_hv() {
	mk_hv hv1 10.99.0.1
	ip -n "$(ns hv1)" addr add 10.99.0.1/32 dev lo
	mk_nvo hv1
	vni_add hv1 100 tenant 1
}

# fdb_both: each of hv1 and hv2 has the other's VMs in its FDB.
fdb_both() {
	local vm
	for vm in "${!VM_HV[@]}"; do
		case ${VM_HV[$vm]} in
		hv1) fdb_to_vm hv2 "$vm" ;;
		hv2) fdb_to_vm hv1 "$vm" ;;
		esac
	done
}

# sg_add HV ID NAME: security group ID called NAME on HV's nvo0.
sg_add() { nv "$1" sg add nvo0 id "$2" name "$3"; }
# rule_add HV GROUP ARGS...: `nvctl sg rule add nvo0 GROUP ARGS...`.
rule_add() { nv "$1" sg rule add nvo0 "$2" "${@:3}"; }
# port_set HV VM ARGS...: `nvctl port set nvo0 dev v-VM ARGS...` (sg LIST,
# port-security on|off).
port_set() { nv "$1" port set nvo0 dev "v-$2" "${@:3}"; }

# fw_drops HV VM REASON: drops of REASON counted on port v-VM of HV's nvo0.
# Strict, unlike lib.sh's drop readers: nvctl -j stats lists every reason
# libnvo knows by name, zeros included, so a missing one is an error.
fw_drops() {
	# shellcheck disable=SC2016 # a jq program, not shell expansions
	_counter "$1" 'dev($d) | port($p) | (.drops // {}) |
		if has($k) then .[$k] else error("no drop reason " + $k) end' \
		--arg d nvo0 --arg p "v-$2" --arg k "$3"
}

# What a failed exchange needs to be understood: neighbours, nvctl show, and
# each hypervisor's groups, rules and counters.
fw_diag() {
	local hv
	_net_diag "$1"
	for hv in "${!HV_IP[@]}"; do
		{
			echo "# nvctl sg rule show / port show / stats in $hv:"
			nv "$hv" sg rule show nvo0 2>&1 | quote
			nv "$hv" port show nvo0 2>&1 | quote
			nv "$hv" stats nvo0 2>&1 | quote
		} >&2
	done
}

# vms_ipv6 VM:ADDR...: IPv6 on in each VM, ADDR/64 on its eth0.
vms_ipv6() {
	local vm
	for vm in "$@"; do
		enable_ipv6 "${vm%%:*}"
		ip -n "$(ns "${vm%%:*}")" addr add "${vm#*:}/64" dev eth0 nodad
	done
}

# ---------------------------------------------------------------------------
# Traffic

_listening() { [ -n "$(on "$1" ss -H -l -n "$2" "sport = :$3")" ]; }

# tcp_server VM PORT [6]: an echo server on TCP PORT of VM (IPv4, or IPv6
# with "6"), ready when this returns; one socat process per connection.
tcp_server() {
	local vm=$1 port=$2 l=TCP4-LISTEN
	[ "${3:-4}" = 4 ] || l=TCP6-LISTEN
	bg "$vm" socat "$l:$port,reuseaddr,fork" PIPE 2>>"$CASE_DIR/socat-$vm-$port.log"
	wait_until 15 _listening "$vm" -t "$port" || fail "no TCP listener on $vm port $port"
}

# _tcp_try CLIENT IP PORT SECONDS [OPTS]: one connection from CLIENT to
# IP:PORT (connect timeout SECONDS, socat address options OPTS such as
# ",sourceport=N") that sends a line and reads its echo. True if the echo
# came back; TCP_OUT holds what socat printed, the echo or its error.
_tcp_try() {
	local c=$1 ip=$2 port=$3 t=$4 opts=${5:-} tok addr
	tok=NVO-FW-$RANDOM$RANDOM
	if [[ $ip == *:* ]]; then
		addr="TCP6:[$ip]:$port"
	else
		addr="TCP4:$ip:$port"
	fi
	# -t: after sending, wait that long for the echo and the server's close.
	TCP_OUT=$(printf '%s\n' "$tok" | timeout $((2 * t + 10)) ip netns exec "$P$c" \
		socat -T "$t" -t "$t" - "$addr,connect-timeout=$t$opts" 2>&1) || true
	[ "$TCP_OUT" = "$tok" ]
}

# tcp_ok CLIENT IP PORT [OPTS]: a connection that must work.
tcp_ok() {
	_tcp_try "$1" "$2" "$3" "$OK_TIMEOUT" "${4:-}" && return 0
	diag "TCP $1 -> $2 port $3 must be allowed, but failed:"
	quote <<<"$TCP_OUT" >&2
	fw_diag "$1"
	return 1
}

# tcp_denied CLIENT IP PORT: a connection the firewall must drop: it times
# out. A refusal (a reset) or an unreachable host is something else.
tcp_denied() {
	if _tcp_try "$1" "$2" "$3" "$DENY_TIMEOUT"; then
		fail "TCP $1 -> $2 port $3 connected, the firewall must drop it"
		return 1
	fi
	grep -q "timed out" <<<"$TCP_OUT" && return 0
	diag "TCP $1 -> $2 port $3 failed, but not by a timeout as a drop would:"
	quote <<<"$TCP_OUT" >&2
	fw_diag "$1"
	return 1
}

# udp_server VM PORT [6]: a UDP echo server on VM (IPv4, or IPv6 with
# "6"), ready when this returns.
udp_server() {
	bg "$1" "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_INET6 if sys.argv[2] == "6" else socket.AF_INET, socket.SOCK_DGRAM)
if sys.argv[2] == "6":
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.bind(("", int(sys.argv[1])))
while True:
    d, a = s.recvfrom(65535)
    s.sendto(d, a)
' "$2" "${3:-4}" 2>>"$CASE_DIR/udp-$1-$2.log"
	wait_until 15 _listening "$1" "-u${3:-4}" "$2" || fail "no UDP echo server on $1 port $2"
}

# udp_probe VM IP PORT SECONDS [SIZE]: one datagram (of SIZE bytes, 10 by
# default) from a connected UDP socket, then prints what came back:
# "reply" (the echo), "refused" (an ICMP port unreachable: ECONNREFUSED),
# "timeout" or "other".
udp_probe() {
	on "$1" "$PY" -c '
import socket, sys
ip, port, t, n = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(t)
s.connect((ip, port))
msg = b"NVO-FW-UDP".ljust(n, b".")
s.send(msg)
try:
    print("reply" if s.recv(65535) == msg else "other")
except ConnectionRefusedError:
    print("refused")
except socket.timeout:
    print("timeout")
' "$2" "$3" "$4" "${5:-10}"
}

# udp_flood_probe VM SRC DST PORT SECONDS SIZE: one datagram of SIZE bytes
# from address SRC to the broadcast or multicast address DST (IPv6: on
# eth0), then prints the sorted addresses whose echo of it came back
# within SECONDS.
udp_flood_probe() {
	on "$1" "$PY" -c '
import socket, sys, time
src, dst, port, t, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
if ":" in dst:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    to = socket.getaddrinfo(dst + "%eth0", port, socket.AF_INET6, socket.SOCK_DGRAM)[0][4]
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    to = (dst, port)
s.bind((src, 0))
msg = b"NVO-FW-FLOOD".ljust(n, b".")
s.sendto(msg, to)
got = set()
end = time.monotonic() + t
while time.monotonic() < end:
    s.settimeout(max(end - time.monotonic(), 0.01))
    try:
        d, a = s.recvfrom(65535)
    except socket.timeout:
        break
    if d == msg:
        got.add(a[0])
print(" ".join(sorted(got)))
' "$2" "$3" "$4" "$5" "$6"
}

# udp_servers VM PORT...: one UDP echo server on VM (IPv4) for every PORT,
# ready when this returns.
udp_servers() {
	local vm=$1
	shift
	bg "$vm" "$PY" -c '
import select, socket, sys
socks = []
for p in sys.argv[1:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("", int(p)))
    socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        d, a = s.recvfrom(65535)
        s.sendto(d, a)
' "$@" 2>>"$CASE_DIR/udp-$vm-ports.log"
	wait_until 15 _listening "$vm" -u4 "${!#}" || fail "no UDP echo servers on $vm"
}

# udp_scan VM IP PORT...: a datagram to each PORT of IP at once, each from
# its own socket (a new connection for conntrack), then prints the ports
# that echoed, in order, on one line. It waits for DENY_TIMEOUT seconds
# without an echo (OK_TIMEOUT in all), so a port counts as denied as
# tcp_denied has it.
udp_scan() {
	on "$1" "$PY" -c '
import select, socket, sys, time
ip, quiet, most = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
port = {}
for p in sys.argv[4:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect((ip, int(p)))
    s.send(b"NVO-FW-SCAN-" + p.encode())
    port[s] = int(p)
got = set()
start = last = time.monotonic()
while len(got) < len(port):
    now = time.monotonic()
    left = min(last + quiet, start + most) - now
    if left <= 0:
        break
    for s in select.select(list(port), [], [], left)[0]:
        try:
            if s.recv(100) == b"NVO-FW-SCAN-%d" % port[s]:
                got.add(port[s])
                last = time.monotonic()
        except OSError:
            pass
print(" ".join(str(p) for p in sorted(got)))
' "$2" "$DENY_TIMEOUT" "$OK_TIMEOUT" "${@:3}"
}

# send_frame VM ETHERTYPE TEXT: one broadcast frame of ETHERTYPE (4 hex
# digits) holding TEXT, from VM's eth0.
send_frame() {
	on "$1" "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
mac = s.getsockname()[4]
s.send(b"\xff" * 6 + mac + bytes.fromhex(sys.argv[1]) + sys.argv[2].encode().ljust(46, b"\0"))
' "$2" "$3"
}

# ---------------------------------------------------------------------------
# Cases

# Web, app and db tiers of tenant 1, by address blocks: web 10.0.0.8/29,
# app 10.0.0.16/29, db 10.0.0.24/29, clients 10.0.0.96/27.
#
#   hv1: web1 .11, web2 .12 (group web)
#   hv2: app1 .20 (group app), db1 .28 (group db), cl1 .100 (no group)
#
#   web: egress any; ingress tcp 80 from the clients
#   app: egress any; ingress tcp 8080 from the web block
#   db:  egress any; ingress tcp 5432 from the app block
three_tier() {
	local d0
	klog_mark
	fw_hvs
	mk_vm web1 hv1 100 10.0.0.11/24
	mk_vm web2 hv1 100 10.0.0.12/24
	mk_vm app1 hv2 100 10.0.0.20/24
	mk_vm db1 hv2 100 10.0.0.28/24
	mk_vm cl1 hv2 100 10.0.0.100/24
	fdb_both
	sg_add hv1 10 web
	rule_add hv1 web egress ipv4
	rule_add hv1 web ingress ipv4 proto tcp port 80 remote 10.0.0.96/27
	port_set hv1 web1 sg web
	port_set hv1 web2 sg web
	sg_add hv2 20 app
	rule_add hv2 app egress ipv4
	rule_add hv2 app ingress ipv4 proto tcp port 8080 remote 10.0.0.8/29
	sg_add hv2 30 db
	rule_add hv2 db egress ipv4
	rule_add hv2 db ingress ipv4 proto tcp port 5432 remote 10.0.0.16/29
	port_set hv2 app1 sg app
	port_set hv2 db1 sg db
	tcp_server web1 80
	tcp_server web2 80
	tcp_server app1 8080
	tcp_server db1 5432

	tcp_ok cl1 10.0.0.11 80
	tcp_ok web1 10.0.0.20 8080
	tcp_ok app1 10.0.0.28 5432

	# Same host, same group: web2 takes port 80 from the clients only,
	# and no ICMP at all.
	d0=$(fw_drops hv1 web2 fw_deny)
	tcp_denied web1 10.0.0.12 80
	assert_no_ping web1 10.0.0.12
	assert_gt "$(fw_drops hv1 web2 fw_deny)" "$d0" "hv1 v-web2 fw_deny after web1 -> web2"

	# db's egress lets it out; web1's ingress stops it on hv1.
	d0=$(fw_drops hv1 web1 fw_deny)
	tcp_denied db1 10.0.0.11 80
	assert_gt "$(fw_drops hv1 web1 fw_deny)" "$d0" "hv1 v-web1 fw_deny after db1 -> web1:80"

	# The web tier does not reach the database.
	d0=$(fw_drops hv2 db1 fw_deny)
	tcp_denied web1 10.0.0.28 5432
	assert_gt "$(fw_drops hv2 db1 fw_deny)" "$d0" "hv2 v-db1 fw_deny after web1 -> db1:5432"
	assert_klog_clean
}

# cl (hv1) may only send: its group "out" (id 1) has one egress rule and no
# ingress rule. srv (hv2) has no group.
stateful_replies() {
	local d0
	klog_mark
	fw_hvs
	mk_vm cl hv1 100 10.0.0.1/24
	mk_vm srv hv2 100 10.0.0.2/24
	fdb_both
	sg_add hv1 1 out
	rule_add hv1 out egress ipv4
	# A group by its id.
	port_set hv1 cl sg 1
	tcp_server srv 8080
	udp_server srv 5353
	tcp_server cl 8080

	# The replies of cl's connections pass.
	assert_ping cl 10.0.0.2
	tcp_ok cl 10.0.0.2 8080
	assert_eq reply "$(udp_probe cl 10.0.0.2 5353 "$OK_TIMEOUT")" "UDP cl -> srv:5353 (echo server)"
	# Nothing listens on UDP 9 in srv: its ICMP port unreachable is
	# related to cl's flow and passes, which the socket sees as ECONNREFUSED.
	assert_eq refused "$(udp_probe cl 10.0.0.2 9 "$OK_TIMEOUT")" "UDP cl -> srv:9 (closed port)"

	# What cl did not start is dropped.
	d0=$(fw_drops hv1 cl fw_deny)
	tcp_denied srv 10.0.0.1 8080
	assert_no_ping srv 10.0.0.1
	assert_gt "$(fw_drops hv1 cl fw_deny)" "$d0" "hv1 v-cl fw_deny after srv -> cl"
	assert_klog_clean
}

# cl_srv PORT...: cl (hv1, no group) and srv (hv2, group svc) in VNI 100;
# rule N of svc lets TCP port PORT_N in, a server listens on each.
cl_srv() {
	local id=0 p
	fw_hvs
	mk_vm cl hv1 100 10.0.0.1/24
	mk_vm srv hv2 100 10.0.0.2/24
	fdb_both
	sg_add hv2 1 svc
	for p; do
		id=$((id + 1))
		rule_add hv2 svc id "$id" ingress ipv4 proto tcp port "$p"
	done
	port_set hv2 srv sg svc
	for p; do
		tcp_server srv "$p"
	done
}

# Rule changes apply to new connections: an established one outlives the
# rule that let it in.
rule_removed() {
	local d0 line
	klog_mark
	cl_srv 8080
	tcp_ok cl 10.0.0.2 8080

	# A connection that stays open, a line at a time.
	coproc CONN { exec ip netns exec "$P"cl socat -T 120 - "TCP4:10.0.0.2:8080,connect-timeout=$OK_TIMEOUT" 2>&1; }
	_BG_PIDS+=("$CONN_PID")
	printf 'before\n' >&"${CONN[1]}"
	read -r -t "$OK_TIMEOUT" line <&"${CONN[0]}" || line="(nothing)"
	assert_eq before "$line" "echo on the long-lived connection, rule in place"

	nv hv2 sg rule del nvo0 svc id 1
	d0=$(fw_drops hv2 srv fw_deny)
	tcp_denied cl 10.0.0.2 8080
	assert_gt "$(fw_drops hv2 srv fw_deny)" "$d0" "hv2 v-srv fw_deny after the rule went"

	printf 'after\n' >&"${CONN[1]}"
	read -r -t "$OK_TIMEOUT" line <&"${CONN[0]}" || line="(nothing)"
	assert_eq after "$line" "echo on the long-lived connection, rule deleted"
	assert_klog_clean
}

declare -A CONN_FD

# conn_open NAME VM IP PORT: a TCP connection from VM that stays open;
# conn_echo sends it lines.
conn_open() {
	local f=$CASE_DIR/conn-$1 fd
	mkfifo "$f.in"
	bg "$2" sh -c "exec socat -T 300 - TCP4:$3:$4,connect-timeout=$OK_TIMEOUT <'$f.in' >'$f.out' 2>&1"
	exec {fd}>"$f.in"
	CONN_FD[$1]=$fd
}

# conn_echo NAME WORD SECONDS: sends WORD on connection NAME; true if its
# echo came back within SECONDS.
conn_echo() {
	local f=$CASE_DIR/conn-$1
	printf '%s\n' "$2" >&"${CONN_FD[$1]}"
	wait_until "$3" grep -qx -- "$2" "$f.out"
}

# tick_conn NAME SRV CLIENT IP: SRV sends "tick" twice a second on TCP 8081
# to CLIENT, which connects to IP (SRV's address) and only acknowledges:
# after a flush, SRV's next tick, a reply, is what the connection's
# conntrack entry sees first. ticks NAME: how many CLIENT has.
tick_conn() {
	# No colon in the command: socat would take it for a separator.
	bg "$2" socat TCP4-LISTEN:8081,reuseaddr SYSTEM:'while true; do echo tick; sleep 0.5; done'
	wait_until 15 _listening "$2" -t 8081 || fail "no tick server on $2"
	bg "$3" sh -c "exec socat -u TCP4:$4:8081,connect-timeout=$OK_TIMEOUT - >'$CASE_DIR/ticks-$1'"
	wait_until "$OK_TIMEOUT" _ticks_past "$1" 1 || fail "no ticks from $2 to $3"
}
ticks() {
	local f=$CASE_DIR/ticks-$1
	if [ -e "$f" ]; then wc -l <"$f"; else echo 0; fi
}
_ticks_past() { [ "$(ticks "$1")" -gt "$2" ]; }

# ticks_flow NAME: ticks keep coming (3 more within OK_TIMEOUT).
ticks_flow() {
	wait_until "$OK_TIMEOUT" _ticks_past "$1" $(($(ticks "$1") + 2))
}

# ticks_stopped NAME: no tick for DENY_TIMEOUT seconds (after one second
# for those on the way).
ticks_stopped() {
	local n
	sleep 1
	n=$(ticks "$1")
	sleep "$DENY_TIMEOUT"
	[ "$(ticks "$1")" = "$n" ]
}

# A rule goes, and the connections it allowed stay until sg flush-conns;
# then the one the rules no longer allow stops (its next packet dropped,
# its conntrack entry gone), the one they still allow carries on.
flush_conns() {
	local d0 ct
	require_cmd conntrack
	modprobe nf_conntrack_netlink || fail "cannot load nf_conntrack_netlink (conntrack -L needs it)"
	klog_mark
	cl_srv 8080 9090
	conn_open gone cl 10.0.0.2 8080
	conn_open kept cl 10.0.0.2 9090
	conn_echo gone one "$OK_TIMEOUT" || fail "no echo on the 8080 connection"
	conn_echo kept one "$OK_TIMEOUT" || fail "no echo on the 9090 connection"

	nv hv2 sg rule del nvo0 svc id 1
	conn_echo gone two "$OK_TIMEOUT" || fail "the 8080 connection stopped before the flush"
	d0=$(fw_drops hv2 srv fw_deny)
	nv hv2 sg flush-conns nvo0
	if conn_echo gone three "$DENY_TIMEOUT"; then
		fail "the 8080 connection still works after sg flush-conns"
	fi
	assert_gt "$(fw_drops hv2 srv fw_deny)" "$d0" "hv2 v-srv fw_deny after the flush"
	conn_echo kept two "$OK_TIMEOUT" || fail "the 9090 connection stopped at the flush, its rule is there"
	ct=$(on hv2 conntrack -L -w 1 2>/dev/null)
	diag "hv2 conntrack -L -w 1:"
	quote <<<"$ct" >&2
	assert_eq 0 "$(grep -c 'dport=8080 .*ESTABLISHED\|ESTABLISHED .*dport=8080' <<<"$ct" || true)" \
		"established 8080 entries in hv2's zone 1 after the flush"
	assert_match "$ct" "ESTABLISHED .*dport=9090" "the 9090 entry in hv2's zone 1"
	assert_klog_clean
}

# hv2 lets each tenant have 2 connections (max-conns): tenant 1's third
# is dropped (conn_limit, on the port it was for) while tenant 2 still
# connects; once tenant 1's entries are gone (conntrack -D), it connects
# again.
conn_limit() {
	local d0 hv
	require_cmd conntrack
	modprobe nf_conntrack_netlink || fail "cannot load nf_conntrack_netlink (conntrack -D needs it)"
	klog_mark
	fw_hvs
	vni_add hv1 200 tenant 2
	vni_add hv2 200 tenant 2
	flood_mesh 200 hv1 hv2
	mk_vm cl1 hv1 100 10.0.0.1/24
	mk_vm srv1 hv2 100 10.0.0.2/24
	mk_vm cl2 hv1 200 10.0.0.1/24
	mk_vm srv2 hv2 200 10.0.0.2/24
	fdb_both
	nv hv2 link set nvo0 max-conns 2
	sg_add hv2 1 svc
	rule_add hv2 svc ingress ipv4 proto tcp port 8080
	port_set hv2 srv1 sg svc
	port_set hv2 srv2 sg svc
	tcp_server srv1 8080
	tcp_server srv2 8080
	conn_open a cl1 10.0.0.2 8080
	conn_open b cl1 10.0.0.2 8080
	conn_echo a one "$OK_TIMEOUT" || fail "no echo on tenant 1's first connection"
	conn_echo b one "$OK_TIMEOUT" || fail "no echo on tenant 1's second connection"
	assert_eq 2 "$(nv hv2 -j vni show nvo0 vni 100 | jq '.[0].conns')" "tenant 1's connections on hv2"
	d0=$(fw_drops hv2 srv1 conn_limit)
	tcp_denied cl1 10.0.0.2 8080
	assert_gt "$(fw_drops hv2 srv1 conn_limit)" "$d0" "hv2 v-srv1 conn_limit after the third connection"
	tcp_ok cl2 10.0.0.2 8080
	conn_echo a two "$OK_TIMEOUT" || fail "tenant 1's first connection stopped at the limit"
	on hv2 conntrack -D -w 1 >/dev/null 2>&1 || true
	sleep 1
	tcp_ok cl1 10.0.0.2 8080
	for hv in hv1 hv2; do
		diag "$hv: $(nv "$hv" vni show nvo0 2>&1 | tr '\n' ';')"
	done
	assert_klog_clean
}

# conntrack_count TEXT DPORT ZONE [SPORT]: entries 10.0.0.1 -> 10.0.0.2:DPORT
# (from SPORT, default any) of ZONE in TEXT, conntrack -L output.
conntrack_count() {
	grep -cE -- "src=10\.0\.0\.1 dst=10\.0\.0\.2 sport=${4:-[0-9]+} dport=$2 .*zone=$3( |$)" <<<"$1" || true
}

# Tenant 1 (VNI 100) and tenant 2 (VNI 200) have the same addresses and
# MACs: a1/b1 10.0.0.1 on hv1 (group out: egress any), a2/b2 10.0.0.2 on
# hv2 (no group). Each tenant's connections are in its own zone of hv1's
# conntrack, even when their tuples are identical.
tenants_separate_conntrack() {
	local all z1 z2
	require_cmd conntrack
	modprobe nf_conntrack_netlink || fail "cannot load nf_conntrack_netlink (conntrack -L needs it)"
	klog_mark
	two_hvs
	vni_add hv1 100 tenant 1
	vni_add hv2 100 tenant 1
	vni_add hv1 200 tenant 2
	vni_add hv2 200 tenant 2
	flood_mesh 100 hv1 hv2
	flood_mesh 200 hv1 hv2
	mk_vm a1 hv1 100 10.0.0.1/24 "$MAC1"
	mk_vm a2 hv2 100 10.0.0.2/24 "$MAC2"
	mk_vm b1 hv1 200 10.0.0.1/24 "$MAC1"
	mk_vm b2 hv2 200 10.0.0.2/24 "$MAC2"
	fdb_both
	sg_add hv1 1 out
	rule_add hv1 out egress ipv4
	port_set hv1 a1 sg out
	port_set hv1 b1 sg out
	tcp_server a2 8080
	tcp_server a2 8081
	tcp_server b2 8080
	tcp_server b2 8082

	# The same 5-tuple in both tenants, then a port of each one's own.
	tcp_ok a1 10.0.0.2 8080 ,sourceport=40000
	tcp_ok b1 10.0.0.2 8080 ,sourceport=40000
	tcp_ok a1 10.0.0.2 8081
	tcp_ok b1 10.0.0.2 8082

	all=$(on hv1 conntrack -L 2>/dev/null)
	z1=$(on hv1 conntrack -L -w 1 2>/dev/null)
	z2=$(on hv1 conntrack -L -w 2 2>/dev/null)
	diag "hv1 conntrack -L -w 1:"
	quote <<<"$z1" >&2
	diag "hv1 conntrack -L -w 2:"
	quote <<<"$z2" >&2
	assert_eq 1 "$(conntrack_count "$all" 8080 1 40000)" "hv1 entries 10.0.0.1:40000 -> 10.0.0.2:8080 in zone 1"
	assert_eq 1 "$(conntrack_count "$all" 8080 2 40000)" "hv1 entries 10.0.0.1:40000 -> 10.0.0.2:8080 in zone 2"
	assert_eq 1 "$(conntrack_count "$z1" 8080 1 40000)" "conntrack -L -w 1: the shared tuple"
	assert_eq 1 "$(conntrack_count "$z1" 8081 1)" "conntrack -L -w 1: tenant 1's connection to 8081"
	assert_eq 1 "$(conntrack_count "$z2" 8080 2 40000)" "conntrack -L -w 2: the shared tuple"
	assert_eq 1 "$(conntrack_count "$z2" 8082 2)" "conntrack -L -w 2: tenant 2's connection to 8082"
	assert_not_contains "$z1" "dport=8082 " "conntrack -L -w 1"
	assert_not_contains "$z2" "dport=8081 " "conntrack -L -w 2"
	assert_klog_clean
}

# IPv6 tenants: c6 fd00::1 and o6 fd00::100 on hv1 (group cli: egress
# ipv6), s6 fd00::2 on hv2 (group srv: ingress tcp 8080 and echo requests
# from fd00::/120, which holds c6 but not o6; no egress rule at all).
ipv6_rules() {
	local d0 neigh
	klog_mark
	fw_hvs
	mk_vm c6 hv1 100 10.0.0.1/24
	mk_vm o6 hv1 100 10.0.0.3/24
	mk_vm s6 hv2 100 10.0.0.2/24
	fdb_both
	vms_ipv6 c6:fd00::1 o6:fd00::100 s6:fd00::2
	sg_add hv1 1 cli
	rule_add hv1 cli egress ipv6
	port_set hv1 c6 sg cli
	port_set hv1 o6 sg cli
	sg_add hv2 2 srv
	rule_add hv2 srv ingress ipv6 proto tcp port 8080 remote fd00::/120
	rule_add hv2 srv ingress ipv6 proto icmpv6 icmp-type 128 remote fd00::/120
	port_set hv2 s6 sg srv
	tcp_server s6 8080 6
	tcp_server s6 9090 6

	tcp_ok c6 fd00::2 8080
	assert_ping c6 fd00::2
	d0=$(fw_drops hv2 s6 fw_deny)
	tcp_denied c6 fd00::2 9090
	tcp_denied o6 fd00::2 8080
	assert_no_ping o6 fd00::2
	assert_gt "$(fw_drops hv2 s6 fw_deny)" "$d0" "hv2 v-s6 fw_deny after c6 -> :9090 and o6 -> :8080"
	# Neighbour discovery needs no rule: o6 resolved s6 (s6's group has
	# no rule for it, and no egress rule for its advertisement).
	neigh=$(ip -n "$(ns o6)" -6 neigh show fd00::2 dev eth0)
	assert_contains "$neigh" "lladdr $(vm_mac s6)" "o6's neighbour entry for fd00::2"
	assert_klog_clean
}

# Fragments through firewalled ports, in both families: each host
# reassembles a firewalled port's fragments in the tenant's zone before
# conntrack and the rules see the datagram, and splits it again, as it
# came, where it leaves. Without that, the fragments after the first have
# no ports and conntrack refuses them (fw_invalid).
#
#   hv1: c 10.0.0.1 fd00::1 (group cli: egress any)
#        l 10.0.0.3 (group lsrv: ICMP in)
#   hv2: s 10.0.0.2 fd00::2 (group srv: UDP 5353 and echo requests in)
fragments() {
	local i1 i2 d0 f
	klog_mark
	fw_hvs
	mk_vm c hv1 100 10.0.0.1/24
	mk_vm l hv1 100 10.0.0.3/24
	mk_vm s hv2 100 10.0.0.2/24
	fdb_both
	vms_ipv6 c:fd00::1 s:fd00::2
	sg_add hv1 1 cli
	rule_add hv1 cli egress ipv4
	rule_add hv1 cli egress ipv6
	port_set hv1 c sg cli
	sg_add hv1 3 lsrv
	rule_add hv1 lsrv ingress ipv4 proto icmp
	port_set hv1 l sg lsrv
	sg_add hv2 2 srv
	rule_add hv2 srv ingress ipv4 proto udp port 5353
	rule_add hv2 srv ingress ipv4 proto icmp icmp-type 8
	rule_add hv2 srv ingress ipv6 proto udp port 5353
	rule_add hv2 srv ingress ipv6 proto icmpv6 icmp-type 128
	port_set hv2 s sg srv
	udp_server s 5353
	udp_server s 5354
	udp_server s 5353 6
	i1=$(fw_drops hv1 c fw_invalid)
	i2=$(fw_drops hv2 s fw_invalid)

	# Datagrams of 4,000 bytes leave c in three fragments; requests and
	# echoes are reassembled on the way out and on the way in.
	assert_eq reply "$(udp_probe c 10.0.0.2 5353 "$OK_TIMEOUT" 4000)" "UDP 4000 B c -> s:5353"
	# One connection in the tenant's zone, not one per fragment (read at
	# once: an answered UDP entry lives 30 s).
	assert_eq 1 "$(on hv2 conntrack -L -w 1 -p udp --dport 5353 -f ipv4 2>/dev/null | grep -c .)" \
		"hv2 conntrack entries of zone 1 to UDP 5353 (IPv4)"
	assert_eq reply "$(udp_probe c fd00::2 5353 "$OK_TIMEOUT" 4000)" "UDP 4000 B c -> [s]:5353"
	assert_ping_size c 10.0.0.2 3000
	assert_ping_size c fd00::2 3000
	# Between two firewalled ports of one host.
	assert_ping_size c 10.0.0.3 3000
	# The rules see the datagram: a port they do not allow stays shut,
	# one deny per datagram, however many fragments it came in.
	d0=$(fw_drops hv2 s fw_deny)
	assert_eq timeout "$(udp_probe c 10.0.0.2 5354 "$DENY_TIMEOUT" 4000)" "UDP 4000 B c -> s:5354 (no rule)"
	assert_eq $((d0 + 1)) "$(fw_drops hv2 s fw_deny)" "hv2 v-s fw_deny after one datagram to :5354"
	assert_eq "$i1" "$(fw_drops hv1 c fw_invalid)" "hv1 v-c fw_invalid"
	assert_eq "$i2" "$(fw_drops hv2 s fw_invalid)" "hv2 v-s fw_invalid"
	for f in frag mtu; do
		assert_eq 0 "$(fw_drops hv1 c "$f")" "hv1 v-c $f drops"
		assert_eq 0 "$(fw_drops hv2 s "$f")" "hv2 v-s $f drops"
	done
	# Bytes after what a fragment's header states are not data: trimmed,
	# as the kernel's own input does, before reassembly.
	assert_eq reply "$(send_padded c "$(vm_mac s)" 10.0.0.1 10.0.0.2)" \
		"UDP 3000 B c -> s:5353 in raw fragments, the first with trailing bytes"
	# Overlapping fragments: reassembly refuses the second (and drops
	# the first with its queue), counted as frag on c's port.
	send_overlap c "$(vm_mac s)" 10.0.0.1 10.0.0.2
	wait_until 5 _drops_are hv1 c frag 1 ||
		assert_eq 1 "$(fw_drops hv1 c frag)" "hv1 v-c frag drops after overlapping fragments"
	assert_klog_clean
}

# A datagram in fragments that the switch floods (broadcast, multicast)
# reaches every firewalled port of the VNI, in both families, from the
# underlay and from a port of the same host: it is reassembled once,
# before the copies are made, not at each port, where the copies of one
# fragment would meet in the zone's queue as duplicates.
#
#   hv1: c 10.0.0.1 fd00::1 (no groups)
#   hv2: a1 10.0.0.2 fd00::2, a2 10.0.0.3 fd00::3 (group srv: UDP 5353
#        in, anything out); b 10.0.0.4 fd00::4 (no groups)
flood_fragments() {
	local vm from dst src want
	klog_mark
	fw_hvs
	mk_vm c hv1 100 10.0.0.1/24
	mk_vm a1 hv2 100 10.0.0.2/24
	mk_vm a2 hv2 100 10.0.0.3/24
	mk_vm b hv2 100 10.0.0.4/24
	fdb_both
	vms_ipv6 c:fd00::1 a1:fd00::2 a2:fd00::3 b:fd00::4
	sg_add hv2 2 srv
	rule_add hv2 srv ingress ipv4 proto udp port 5353
	rule_add hv2 srv ingress ipv6 proto udp port 5353
	rule_add hv2 srv egress ipv4
	rule_add hv2 srv egress ipv6
	for vm in a1 a2; do
		port_set hv2 "$vm" sg srv
		udp_server "$vm" 5353
		udp_server "$vm" 5353 6
	done
	for from in c b; do
		for dst in 10.0.0.255 ff02::1; do
			if [ "$dst" = ff02::1 ]; then
				src=$(ip -n "$(ns "$from")" -6 -o addr show dev eth0 scope global |
					awk '{ sub("/.*", "", $4); print $4 }')
				want="fd00::2 fd00::3"
			else
				src=${VM_IP[$from]}
				want="10.0.0.2 10.0.0.3"
			fi
			assert_eq "$want" "$(udp_flood_probe "$from" "$src" "$dst" 5353 "$OK_TIMEOUT" 4000)" \
				"echoes of UDP 4000 B $from -> $dst:5353"
		done
	done
	for vm in a1 a2; do
		assert_eq 0 "$(fw_drops hv2 "$vm" frag)" "hv2 v-$vm frag drops"
		assert_eq 0 "$(fw_drops hv2 "$vm" fw_invalid)" "hv2 v-$vm fw_invalid drops"
	done
	assert_klog_clean
}

_drops_are() { [ "$(fw_drops "$1" "$2" "$3")" = "$4" ]; }

# send_padded VM DMAC SRC DST: one UDP datagram of 3000 bytes to port 5353
# from port 40001, in fragments of 1400 bytes sent from VM's eth0, the
# first with 20 bytes after its IP datagram (taken for data, they would
# overlap the second fragment); prints "reply" if the echo server's answer
# is the datagram, else "timeout" or "other".
send_padded() {
	on "$1" "$PY" - "${@:2}" <<'EOF'
import socket, sys
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP, fragment
from scapy.packet import Raw

dmac, src, dst = sys.argv[1:4]
data = bytes(range(256)) * 11 + b"x" * 184
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((src, 40001))
u.settimeout(10)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
smac = ":".join("%02x" % b for b in s.getsockname()[4])
frags = fragment(IP(src=src, dst=dst, id=0x5151) / UDP(sport=40001, dport=5353) / Raw(data),
                 fragsize=1400)
for i, f in enumerate(frags):
    s.send(bytes(Ether(src=smac, dst=dmac) / f) + (b"\xee" * 20 if i == 0 else b""))
try:
    print("reply" if u.recv(65535) == data else "other")
except socket.timeout:
    print("timeout")
EOF
}

# send_overlap VM DMAC SRC DST: two IPv4 fragments of one UDP datagram to
# port 5353, the second overlapping the first, from VM's eth0.
send_overlap() {
	on "$1" "$PY" - "${@:2}" <<'EOF'
import socket, sys
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

dmac, src, dst = sys.argv[1:4]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
smac = ":".join("%02x" % b for b in s.getsockname()[4])
first = IP(src=src, dst=dst, id=0x4242, flags="MF", frag=0, proto=17) / \
    UDP(sport=40000, dport=5353, len=8 + 2000) / Raw(b"a" * 992)
second = IP(src=src, dst=dst, id=0x4242, flags="MF", frag=64, proto=17) / \
    Raw(b"b" * 1000)
for p in (first, second):
    s.send(bytes(Ether(src=smac, dst=dmac) / p))
EOF
}

# assert_ping_size VM IP SIZE: 2 pings of SIZE bytes, both answered.
assert_ping_size() {
	local out
	out=$(on "$1" ping -c 2 -i 0.3 -w 10 -s "$3" "$2" 2>&1) && return 0
	diag "ping -s $3 from $1 to $2 failed:"
	quote <<<"$out" >&2
	fw_diag "$1"
	return 1
}

# Remote groups between ports of one host: a (group app) takes TCP 8080
# from the ports of group web, whatever their address. w is in web, n in no
# group, all three in one subnet on hv1.
remote_group_local() {
	local d0
	klog_mark
	fw_hv
	sg_add hv1 10 web
	sg_add hv1 20 app
	rule_add hv1 web egress ipv4
	rule_add hv1 app ingress ipv4 proto tcp port 8080 remote-group web
	# The groups as the port is attached.
	mk_vm_raw w hv1 10.0.0.1/24
	port_add hv1 v-w 100 sg web
	mk_vm a hv1 100 10.0.0.2/24
	mk_vm n hv1 100 10.0.0.3/24
	port_set hv1 a sg app
	tcp_server a 8080

	tcp_ok w 10.0.0.2 8080
	d0=$(fw_drops hv1 a fw_deny)
	tcp_denied n 10.0.0.2 8080
	assert_gt "$(fw_drops hv1 a fw_deny)" "$d0" "hv1 v-a fw_deny after n -> a:8080"
	# Membership, not the address, is what counts.
	port_set hv1 n sg web
	tcp_ok n 10.0.0.2 8080
	assert_klog_clean
}

# Egress remote-group rules towards another host: a frame carries its
# sender's groups to the receiver only, so the sender knows a remote VM's
# groups from its FDB entry (the controller's word). hv1's w (group web)
# may open TCP 8080 to group app only; hv2's a and d listen, in no group
# there. Without groups on their entries both are refused (fw_deny on
# v-w); with "sg app" on a's entry a is reached, d not; a's entry with
# another group refuses a again. Groups on a local port's entry, or listed
# twice, are refused and change nothing. After sg flush-conns, replies of
# a connection are asked of the sender's rules with the same entry.
remote_group_egress() {
	local d0 mac_a before
	klog_mark
	fw_hvs
	sg_add hv1 10 web
	sg_add hv1 20 app
	rule_add hv1 web egress ipv4 proto tcp port 8080-8081 remote-group app
	mk_vm w hv1 100 10.0.0.1/24
	mk_vm a hv2 100 10.0.0.2/24
	mk_vm d hv2 100 10.0.0.3/24
	fdb_both
	port_set hv1 w sg web
	mac_a=$(vm_mac a)
	# Before any traffic: learned entries age, and the state compared
	# must not.
	before=$(nv hv1 -j fdb show nvo0)
	refused fdb_sg_local_port '^Error: a local port'"'"'s groups are its own: set them on the port \(attribute "sg"\)$' -- \
		nv hv1 fdb add nvo0 vni 100 mac "$(vm_mac w)" dev v-w sg app || return 1
	refused fdb_sg_twice '^Error: a security group is listed twice \(attribute "sg"\)$' -- \
		nv hv1 fdb replace nvo0 vni 100 mac "$mac_a" remote 10.99.0.2 sg app,20 || return 1
	assert_eq "$before" "$(nv hv1 -j fdb show nvo0)" "FDB of hv1 after the refused requests"
	tcp_server a 8080
	tcp_server d 8080

	d0=$(fw_drops hv1 w fw_deny)
	tcp_denied w 10.0.0.2 8080
	assert_gt "$(fw_drops hv1 w fw_deny)" "$d0" "hv1 v-w fw_deny after w -> a:8080, a's entry without groups"
	nv hv1 fdb replace nvo0 vni 100 mac "$mac_a" remote 10.99.0.2 sg app
	assert_eq '[20]' "$(nv hv1 -j fdb show nvo0 vni 100 | jq -c --arg m "$mac_a" '.[] | select(.mac == $m) | .sg')" "groups of a's FDB entry"
	assert_contains "$(nv hv1 fdb show nvo0 vni 100)" "mac $mac_a remote 10.99.0.2 sg 20" "fdb show of a's entry"
	tcp_ok w 10.0.0.2 8080
	d0=$(fw_drops hv1 w fw_deny)
	tcp_denied w 10.0.0.3 8080
	assert_gt "$(fw_drops hv1 w fw_deny)" "$d0" "hv1 v-w fw_deny after w -> d:8080"
	# An id need not be a group here: it is the remote port's.
	nv hv1 fdb replace nvo0 vni 100 mac "$mac_a" remote 10.99.0.2 sg 30
	tcp_denied w 10.0.0.2 8080
	nv hv1 fdb replace nvo0 vni 100 mac "$mac_a" remote 10.99.0.2 sg app
	tcp_ok w 10.0.0.2 8080

	# sg flush-conns: a connection the entry's groups allowed carries
	# on, a's replies asked of w's egress rules again with a's entry;
	# once the entry has no groups, a flush cuts it.
	tick_conn t a w 10.0.0.2
	nv hv1 sg flush-conns nvo0
	ticks_flow t || fail "a's ticks stopped at the flush, though a's entry still says app"
	nv hv1 fdb replace nvo0 vni 100 mac "$mac_a" remote 10.99.0.2
	d0=$(fw_drops hv1 w fw_deny)
	nv hv1 sg flush-conns nvo0
	ticks_stopped t || fail "a's ticks go on after a's entry lost its groups and the flush"
	assert_gt "$(fw_drops hv1 w fw_deny)" "$d0" "hv1 v-w fw_deny after the flush"
	assert_klog_clean
}

# Routed connections: tenant 1's router 1 on both hypervisors joins VNI 100
# (10.0.1.0/24, gateway .1) and VNI 200 (10.0.2.0/24), and routes on the
# sender's host. hv1's r1 (VNI 100, group web: egress TCP 8080 to group
# app only) reaches hv2's r2 (VNI 200, group app: ingress TCP 8080 from
# 10.0.1.0/24), whose FDB entry on hv1 says app, and gets its replies
# routed back; not r3 (VNI 200, no group, no groups on its entry), nor
# the gateway's ping (no egress rule for ICMP). The sender's rules are
# asked once the router knows the destination's FDB entry, and again,
# after sg flush-conns, for a reply that comes routed.
routed_groups() {
	local d0 hv vm
	klog_mark
	two_hvs
	for hv in hv1 hv2; do
		nv "$hv" router add nvo0 id 1 tenant 1
		vni_add "$hv" 100 tenant 1
		vni_add "$hv" 200 tenant 1
		nv "$hv" router if add nvo0 router 1 vni 100 mac 02:00:00:00:ff:01 addr 10.0.1.1/24
		nv "$hv" router if add nvo0 router 1 vni 200 mac 02:00:00:00:ff:01 addr 10.0.2.1/24
	done
	mk_vm r1 hv1 100 10.0.1.10/24
	mk_vm r2 hv2 200 10.0.2.10/24
	mk_vm r3 hv2 200 10.0.2.11/24
	for vm in r1 r2 r3; do
		on "$vm" ip route add default via "${VM_IP[$vm]%.*}.1"
	done
	for vm in r2 r3; do
		neigh_add hv1 200 "${VM_IP[$vm]}" "$(vm_mac "$vm")"
	done
	neigh_add hv2 100 10.0.1.10 "$(vm_mac r1)"
	fdb_to_vm hv2 r1
	fdb_to_vm hv1 r3
	sg_add hv1 10 web
	sg_add hv1 20 app
	nv hv1 fdb add nvo0 vni 200 mac "$(vm_mac r2)" remote 10.99.0.2 sg app
	rule_add hv1 web egress ipv4 proto tcp port 8080-8081 remote-group app
	port_set hv1 r1 sg web
	sg_add hv2 20 app
	rule_add hv2 app ingress ipv4 proto tcp port 8080-8081 remote 10.0.1.0/24
	port_set hv2 r2 sg app
	tcp_server r2 8080
	tcp_server r3 8080

	tcp_ok r1 10.0.2.10 8080
	d0=$(fw_drops hv1 r1 fw_deny)
	tcp_denied r1 10.0.2.11 8080
	assert_gt "$(fw_drops hv1 r1 fw_deny)" "$d0" "hv1 v-r1 fw_deny after r1 -> r3:8080"
	d0=$(fw_drops hv1 r1 fw_deny)
	assert_no_ping r1 10.0.1.1
	assert_gt "$(fw_drops hv1 r1 fw_deny)" "$d0" "hv1 v-r1 fw_deny after r1's ping of its gateway"
	# After a flush, r2's ticks (routed by hv2, from the gateway's MAC)
	# are asked of r1's egress rules again with the router's next hop.
	tick_conn t r2 r1 10.0.2.10
	nv hv1 sg flush-conns nvo0
	ticks_flow t || fail "r2's ticks stopped at the flush, though r2's entry still says app"
	# The same connection from an unfirewalled r1 is r2's rules' alone.
	port_set hv1 r1 sg none
	tcp_ok r1 10.0.2.10 8080
	tcp_ok r1 10.0.2.11 8080
	assert_ping r1 10.0.1.1
	assert_klog_clean
}

# Remote groups across hosts: the sender's groups travel in the frame
# (ENCAP geneve: nvo's GENEVE groups option, with geneve-port-id on; vxlan:
# the VXLAN-GBP group policy id, with gbp on). hv2's a (group app) takes
# TCP 8080 from group web: hv1's w (web) gets through, hv1's n (no group)
# does not; the same for UDP 5353 in datagrams of 4,000 bytes, which hv2
# reassembles: the groups are read from the first fragment before
# reassembly reuses it. Groups are believed only from the VNI's VTEPs:
# once hv1 is out of hv2's flood list, w is refused as well.
remote_group_wire() {
	local encap=$1 hv d0
	klog_mark
	fw_hvs
	for hv in hv1 hv2; do
		if [ "$encap" = geneve ]; then
			nv "$hv" link set nvo0 geneve-port-id on
			vni_set "$hv" 100 encap geneve
		else
			nv "$hv" link set nvo0 gbp on
		fi
		sg_add "$hv" 10 web
		sg_add "$hv" 20 app
	done
	rule_add hv1 web egress ipv4
	rule_add hv2 app ingress ipv4 proto tcp port 8080 remote-group web
	rule_add hv2 app ingress ipv4 proto udp port 5353 remote-group web
	mk_vm w hv1 100 10.0.0.1/24
	mk_vm n hv1 100 10.0.0.3/24
	mk_vm a hv2 100 10.0.0.2/24
	port_set hv1 w sg web
	port_set hv2 a sg app
	fdb_both
	for hv in w n; do
		vm_neigh "$hv" a
		vm_neigh a "$hv"
	done
	tcp_server a 8080
	udp_server a 5353

	tcp_ok w 10.0.0.2 8080
	d0=$(fw_drops hv2 a fw_deny)
	tcp_denied n 10.0.0.2 8080
	assert_gt "$(fw_drops hv2 a fw_deny)" "$d0" "hv2 v-a fw_deny after n -> a:8080"
	assert_eq reply "$(udp_probe w 10.0.0.2 5353 "$OK_TIMEOUT" 4000)" "UDP 4000 B w -> a:5353 (group web)"
	d0=$(fw_drops hv2 a fw_deny)
	assert_eq timeout "$(udp_probe n 10.0.0.2 5353 "$DENY_TIMEOUT" 4000)" "UDP 4000 B n -> a:5353 (no group)"
	assert_eq $((d0 + 1)) "$(fw_drops hv2 a fw_deny)" "hv2 v-a fw_deny after one datagram n -> a:5353"
	assert_eq 0 "$(fw_drops hv2 a frag)" "hv2 v-a frag drops"
	# Not a VTEP of VNI 100 for hv2: what it says of its senders is not
	# believed.
	nv hv2 flood del nvo0 vni 100 remote 10.99.0.1
	d0=$(fw_drops hv2 a fw_deny)
	tcp_denied w 10.0.0.2 8080
	assert_gt "$(fw_drops hv2 a fw_deny)" "$d0" "hv2 v-a fw_deny after w -> a:8080 from an untrusted VTEP"
	nv hv2 flood add nvo0 vni 100 remote 10.99.0.1
	tcp_ok w 10.0.0.2 8080
	assert_klog_clean
}

remote_group_geneve() { remote_group_wire geneve; }
remote_group_vxlan_gbp() { remote_group_wire vxlan; }

# Many single-port rules beside a range: 2000 TCP ports, 10000-11999,
# allowed to s (one host), one port range 20000-20010.
# A port in the middle, the range and the ends pass; the next port does
# not; a deleted rule is gone from the index. Then all 2000 go.
many_rules() {
	local f=$CASE_DIR/rules.batch p d0
	klog_mark
	fw_hv
	sg_add hv1 10 svc
	mk_vm c hv1 100 10.0.0.1/24
	mk_vm s hv1 100 10.0.0.2/24
	for ((p = 10000; p < 12000; p++)); do
		echo "sg rule add nvo0 svc id $p ingress ipv4 proto tcp port $p"
	done >"$f"
	nv hv1 -b "$f"
	rule_add hv1 svc id 1 ingress ipv4 proto tcp port 20000-20010
	assert_eq 2001 "$(nv hv1 -j sg show nvo0 svc | jq '.[0].rules')" "rules of svc"
	port_set hv1 s sg svc
	for p in 10000 11234 11999 20005; do
		tcp_server s "$p"
	done
	tcp_server s 12000
	for p in 10000 11234 11999 20005; do
		tcp_ok c 10.0.0.2 "$p"
	done
	# Each rule counts the connections it let in.
	assert_gt "$(nv hv1 -j sg rule show nvo0 svc | jq '.[] | select(.id == 11234) | .hits')" 0 "hits of rule 11234"
	assert_eq 0 "$(nv hv1 -j sg rule show nvo0 svc | jq '.[] | select(.id == 11235) | .hits')" "hits of rule 11235"
	d0=$(fw_drops hv1 s fw_deny)
	tcp_denied c 10.0.0.2 12000
	assert_gt "$(fw_drops hv1 s fw_deny)" "$d0" "hv1 v-s fw_deny after c -> s:12000"
	nv hv1 sg rule del nvo0 svc id 11234
	tcp_denied c 10.0.0.2 11234
	tcp_ok c 10.0.0.2 11999
	sed 's/^sg rule add nvo0 svc id \([0-9]*\) .*/sg rule del nvo0 svc id \1/' "$f" |
		grep -v ' id 11234$' >"$f.del"
	nv hv1 -b "$f.del"
	assert_eq 1 "$(nv hv1 -j sg show nvo0 svc | jq '.[0].rules')" "rules of svc after deleting"
	tcp_denied c 10.0.0.2 10000
	tcp_ok c 10.0.0.2 20005
	assert_klog_clean
}

# Rules found by their remote prefix: the index takes every rule under its
# remote prefix (or none, or its remote group) and probes it per prefix
# length in use. All on hv1, s in group svc, which has 1,000 rules for
# other prefixes as well.
#
#   c1 10.0.0.1: tcp 8080 from 10.0.0.0/27; anything from 10.0.0.1/32
#   c2 10.0.0.33: udp (any port) from 10.0.0.32/32; tcp 7000-7001 from
#                 10.0.0.32/27
cidr_rules() {
	local f=$CASE_DIR/rules.batch i d0 id
	klog_mark
	fw_hv
	sg_add hv1 10 svc
	mk_vm c1 hv1 100 10.0.0.1/24
	mk_vm c2 hv1 100 10.0.0.33/24
	mk_vm s hv1 100 10.0.0.2/24
	for ((i = 0; i < 1000; i++)); do
		echo "sg rule add nvo0 svc ingress ipv4 proto tcp port 8080 remote 10.$((100 + i / 250)).$((i % 250)).0/24"
	done >"$f"
	nv hv1 -b "$f"
	rule_add hv1 svc id 100001 ingress ipv4 proto tcp port 8080 remote 10.0.0.0/27
	rule_add hv1 svc id 100002 ingress ipv4 proto udp remote 10.0.0.33/32
	rule_add hv1 svc id 100003 ingress ipv4 remote 10.0.0.1/32
	rule_add hv1 svc id 100004 ingress ipv4 proto tcp port 7000-7001 remote 10.0.0.32/27
	assert_eq 1004 "$(nv hv1 -j sg show nvo0 svc | jq '.[0].rules')" "rules of svc"
	# A copy of an indexed rule is refused, whatever its id; so is a
	# copy of a port range (before any traffic: learned entries age).
	refused "copy of rule 100002" 'identical rule exists' -- \
		nv hv1 sg rule add nvo0 svc id 200000 ingress ipv4 proto udp remote 10.0.0.33/32 || return 1
	refused "copy of rule 100004" 'identical rule exists' -- \
		nv hv1 sg rule add nvo0 svc ingress ipv4 proto tcp port 7000-7001 remote 10.0.0.32/27 || return 1
	port_set hv1 s sg svc
	tcp_server s 8080
	tcp_server s 7001
	udp_server s 5353

	tcp_ok c1 10.0.0.2 8080
	tcp_ok c1 10.0.0.2 7001
	assert_ping c1 10.0.0.2
	assert_eq reply "$(udp_probe c2 10.0.0.2 5353 "$OK_TIMEOUT")" "UDP c2 -> s:5353"
	tcp_ok c2 10.0.0.2 7001
	d0=$(fw_drops hv1 s fw_deny)
	tcp_denied c2 10.0.0.2 8080
	assert_no_ping c2 10.0.0.2
	assert_gt "$(fw_drops hv1 s fw_deny)" "$d0" "hv1 v-s fw_deny after c2 -> s"
	# Each found by the index, its hits counted.
	for id in 100001 100002 100003 100004; do
		assert_gt "$(nv hv1 -j sg rule show nvo0 svc | jq ".[] | select(.id == $id) | .hits")" 0 "hits of rule $id"
	done
	# Without the /32 of any protocol, c1 keeps what its /27 rule allows.
	nv hv1 sg rule del nvo0 svc id 100003
	assert_no_ping c1 10.0.0.2
	tcp_ok c1 10.0.0.2 8080
	# Ids: the next is after the largest in use, also once it is gone.
	rule_add hv1 svc ingress ipv4 proto tcp port 9 remote 10.0.0.9/32
	assert_eq 1 "$(nv hv1 -j sg rule show nvo0 svc | jq '[.[] | select(.id == 100005)] | length')" "rule 100005 (auto id)"
	nv hv1 sg rule del nvo0 svc id 100005
	nv hv1 sg rule del nvo0 svc id 100004
	rule_add hv1 svc ingress ipv4 proto tcp port 9 remote 10.0.0.9/32
	assert_eq 1 "$(nv hv1 -j sg rule show nvo0 svc | jq '[.[] | select(.id == 100003)] | length')" "rule 100003 (auto id after deletes)"
	assert_klog_clean
}

# Port ranges and ICMP types in the index: a range is stored as aligned
# blocks of ports (1000-2000 as 1000-1007, 1008-1023, 1024-1535, 1536-1791,
# 1792-1919, 1920-1983, 1984-1999, 2000), an ICMP rule under type << 8 |
# code. UDP to s (group svc, on hv1) at each block's ends and around the
# ranges: exactly the ports inside pass, for the remote a rule names; the
# same ports for TCP do not allow UDP. Echo requests (type 8, code 0) pass
# by the type and code rule (c1) and the type rule (c2), not by a rule of
# code 1 (c3). A deleted range leaves no block behind.
port_blocks() {
	local ports all want1 want2 id d0
	klog_mark
	fw_hv
	sg_add hv1 10 svc
	mk_vm c1 hv1 100 10.0.0.1/24
	mk_vm c2 hv1 100 10.0.0.33/24
	mk_vm c3 hv1 100 10.0.0.3/24
	mk_vm s hv1 100 10.0.0.2/24
	rule_add hv1 svc id 1 ingress ipv4 proto udp port 1000-2000
	rule_add hv1 svc id 2 ingress ipv4 proto udp port 65534-65535
	rule_add hv1 svc id 3 ingress ipv4 proto udp port 40001-40003 remote 10.0.0.1/32
	rule_add hv1 svc id 4 ingress ipv4 proto tcp port 2001-2100
	rule_add hv1 svc id 5 ingress ipv4 proto icmp icmp-type 8 icmp-code 0 remote 10.0.0.1/32
	rule_add hv1 svc id 6 ingress ipv4 proto icmp icmp-type 8 remote 10.0.0.33/32
	rule_add hv1 svc id 7 ingress ipv4 proto icmp icmp-type 8 icmp-code 1 remote 10.0.0.3/32
	port_set hv1 s sg svc
	ports="1000 1007 1008 1023 1024 1535 1536 1791 1792 1919 1920 1983 1984 1999 2000"
	all="999 $ports 2001 2100 40000 40001 40003 40004 65533 65534 65535"
	want1="$ports 40001 40003 65534 65535"
	want2="$ports 65534 65535"
	# shellcheck disable=SC2086 # lists of ports
	udp_servers s $all
	d0=$(fw_drops hv1 s fw_deny)
	# shellcheck disable=SC2086
	assert_eq "$want1" "$(udp_scan c1 10.0.0.2 $all)" "UDP ports of s that c1 reaches"
	# shellcheck disable=SC2086
	assert_eq "$want2" "$(udp_scan c2 10.0.0.2 $all)" "UDP ports of s that c2 reaches"
	# c1: 999 2001 2100 40000 40004 65533; c2: those and 40001, 40003.
	assert_eq $((d0 + 14)) "$(fw_drops hv1 s fw_deny)" "hv1 v-s fw_deny after the scans"
	assert_ping c1 10.0.0.2
	assert_ping c2 10.0.0.2
	assert_no_ping c3 10.0.0.2
	for id in 1 2 3 5 6; do
		assert_gt "$(nv hv1 -j sg rule show nvo0 svc | jq ".[] | select(.id == $id) | .hits")" 0 "hits of rule $id"
	done
	for id in 4 7; do
		assert_eq 0 "$(nv hv1 -j sg rule show nvo0 svc | jq ".[] | select(.id == $id) | .hits")" "hits of rule $id"
	done
	nv hv1 sg rule del nvo0 svc id 1
	# shellcheck disable=SC2086
	assert_eq "40001 40003 65534 65535" "$(udp_scan c1 10.0.0.2 $all)" "UDP ports of s that c1 reaches without rule 1"
	nv hv1 sg rule del nvo0 svc id 6
	assert_ping c1 10.0.0.2
	assert_no_ping c2 10.0.0.2
	assert_klog_clean
}

# acl_hits HV VNI PRIO: frames ACL entry PRIO of VNI decided on HV.
acl_hits() {
	nv "$1" -j acl show nvo0 vni "$2" | jq --argjson p "$3" '.[] | select(.prio == $p) | .hits'
}

# The operator's ACL of VNI 100, before the groups and whatever the port
# security: a (hv1) and b (hv2). hv1's egress entries: 10 deny TCP 22;
# 30 allow TCP 7000, 40 deny TCP 7000-7100 (first match decides). hv2's
# ingress entries: 5 deny TCP 9090 from 10.0.0.0/24; 1 allow TCP 9999,
# which hands over to b's group (TCP 8080 and 7000-7001): still refused.
acl_guard_rails() {
	local p d0
	klog_mark
	fw_hvs
	mk_vm a hv1 100 10.0.0.1/24
	mk_vm b hv2 100 10.0.0.2/24
	fdb_both
	nv hv1 acl add nvo0 vni 100 prio 10 deny egress proto tcp port 22
	nv hv1 acl add nvo0 vni 100 prio 40 deny egress proto tcp port 7000-7100
	nv hv1 acl add nvo0 vni 100 prio 30 allow egress proto tcp port 7000
	nv hv2 acl add nvo0 vni 100 prio 5 deny ingress proto tcp port 9090 src 10.0.0.0/24
	nv hv2 acl add nvo0 vni 100 prio 1 allow ingress proto tcp port 9999
	sg_add hv2 1 svc
	rule_add hv2 svc ingress ipv4 proto tcp port 8080
	rule_add hv2 svc ingress ipv4 proto tcp port 7000-7001
	port_set hv2 b sg svc
	for p in 22 7000 7001 8080 9090 9999; do
		tcp_server b "$p"
	done
	tcp_ok a 10.0.0.2 8080
	d0=$(fw_drops hv1 a acl_deny)
	tcp_denied a 10.0.0.2 22
	assert_gt "$(fw_drops hv1 a acl_deny)" "$d0" "hv1 v-a acl_deny after a -> b:22"
	tcp_ok a 10.0.0.2 7000
	tcp_denied a 10.0.0.2 7001
	d0=$(fw_drops hv2 b acl_deny)
	tcp_denied a 10.0.0.2 9090
	assert_gt "$(fw_drops hv2 b acl_deny)" "$d0" "hv2 v-b acl_deny after a -> b:9090"
	d0=$(fw_drops hv2 b fw_deny)
	tcp_denied a 10.0.0.2 9999
	assert_gt "$(fw_drops hv2 b fw_deny)" "$d0" "hv2 v-b fw_deny: an ACL allow hands over to the groups"
	assert_gt "$(acl_hits hv1 100 10)" 0 "hits of hv1's ACL entry 10"
	assert_gt "$(acl_hits hv2 100 1)" 0 "hits of hv2's ACL entry 1"
	# Port security off takes the groups away, not the ACL.
	port_set hv2 b port-security off
	tcp_ok a 10.0.0.2 9999
	tcp_denied a 10.0.0.2 9090
	nv hv1 acl del nvo0 vni 100 prio 10
	tcp_ok a 10.0.0.2 22
	diag "hv1 acl show: $(nv hv1 acl show nvo0 | tr '\n' ';')"
	assert_klog_clean
}

# p (hv1) is in group locked, which has no rule: firewalled, it would pass
# ARP and nothing else. With port security off it passes everything; turned
# on, the group applies. q has no group.
port_security_off() {
	local m d0 f0
	klog_mark
	fw_hv
	mk_vm p hv1 100 10.0.0.1/24
	mk_vm q hv1 100 10.0.0.2/24
	sg_add hv1 1 locked
	port_set hv1 p sg locked port-security off
	tcp_server p 8080

	assert_ping q 10.0.0.1
	assert_ping p 10.0.0.2
	tcp_ok q 10.0.0.1 8080
	m=NVO-FW-RAW-$RANDOM$RANDOM
	capture_start q eth0 raw ether proto 0x88b5
	send_frame p 88b5 "$m"
	capture_stop raw
	pcap_has raw "$m" || fail "q did not receive p's EtherType 0x88b5 frame, port security off"
	assert_eq 0 "$(fw_drops hv1 p fw_deny)" "hv1 v-p fw_deny, port security off"
	assert_eq 0 "$(fw_drops hv1 p fw_proto)" "hv1 v-p fw_proto, port security off"

	port_set hv1 p port-security on
	d0=$(fw_drops hv1 p fw_deny)
	f0=$(fw_drops hv1 p fw_proto)
	assert_no_ping q 10.0.0.1
	tcp_denied q 10.0.0.1 8080
	assert_gt "$(fw_drops hv1 p fw_deny)" "$d0" "hv1 v-p fw_deny, port security on"
	m=NVO-FW-RAW-$RANDOM$RANDOM
	capture_start q eth0 raw2 ether proto 0x88b5
	send_frame p 88b5 "$m"
	capture_stop raw2
	if pcap_has raw2 "$m"; then
		pcap_show raw2 >&2
		fail "q received p's EtherType 0x88b5 frame, port security on"
	fi
	assert_gt "$(fw_drops hv1 p fw_proto)" "$f0" "hv1 v-p fw_proto, port security on"
	assert_klog_clean
}

# config_state HV: what a refused request must leave as it was.
config_state() {
	nv "$1" -j show && nv "$1" -j port show nvo0 &&
		nv "$1" -j sg show nvo0 && nv "$1" -j sg rule show nvo0 &&
		nv "$1" -j acl show nvo0
}

# Requests that must be refused, each clearly and without a trace. Their
# checks all run, and the case fails at the end naming those that did not
# hold.
#   VNI 100 (tenant 1): vm1, group web; VNI 200 (no tenant): vm2, no group
#   web (10): a rule; in use by v-vm1
#   app (20): a rule naming db as its remote group
#   db (30): no rule
bad_requests() {
	local bad=()
	klog_mark
	fw_hv
	vni_add hv1 200
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv1 200 10.0.0.2/24
	sg_add hv1 10 web
	sg_add hv1 20 app
	sg_add hv1 30 db
	rule_add hv1 web ingress ipv4 proto tcp port 80 remote 10.0.0.0/24
	rule_add hv1 app egress ipv4 proto tcp port 5432 remote-group db
	port_set hv1 vm1 sg web
	# What is compared holds what was just made.
	assert_contains "$(nv hv1 sg show nvo0)" web "nvctl sg show nvo0"
	assert_contains "$(nv hv1 sg rule show nvo0)" 10.0.0.0/24 "nvctl sg rule show nvo0"

	# Exact texts, whether nvctl refuses the request itself (exit 2) or
	# the kernel does (exit 1, the attribute named).
	refused sg_id_zero '^Error: integer out of range \(attribute "sg"\), valid 1\.\.65535$' -- \
		nv hv1 sg add nvo0 id 0 name zero || bad+=(sg_id_zero)
	refused sg_id_too_big '^Error: invalid id "70000": does not fit in 16 bits$' -- \
		nv hv1 sg add nvo0 id 70000 name big || bad+=(sg_id_too_big)
	refused sg_id_taken '^Error: security group exists on this device \(attribute "sg"\)$' -- \
		nv hv1 sg add nvo0 id 10 name other || bad+=(sg_id_taken)
	refused sg_name_taken '^Error: another security group has that name \(attribute "name"\)$' -- \
		nv hv1 sg add nvo0 id 11 name web || bad+=(sg_name_taken)
	refused rule_port_without_proto '^Error: "port" needs "proto" tcp, udp, sctp, udplite or dccp$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 port 80 || bad+=(rule_port_without_proto)
	refused rule_port_range_reversed '^Error: invalid port range "90-80": 90 is above 80$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp port 90-80 || bad+=(rule_port_range_reversed)
	refused rule_remote_host_bits '^Error: address has host bits set beyond its prefix length \(attribute "remote"\)$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp port 22 remote 10.0.0.1/24 || bad+=(rule_remote_host_bits)
	refused rule_remote_family '^Error: "remote 10\.0\.0\.0/8" is IPv4 but the rule is ipv6$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv6 proto tcp port 22 remote 10.0.0.0/8 || bad+=(rule_remote_family)
	refused rule_icmp_type_with_tcp '^Error: "icmp-type" needs "proto" icmp or icmpv6$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp icmp-type 8 || bad+=(rule_icmp_type_with_tcp)
	refused rule_remote_group_unknown_name '^Error: unknown security group "nosuch" \(argument "remote-group"\)$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp port 22 remote-group nosuch || bad+=(rule_remote_group_unknown_name)
	refused rule_remote_group_unknown_id '^Error: remote security group does not exist on this device \(attribute "remote-group"\)$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp port 22 remote-group 999 || bad+=(rule_remote_group_unknown_id)
	refused rule_identical '^Error: an identical rule exists in this security group$' -- \
		nv hv1 sg rule add nvo0 web ingress ipv4 proto tcp port 80 remote 10.0.0.0/24 || bad+=(rule_identical)
	refused sg_del_used_by_port '^Error: security group is in use by ports \(attribute "sg"\)$' -- \
		nv hv1 sg del nvo0 web || bad+=(sg_del_used_by_port)
	refused sg_del_named_by_rule '^Error: security group is the remote group of another group'"'"'s rule \(attribute "sg"\)$' -- \
		nv hv1 sg del nvo0 db || bad+=(sg_del_named_by_rule)
	refused port_sg_no_tenant '^Error: the port'"'"'s VNI has no tenant: a firewalled port needs its conntrack zone \(attribute "sg"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 sg app || bad+=(port_sg_no_tenant)
	refused port_sg_unknown '^Error: unknown security group "nosuch" \(argument "sg"\)$' -- \
		nv hv1 port set nvo0 dev v-vm1 sg web,nosuch || bad+=(port_sg_unknown)
	refused port_sg_twice '^Error: a security group is listed twice \(attribute "sg"\)$' -- \
		nv hv1 port set nvo0 dev v-vm1 sg web,web || bad+=(port_sg_twice)
	nv hv1 acl add nvo0 vni 100 prio 10 deny ingress proto tcp port 22
	refused acl_prio_taken '^Error: the VNI has an ACL entry of this priority \(attribute "prio"\)$' -- \
		nv hv1 acl add nvo0 vni 100 prio 10 allow egress || bad+=(acl_prio_taken)
	refused acl_host_bits '^Error: address has host bits set beyond its prefix length \(attribute "src"\)$' -- \
		nv hv1 acl add nvo0 vni 100 prio 11 deny src 10.0.0.1/8 || bad+=(acl_host_bits)
	refused acl_del_unknown '^Error: the VNI has no ACL entry of this priority \(attribute "prio"\)$' -- \
		nv hv1 acl del nvo0 vni 100 prio 12 || bad+=(acl_del_unknown)
	refused acl_unknown_vni '^Error: VNI does not exist on this device \(attribute "vni"\)$' -- \
		nv hv1 acl add nvo0 vni 300 prio 1 deny || bad+=(acl_unknown_vni)
	nv hv1 sg rule add nvo0 db id 4294967295 ingress ipv4 proto tcp port 80
	refused rule_id_past_largest '^Error: the group has a rule of the largest id: give the new one an id \(attribute "rule id"\)$' -- \
		nv hv1 sg rule add nvo0 db ingress ipv4 proto tcp port 81 || bad+=(rule_id_past_largest)
	refused vni_tenant_none_firewalled '^Error: the VNI has firewalled ports: they need its tenant \(attribute "tenant"\)$' -- \
		nv hv1 vni set nvo0 vni 100 tenant none || bad+=(vni_tenant_none_firewalled)

	[ ${#bad[@]} -eq 0 ] || fail "not refused as they must be: ${bad[*]}"
	assert_klog_clean
}

ktap_plan 20
run_case three_tier three_tier
run_case stateful_replies stateful_replies
run_case rule_removed rule_removed
run_case flush_conns flush_conns
run_case tenants_separate_conntrack tenants_separate_conntrack
run_case conn_limit conn_limit
run_case ipv6_rules ipv6_rules
run_case fragments fragments
run_case flood_fragments flood_fragments
run_case remote_group_local remote_group_local
run_case remote_group_egress remote_group_egress
run_case routed_groups routed_groups
run_case remote_group_geneve remote_group_geneve
run_case remote_group_vxlan_gbp remote_group_vxlan_gbp
run_case many_rules many_rules
run_case cidr_rules cidr_rules
run_case port_blocks port_blocks
run_case acl_guard_rails acl_guard_rails
run_case port_security_off port_security_off
run_case bad_requests bad_requests
ktap_finish
