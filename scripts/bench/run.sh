#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/bench/run.sh [--runs N] [--time S] [--gro off|on] [--only IDS]
#                      [--fw] [--fw-rules LIST] [--fw-kind ports|peers|ranges] [--routes]
#                      [--routes-counts LIST] [--perf] [--out DIR] [--build DIR]
#
# The measurement part of `make bench`, run as root where the kernel can load
# modules: inside the VM that scripts/bench.sh boots, or directly on a host
# (scripts/bench.sh --local). Nothing here assumes QEMU or TCG.
#
# Six datapaths are set up side by side, each in namespaces of its own
# (nvb-<id>-hv1, -hv2, -vm1, -vm2): two "hypervisors" joined by a veth
# underlay (10.99.0.1/2, MTU 1500) and one "VM" behind each (a veth, MTU
# 1450 on both ends):
#   a  no overlay: hv1 and hv2 route the VMs' subnets over the underlay
#   b  Linux vxlan + bridge          c  Linux geneve + bridge
#   d  Open vSwitch kernel datapath, vxlan vport, flows put by ovs-dpctl
#   e  nvo VXLAN                     f  nvo GENEVE
# Each is checked (pings, a full-MTU ping, the expected encapsulation seen
# on the underlay) before it is measured; one that cannot be set up is
# reported as "not measured" with the reason. Then, --runs times, every
# test runs on every datapath (the order of the datapaths rotates from run
# to run, so that a slow spell of the machine does not always hit the same
# one):
#   tcp1   iperf3 TCP, 1 stream, --time S            Gbit/s at the receiver
#   tcp4   iperf3 TCP, 4 streams                     Gbit/s at the receiver
#   udp64  udpflood: 64-byte UDP payloads, one flow  packets/s received
#   rr     rr: 1-byte TCP request/response           transactions/s
#   cpu    during tcp1: busy CPU time of the whole machine (/proc/stat)
#          per Gbit received                          CPU-seconds per Gbit
# Results (medians, ratios to a and b, targets) go to DIR/bench.json,
# DIR/bench.txt and DIR/bench.rst (report.py); raw samples to
# DIR/samples.tsv, logs of what failed to DIR/logs/.
#
# --fw: the firewall series instead. Datapath (e) only; vm2's port on hv2
# is firewalled (VNI 100 of tenant 1) by one security group of N
# single-port TCP ingress rules, for each N of --fw-rules (default
# 1,1000,10000): ports 10001.. and, last, the service port 5201, which
# every test of the series uses in turn. Each group is loaded once, with
# `nvctl -b` (its load time is measured), before the runs; after one
# unrecorded warm-up (tcp1 and crr), a run then puts vm2's port in no group
# ("none") and in each group in turn (order rotated from run to run),
# checks that the firewall is in force (a ping is dropped when firewalled,
# answered when not), and measures:
#   tcp1   as above (CPU per Gbit too)
#   rr     as above: established connection, small packets
#   crr    rr crr: a new connection per 1-byte transaction   transactions/s
# With --fw-kind peers, the N rules are all for the service port instead,
# each from another remote prefix (first vm1's /32, then N - 1 of them
# /32, /24 and /16 in turn, none covering vm1): the rule set of a service open
# to many peers, which the rule index finds by prefix length, not by rule.
# With --fw-kind ranges, N - 1 port ranges of 3 to 5 ports, one starting
# at each port from FW_FIRST on, then FW_PORT - 3 to
# FW_PORT + 3: ranges, which the index holds as aligned blocks of ports
# and finds by block size, not by rule.
# Samples are labelled fw-none, fw-N; bench.json has them under "firewall",
# with the ratios to none and to 1 rule and the issue's targets.
#
# --routes: the route table series instead. nvo VXLAN with a tenant
# router: vm1 (10.0.1.10) on hv1 in VNI 100, vm2 (10.0.2.10) on hv2 in VNI
# 200, both of tenant 1, whose router 1 has an interface on both VNIs on
# both hypervisors (gateways .1 and fd00:1::1, fd00:2::1, one MAC), so
# that every frame is routed once, by the sending VM's hypervisor. One rig
# per configuration, side by side (namespaces nvb-r<N>-*): "connected"
# (r0: the interfaces' routes only) and, for each N of --routes-counts
# (default 1000,100000), N static routes more on hv1's and hv2's router,
# none covering 10.0.2.0/24 (first octets 11 to 126; /8 to /32, a tenth
# IPv6 from /32 to /128) via 10.0.2.254 or fd00:2::254: every lookup
# still ends at the connected route. They are loaded once, with one
# `nvctl -b` per hypervisor (timed, with the kernel memory it took), and
# checked (route counts; a ping into a loaded prefix is dropped for want
# of a neighbour, not as unroutable). After one unrecorded warm-up (tcp1,
# udp64, rr on the most routes), a run takes each configuration in turn
# (order rotated from run to run), checks it (route counts on both
# routers, vm2's answer one routed hop away: TTL 63) and measures tcp1
# (and CPU per Gbit), udp64 and rr as above; then, for each configuration,
# the time of one route lookup as the function_graph tracer has it
# (lookup, during flood pings). Samples are labelled
# routes-connected, routes-N; bench.json has them under "routes", with
# the ratios to connected.
#
# --perf: a profile of every tcp1 test, over the window the CPU is sampled
# in, and of every udp64 test (as long, from 1.5 s after the sender
# starts; /proc/interrupts' IPIs and ticks before and after it go to
# logs/LABEL-runN-udp64.irq0 and .irq1). In the VM of scripts/bench.sh,
# QEMU's vCPUs are sampled from the host (scripts/bench/tcgprof.py: perf's
# own samples are biased under TCG), reported to
# logs/LABEL-runN-TEST.prof.txt; elsewhere by `perf record -a -e
# cpu-clock`, to logs/LABEL-runN-TEST.perf.txt. A profiler costs CPU
# time: the figures of such a run are not comparable with others.
#
# Defaults: --runs 3, --time 5, --gro off, --only a,b,c,d,e,f, --out
# $NVO_JOB (or a new /tmp/nvo-bench.*), --build OUT/build (rr and udpflood
# are built there if missing), --routes-counts 1000,100000.
# Environment: NVCTL, NVO_KO (paths of nvctl and nvo.ko in this tree by
# default), NVO_BENCH_KEEP=1 leaves the namespaces behind.
set -u

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
REPO=${HERE%/scripts/bench}
NVCTL=${NVCTL:-$REPO/tools/nvctl/nvctl}
NVO_KO=${NVO_KO:-$REPO/kmod/nvo.ko}
# Debian's interpreter; the first python3 on PATH may be another build.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

runs=3 secs=5 gro=off only=a,b,c,d,e,f out='' build='' fw=0 fw_rules=1,1000,10000 fw_kind=ports
routes=0 routes_counts=1000,100000 perf=0
only_given=0

usage() {
	awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
	exit "${1:-2}"
}
die() { echo "bench: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=${2:?}; shift 2 ;;
	--time) secs=${2:?}; shift 2 ;;
	--gro) gro=${2:?}; shift 2 ;;
	--only) only=${2:?}; only_given=1; shift 2 ;;
	--fw) fw=1; shift ;;
	--fw-rules) fw_rules=${2:?}; shift 2 ;;
	--fw-kind) fw_kind=${2:?}; shift 2 ;;
	--routes) routes=1; shift ;;
	--routes-counts) routes_counts=${2:?}; shift 2 ;;
	--perf) perf=1; shift ;;
	--out) out=${2:?}; shift 2 ;;
	--build) build=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	*) usage ;;
	esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: a positive integer"
if ! [[ $secs =~ ^[0-9]+$ ]] || [ "$secs" -lt 3 ]; then
	die "--time: whole seconds, 3 or more"
fi
case $gro in on|off) ;; *) die "--gro: on or off" ;; esac
FW_NS=()
if [ "$fw" = 1 ]; then
	[ "$only_given" = 0 ] || die "--fw measures datapath (e) only: no --only with it"
	only=e
	IFS=, read -r -a FW_NS <<<"$fw_rules"
	for n in "${FW_NS[@]}"; do
		# Ports 10001.. and 5201: at most 55,535 distinct ones.
		if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -gt 50000 ]; then
			die "--fw-rules: rule counts from 1 to 50000, comma-separated"
		fi
	done
	[ ${#FW_NS[@]} -gt 0 ] || die "--fw-rules: at least one rule count"
	case $fw_kind in ports|peers|ranges) ;; *) die "--fw-kind: ports, peers or ranges" ;; esac
	[ "$(printf '%s\n' "${FW_NS[@]}" | sort -u | wc -l)" = ${#FW_NS[@]} ] ||
		die "--fw-rules: each count once"
fi
RT_NS=()
if [ "$routes" = 1 ]; then
	[ "$fw" = 0 ] || die "--routes and --fw are series of their own: one at a time"
	[ "$only_given" = 0 ] || die "--routes measures nvo VXLAN with a router only: no --only with it"
	only=''
	IFS=, read -r -a RT_NS <<<"$routes_counts"
	for n in "${RT_NS[@]}"; do
		if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -gt 1000000 ]; then
			die "--routes-counts: route counts from 1 to 1000000, comma-separated"
		fi
	done
	[ ${#RT_NS[@]} -gt 0 ] || die "--routes-counts: at least one route count"
	[ "$(printf '%s\n' "${RT_NS[@]}" | sort -u | wc -l)" = ${#RT_NS[@]} ] ||
		die "--routes-counts: each count once"
fi
[ "$(id -u)" = 0 ] || die "must run as root (namespaces, modules)"

if [ -z "$out" ]; then
	out=${NVO_JOB:-$(mktemp -d /tmp/nvo-bench.XXXXXX)}
fi
mkdir -p "$out/logs" || die "cannot create $out"
out=$(cd "$out" && pwd)
build=${build:-$out/build}
LOGS=$out/logs
SAMPLES=$out/samples.tsv
STATUS=$out/status.tsv
: >"$SAMPLES"
: >"$STATUS"
rm -f "$LOGS"/*

ALL_IDS=(a b c d e f)
declare -A DP_NAME=(
	[a]="no overlay (routed)" [b]="Linux vxlan+bridge" [c]="Linux geneve+bridge"
	[d]="OVS kernel vxlan" [e]="nvo VXLAN" [f]="nvo GENEVE"
)
IDS=()
for id in "${ALL_IDS[@]}"; do
	[[ ,$only, == *,$id,* ]] && IDS+=("$id")
done
# --routes: a rig of its own per configuration, r0 (connected routes
# only) and rN (N static routes more); its configurations by label.
RT_CFGS=()
declare -A RT_ID=()
if [ "$routes" = 1 ]; then
	for c in connected "${RT_NS[@]}"; do
		n=$c
		[ "$c" != connected ] || n=0
		RT_ID[$c]=r$n
		RT_CFGS+=("$c")
		IDS+=("r$n")
		DP_NAME[r$n]="nvo VXLAN routed, connected routes only"
		[ "$c" = connected ] || DP_NAME[r$n]="nvo VXLAN routed, $c static routes more"
	done
fi
[ ${#IDS[@]} -gt 0 ] || die "--only $only names no datapath (a..f)"

VM_MTU=1450
IPERF_PORT=5201
RR_PORT=7001
UDP_PORT=7002
UDP_LEN=64
P=nvb-
CLK_TCK=$(getconf CLK_TCK)
# Both ends of the request/response test run on this CPU (see rr()).
RR_CPU=${NVO_BENCH_RR_CPU:-0}
START=$SECONDS

log() { printf 'bench: %s\n' "$*"; }
# elapsed time, for the progress lines
el() { printf '%3d:%02d' $(((SECONDS - START) / 60)) $(((SECONDS - START) % 60)); }

# ---------------------------------------------------------------------------
# Namespaces and cleanup

# Not for background jobs: $! would be the subshell running the function,
# and killing it would leave the command running. `ip netns exec` execs the
# command in its own process, so started directly, $! is the command's.
on() {
	local d=$1 n=$2
	shift 2
	ip netns exec "$P$d-$n" "$@"
}

# Kills whatever runs in the namespaces whose names start with $1 (a process
# keeps its namespace alive), then deletes them.
sweep_netns() {
	local n pid del=()
	for n in /run/netns/"$1"*; do
		[ -e "$n" ] || continue
		for pid in /proc/[0-9]*; do
			[ "$pid/ns/net" -ef "$n" ] && kill -9 "${pid#/proc/}" 2>/dev/null
		done
		del+=("netns del ${n#/run/netns/}")
	done
	[ ${#del[@]} -eq 0 ] || printf '%s\n' "${del[@]}" | ip -force -batch - 2>/dev/null
}

teardown_dp() {
	local d=$1 h
	# The OVS datapaths would go with their namespaces; deleting them
	# first is the documented way, and leaves nothing to chance.
	if [ "$d" = d ]; then
		for h in hv1 hv2; do
			[ -e "/run/netns/$P$d-$h" ] &&
				on "$d" "$h" ovs-dpctl del-dp ovs-system >/dev/null 2>&1
		done
	fi
	sweep_netns "$P$d-"
}

NVO_LOADED_HERE=0
FW_CT_RAISED=0
cleanup() {
	local d
	trap - EXIT INT TERM
	[ "$FW_CT_RAISED" = 0 ] || sysctl -qw net.netfilter.nf_conntrack_max="$FW_CT_MAX0"
	[ -z "${RT_TRACE:-}" ] || rt_trace_off
	if [ "${NVO_BENCH_KEEP:-0}" != 0 ]; then
		log "NVO_BENCH_KEEP: leaving namespaces $P* behind"
		return
	fi
	for d in "${ALL_IDS[@]}"; do teardown_dp "$d"; done
	sweep_netns "$P"
	# Only what this run loaded: a host may use its own nvo.
	[ "$NVO_LOADED_HERE" = 0 ] || rmmod nvo 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# What an interrupted earlier run left behind.
sweep_netns "$P"

IPV6_OFF=0
read -r IPV6_OFF </sys/module/ipv6/parameters/disable_ipv6 2>/dev/null
mk_ns() {
	ip netns add "$1" || return 1
	# No router solicitations or MLD reports in the measurements.
	[ "$IPV6_OFF" = 1 ] || [ ! -d /proc/sys/net/ipv6 ] || ip netns exec "$1" sysctl -qw \
		net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "$1" link set lo up
}

# wait_for FILE TEXT SECONDS: until TEXT shows up in FILE.
wait_for() {
	local end=$((SECONDS + $3))
	until grep -q "$2" "$1" 2>/dev/null; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# ---------------------------------------------------------------------------
# Topology. Every datapath has the same veths with the same settings; only
# what joins the VM's veth to the underlay differs.

# The offload settings of every veth of every datapath (documented in
# Documentation/performance.rst): TSO and GSO on (veth's defaults: TCP
# superframes cross the whole rig unsegmented), GRO as --gro says (off is
# the kernel's default; on puts veth in NAPI mode).
set_offloads() {
	local d=$1 n=$2 dev=$3
	on "$d" "$n" ethtool -K "$dev" tso on gso on gro "$gro" >/dev/null 2>&1 ||
		on "$d" "$n" ethtool -K "$dev" gro "$gro" 2>&1
}

base_topology() {
	local d=$1 i j n
	for n in hv1 hv2 vm1 vm2; do
		mk_ns "$P$d-$n" || return 1
	done
	ip -n "$P$d-hv1" link add ul-hv2 mtu 1500 type veth peer name ul-hv1 \
		mtu 1500 netns "$P$d-hv2" || return 1
	for i in 1 2; do
		j=$((3 - i))
		printf '%s\n' "addr add 10.99.0.$i/24 dev ul-hv$j" "link set ul-hv$j up" |
			ip -n "$P$d-hv$i" -batch - || return 1
		ip -n "$P$d-hv$i" link add "v-vm$i" mtu "$VM_MTU" type veth peer name eth0 \
			mtu "$VM_MTU" address "02:00:00:00:00:0$i" netns "$P$d-vm$i" || return 1
		ip -n "$P$d-hv$i" link set "v-vm$i" up || return 1
		ip -n "$P$d-vm$i" link set eth0 up || return 1
		set_offloads "$d" "hv$i" "ul-hv$j" || return 1
		set_offloads "$d" "hv$i" "v-vm$i" || return 1
		set_offloads "$d" "vm$i" eth0 || return 1
	done
}

# Overlays: both VMs in 10.1.0.0/24, one L2 segment.
overlay_vms() {
	local d=$1
	ip -n "$P$d-vm1" addr add 10.1.0.1/24 dev eth0 &&
		ip -n "$P$d-vm2" addr add 10.1.0.2/24 dev eth0
	SERVER_IP=10.1.0.2
}

# (a) The limit: no encapsulation, the hypervisors route the VMs' subnets
# (10.1.1.0/24 behind hv1, 10.1.2.0/24 behind hv2) over the same underlay.
# Same veths, same inner MTU, same number of hops as the overlays.
setup_a() {
	local d=a i j
	for i in 1 2; do
		j=$((3 - i))
		printf '%s\n' "addr add 10.1.$i.1/24 dev v-vm$i" \
			"route add 10.1.$j.0/24 via 10.99.0.$j" |
			ip -n "$P$d-hv$i" -batch - || return 1
		on "$d" "hv$i" sysctl -qw net.ipv4.ip_forward=1 || return 1
		printf '%s\n' "addr add 10.1.$i.2/24 dev eth0" \
			"route add default via 10.1.$i.1" |
			ip -n "$P$d-vm$i" -batch - || return 1
	done
	SERVER_IP=10.1.2.2
	WIRE=''
}

# (b) and (c): the tunnel device and the VM's veth on a bridge; the tunnel
# has a fixed remote, so unknown unicast and broadcast go to the other
# hypervisor. Defaults otherwise (learning on, no outer UDP checksum).
setup_linux_tunnel() {
	local d=$1 kind=$2 i j tun
	for i in 1 2; do
		j=$((3 - i))
		case $kind in
		vxlan) tun="vx0 mtu $VM_MTU type vxlan id 100 local 10.99.0.$i remote 10.99.0.$j dstport 4789 dev ul-hv$j" ;;
		geneve) tun="gn0 mtu $VM_MTU type geneve id 100 remote 10.99.0.$j dstport 6081" ;;
		esac
		printf '%s\n' "link add br0 type bridge" "link add $tun" \
			"link set ${tun%% *} master br0 up" "link set v-vm$i master br0" \
			"link set br0 up" | ip -n "$P$d-hv$i" -batch - || return 1
	done
	overlay_vms "$d"
}
setup_b() { setup_linux_tunnel b vxlan && WIRE='udp dst port 4789'; }
setup_c() { setup_linux_tunnel c geneve && WIRE='udp dst port 6081'; }

# (d) Open vSwitch's kernel datapath, driven without ovs-vswitchd. A
# recipe found by experiment (OVS 3.1, Linux 6.1):
#  - `ovs-dpctl add-dp ovs-system` in each hypervisor namespace (datapaths
#    are per namespace), `add-if` the VM's veth and a vxlan vport:
#    vxlan_sys_4789,type=vxlan,remote_ip=flow,key=flow,dst_port=4789 makes
#    ovs-dpctl create a metadata-mode ("external") vxlan device, MTU 65000.
#  - Kernel flows are exact over the key fields they name, and a key must be
#    complete: `eth()` alone matches every frame (the masks of eth_type and
#    everything below it stay zero); naming eth_type(0x0800) would require
#    ipv4(...) too, and ARP would need flows of its own.
#  - Transmit: set(tunnel(tun_id=0x64,dst=REMOTE,ttl=64,tp_dst=4789,
#    flags(key))),<vxlan port>. No csum flag: no outer UDP checksum, like
#    the other datapaths.
#  - Receive: the tunnel key must be matched whole, ttl included:
#    tunnel(tun_id=0x64,src=REMOTE,dst=LOCAL,ttl=64,flags(key)),
#    in_port(<vxlan port>),eth() -> <VM port>.
#  - Port numbers are read back from `ovs-dpctl show`.
# Two flows per hypervisor, one mask each: OVS's best case (no upcall, no
# megaflow churn).
ovs_port() {
	on d "$1" ovs-dpctl show ovs-system 2>/dev/null |
		sed -n "s/^ *port \([0-9]*\): $2\( .*\)*\$/\1/p"
}

setup_d() {
	local d=d i j vm tun
	for i in 1 2; do
		j=$((3 - i))
		on "$d" "hv$i" ovs-dpctl add-dp ovs-system || return 1
		on "$d" "hv$i" ovs-dpctl add-if ovs-system "v-vm$i" || return 1
		on "$d" "hv$i" ovs-dpctl add-if ovs-system \
			vxlan_sys_4789,type=vxlan,remote_ip=flow,key=flow,dst_port=4789 || return 1
		vm=$(ovs_port "hv$i" "v-vm$i")
		tun=$(ovs_port "hv$i" vxlan_sys_4789)
		if [ -z "$vm" ] || [ -z "$tun" ]; then
			echo "ovs-dpctl show lists no port numbers"
			return 1
		fi
		on "$d" "hv$i" ovs-dpctl add-flow ovs-system "in_port($vm),eth()" \
			"set(tunnel(tun_id=0x64,dst=10.99.0.$j,ttl=64,tp_dst=4789,flags(key))),$tun" || return 1
		on "$d" "hv$i" ovs-dpctl add-flow ovs-system \
			"tunnel(tun_id=0x64,src=10.99.0.$j,dst=10.99.0.$i,ttl=64,flags(key)),in_port($tun),eth()" \
			"$vm" || return 1
	done
	overlay_vms "$d"
	WIRE='udp dst port 4789'
}

# (e) and (f): nvo as the README has it, with each VM's MAC in the other
# hypervisor's FDB and a flood entry for ARP; learning on (the default).
setup_nvo() {
	local d=$1 encap=$2 i j
	for i in 1 2; do
		j=$((3 - i))
		if [ "$encap" = vxlan ]; then
			"$NVCTL" -n "$P$d-hv$i" link add nvo0 local "10.99.0.$i" up || return 1
		else
			"$NVCTL" -n "$P$d-hv$i" link add nvo0 local "10.99.0.$i" encap "$encap" up || return 1
		fi
		"$NVCTL" -n "$P$d-hv$i" vni add nvo0 vni 100 || return 1
		"$NVCTL" -n "$P$d-hv$i" port add nvo0 dev "v-vm$i" vni 100 || return 1
		"$NVCTL" -n "$P$d-hv$i" flood add nvo0 vni 100 remote "10.99.0.$j" || return 1
		"$NVCTL" -n "$P$d-hv$i" fdb add nvo0 vni 100 mac "02:00:00:00:00:0$j" \
			remote "10.99.0.$j" || return 1
	done
	overlay_vms "$d"
}
setup_e() { setup_nvo e vxlan && WIRE='udp dst port 4789'; }
setup_f() { setup_nvo f geneve && WIRE='udp dst port 6081'; }

# (rN) of --routes: nvo VXLAN with tenant 1's router 1 on both
# hypervisors, as selftests/47-routing.sh has it: vm1 10.0.1.10 in VNI 100
# on hv1, vm2 10.0.2.10 in VNI 200 on hv2, the router's interfaces on both
# VNIs on both (gateways 10.0.1.1/24 fd00:1::1/64 and 10.0.2.1/24
# fd00:2::1/64, one MAC), each VM in its VNI's neighbour table on both,
# the remote VM's MAC in each FDB; no flood entries (the gateway answers
# the VMs' ARP on their own hypervisor). The VMs' default routes go via
# their gateways. Connected routes only: rt_load adds the static ones.
RT_GW_MAC=02:00:00:00:ff:01
setup_r() {
	local d=$1 i j
	for i in 1 2; do
		j=$((3 - i))
		"$NVCTL" -n "$P$d-hv$i" -b - <<EOF || return 1
link add nvo0 local 10.99.0.$i up
vni add nvo0 vni 100 tenant 1
vni add nvo0 vni 200 tenant 1
router add nvo0 id 1 tenant 1
router if add nvo0 router 1 vni 100 mac $RT_GW_MAC addr 10.0.1.1/24 addr fd00:1::1/64
router if add nvo0 router 1 vni 200 mac $RT_GW_MAC addr 10.0.2.1/24 addr fd00:2::1/64
port add nvo0 dev v-vm$i vni ${i}00
neigh add nvo0 vni 100 ip 10.0.1.10 mac 02:00:00:00:00:01
neigh add nvo0 vni 200 ip 10.0.2.10 mac 02:00:00:00:00:02
fdb add nvo0 vni ${j}00 mac 02:00:00:00:00:0$j remote 10.99.0.$j
EOF
		printf '%s\n' "addr add 10.0.$i.10/24 dev eth0" \
			"route add default via 10.0.$i.1" |
			ip -n "$P$d-vm$i" -batch - || return 1
	done
	SERVER_IP=10.0.2.10
	WIRE='udp dst port 4789'
}

# What must hold before a datapath is set up at all; prints the reason.
precheck() {
	case $1 in
	d)
		command -v ovs-dpctl >/dev/null || { echo "ovs-dpctl not installed (openvswitch-switch)"; return 1; }
		[ -d /sys/module/openvswitch ] || { echo "no openvswitch module: $OVS_ERR"; return 1; }
		;;
	e|f|r*)
		[ -x "$NVCTL" ] || { echo "nvctl is not built ($NVCTL)"; return 1; }
		[ -d /sys/module/nvo ] || { echo "nvo.ko is not loaded: $NVO_ERR"; return 1; }
		if [ "$1" = f ] && ! "$NVCTL" help 2>&1 | grep -q 'encap'; then
			echo "this nvctl cannot choose the encapsulation (no \"encap\" in nvctl help)"
			return 1
		fi
		;;
	esac
	return 0
}

# sanity D: pings (3 answered, then one full-MTU frame with DF), and for an
# overlay, the expected encapsulation seen on hv1's underlay meanwhile.
sanity() {
	local d=$1 cap pid=''
	cap=$LOGS/$d-sanity-wire.txt
	if [ -n "$WIRE" ]; then
		ip netns exec "$P$d-hv1" timeout 20 tcpdump -i ul-hv2 -nn -c 1 -l "$WIRE" >"$cap" 2>"$cap.err" &
		pid=$!
		wait_for "$cap.err" "listening on" 15 || { cat "$cap.err"; kill "$pid" 2>/dev/null; pid=''; }
	fi
	if ! on "$d" vm1 ping -c 3 -i 0.2 -w 10 "$SERVER_IP"; then
		[ -z "$pid" ] || kill "$pid" 2>/dev/null
		echo "sanity ping from vm1 to $SERVER_IP failed"
		return 1
	fi
	if ! on "$d" vm1 ping -c 1 -w 5 -M "do" -s $((VM_MTU - 28)) "$SERVER_IP"; then
		[ -z "$pid" ] || kill "$pid" 2>/dev/null
		echo "a full-MTU ($VM_MTU) ping with DF set from vm1 to $SERVER_IP failed"
		return 1
	fi
	if [ -n "$pid" ]; then
		wait "$pid"
		if [ ! -s "$cap" ]; then
			echo "no frame matching '$WIRE' on the underlay during the pings"
			cat "$cap" "$cap.err"
			return 1
		fi
	fi
	return 0
}

setup_dp() {
	local d=$1 why
	SERVER_IP='' WIRE=''
	if ! why=$(precheck "$d"); then
		DP_STATUS[$d]=$why
		return 1
	fi
	if ! base_topology "$d" >"$LOGS/$d-setup.log" 2>&1 ||
		! "setup_${d%%[0-9]*}" "$d" >>"$LOGS/$d-setup.log" 2>&1; then
		DP_STATUS[$d]="setup failed: $(tail -n 1 "$LOGS/$d-setup.log")"
		teardown_dp "$d"
		return 1
	fi
	if ! sanity "$d" >"$LOGS/$d-sanity.log" 2>&1; then
		DP_STATUS[$d]="sanity check failed: $(tail -n 1 "$LOGS/$d-sanity.log")"
		teardown_dp "$d"
		return 1
	fi
	DP_SERVER[$d]=$SERVER_IP
	DP_STATUS[$d]=ok
}

# ---------------------------------------------------------------------------
# Measurements. Each prints nothing on success and records its samples
# with `sample`; on failure it records NA and the reason.

sample() { printf '%s\t%s\t%s\t%s\n' "$RUN" "$1" "$2" "$3" >>"$SAMPLES"; }
failed() {
	local d=$1 m=$2
	shift 2
	sample "$d" "$m" NA
	printf '%s\t%s\t%s\t%s\n' "$RUN" "$d" "$m" "$*" >>"$out/failures.tsv"
	log "   ($d) $m failed: $*"
}

busy_jiffies() {
	local _c u n s _idle _io irq sirq steal _rest
	read -r _c u n s _idle _io irq sirq steal _rest </proc/stat
	echo $((u + n + s + irq + sirq + steal))
}

# profile BASE SECS: SECS seconds of sleep, or of a profile with --perf:
# by scripts/bench/tcgprof.py on the host when the VM's job directory has
# prof/ (scripts/bench.sh made it and samples QEMU's vCPUs), else by
# perf record (cpu-clock) into BASE.perf.txt.
profile() {
	local base=$1 t=$2 p
	if [ "$perf" = 0 ]; then
		sleep "$t"
		return
	fi
	if [ -d "${NVO_JOB:-}/prof" ]; then
		p=$NVO_JOB/prof/${base##*/}
		[ -s "$NVO_JOB/prof/kallsyms" ] || cat /proc/kallsyms >"$NVO_JOB/prof/kallsyms"
		: >"$p.start"
		sleep "$t"
		: >"$p.stop"
		return
	fi
	perf record -q -a -e cpu-clock -o "$base.perf.data" -- sleep "$t" >/dev/null 2>&1
	perf report -q -i "$base.perf.data" --stdio --no-children --sort sym \
		--percent-limit 0.3 >"$base.perf.txt" 2>&1
	rm -f "$base.perf.data"
}

# tcp D STREAMS [LABEL]: samples and logs under LABEL (default D).
tcp() {
	local d=$1 n=$2 m=tcp$2 base srv cli bps bytes retr cpu0='' cpu1='' sampler win
	local l=${3:-$1}
	base=$LOGS/$l-run$RUN-$m
	ip netns exec "$P$d-vm2" iperf3 -s -1 -p "$IPERF_PORT" --forceflush >"$base.server" 2>&1 &
	srv=$!
	if ! wait_for "$base.server" "listening" 15; then
		kill "$srv" 2>/dev/null
		failed "$l" "$m" "iperf3 server did not start: $(head -c 200 "$base.server")"
		return
	fi
	# CPU: sampled inside the transfer, from 1.5 s after the client
	# starts (process start-up and connection set-up excluded) for
	# TIME - 2 s; divided by the average rate of the whole test, it is
	# CPU-seconds per Gbit.
	win=$((secs - 2))
	if [ "$n" = 1 ]; then
		(sleep 1.5; busy_jiffies >"$base.cpu0"; profile "$base" "$win"; busy_jiffies >"$base.cpu1") &
		sampler=$!
	fi
	timeout $((secs + 30)) ip netns exec "$P$d-vm1" iperf3 -c "${DP_SERVER[$d]}" \
		-p "$IPERF_PORT" -t "$secs" -P "$n" -J --connect-timeout 5000 >"$base.json" 2>&1
	cli=$?
	[ "$n" != 1 ] || wait "$sampler"
	# The one-shot server ends with the test; not if the client failed.
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	bps='' bytes='' retr=''
	read -r bps bytes retr < <(jq -r '[.end.sum_received.bits_per_second // "",
		.end.sum_received.bytes // "", .end.sum_sent.retransmits // "NA"] | @tsv' \
		"$base.json" 2>/dev/null)
	if [ "$cli" != 0 ] || [ -z "$bps" ] || [ -z "$bytes" ] || [ "$bytes" = 0 ]; then
		failed "$l" "$m" "iperf3 client status $cli: $(jq -r '.error // empty' "$base.json" 2>/dev/null || head -c 200 "$base.json")"
		[ "$n" != 1 ] || failed "$l" cpu "no TCP result"
		return
	fi
	sample "$l" "${m}_gbps" "$(awk -v b="$bps" 'BEGIN { printf "%.4f", b / 1e9 }')"
	sample "$l" "${m}_retrans" "$retr"
	if [ "$n" = 1 ]; then
		read -r cpu0 <"$base.cpu0" 2>/dev/null
		read -r cpu1 <"$base.cpu1" 2>/dev/null
		if [ -n "$cpu0" ] && [ -n "$cpu1" ]; then
			sample "$l" cpu_s_per_gbit "$(awk -v j=$((cpu1 - cpu0)) -v hz="$CLK_TCK" \
				-v w="$win" -v b="$bps" \
				'BEGIN { printf "%.4f", (j / hz) / (b * w / 1e9) }')"
			sample "$l" cpu_busy "$(awk -v j=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v w="$win" \
				'BEGIN { printf "%.3f", j / hz / w }')"
		else
			failed "$l" cpu "the /proc/stat sampler did not finish"
		fi
	fi
}

# udp64 D [LABEL]: the receiver counts what arrives during TIME seconds,
# after 1 s of warm-up from the first datagram; the sender floods until it
# is done. Samples and logs under LABEL (default D).
udp64() {
	local d=$1 l=${2:-$1} base rcv snd pps
	base=$LOGS/$l-run$RUN-udp64
	ip netns exec "$P$d-vm2" "$build/udpflood" recv "$UDP_PORT" "$secs" 1 >"$base.json" 2>"$base.err" &
	rcv=$!
	if ! wait_for "$base.err" "listening" 15; then
		kill "$rcv" 2>/dev/null
		failed "$l" udp64 "udpflood receiver did not start: $(head -c 200 "$base.err")"
		return
	fi
	ip netns exec "$P$d-vm1" "$build/udpflood" send "${DP_SERVER[$d]}" "$UDP_PORT" $((secs + 15)) "$UDP_LEN" \
		>"$base.send" 2>&1 &
	snd=$!
	if [ "$perf" = 1 ]; then
		sleep 1.5
		grep -E '^ *(RES|CAL|LOC):' /proc/interrupts >"$base.irq0"
		profile "$base" $((secs - 2))
		grep -E '^ *(RES|CAL|LOC):' /proc/interrupts >"$base.irq1"
	fi
	wait "$rcv"
	rcv=$?
	kill "$snd" 2>/dev/null
	wait "$snd" 2>/dev/null
	pps=$(jq -r '.pps // empty' "$base.json" 2>/dev/null)
	if [ "$rcv" != 0 ] || [ -z "$pps" ]; then
		failed "$l" udp64 "udpflood receiver status $rcv: $(head -c 200 "$base.err")"
		return
	fi
	sample "$l" udp64_kpps "$(awk -v p="$pps" 'BEGIN { printf "%.3f", p / 1000 }')"
}

# rr D [LABEL [PORT]]: one connection, TIME seconds of 1-byte
# request/response. rr D crr LABEL PORT: a new connection for each
# (TCP_CRR). Samples and logs under LABEL (default D).
rr() {
	local d=$1 m=${2:-rr} l=${3:-$1} port=${4:-$RR_PORT} base srv cli rate
	local smode=server cmode=client
	[ "$m" = rr ] || { smode=crr-server cmode=crr; }
	base=$LOGS/$l-run$RUN-$m
	ip netns exec "$P$d-vm2" taskset -c "$RR_CPU" "$build/rr" "$smode" "$port" >/dev/null 2>"$base.server" &
	srv=$!
	if ! wait_for "$base.server" "listening" 15; then
		kill "$srv" 2>/dev/null
		failed "$l" "$m" "rr server did not start: $(head -c 200 "$base.server")"
		return
	fi
	timeout $((secs + 30)) ip netns exec "$P$d-vm1" taskset -c "$RR_CPU" "$build/rr" "$cmode" "${DP_SERVER[$d]}" \
		"$port" "$secs" >"$base.json" 2>"$base.err"
	cli=$?
	# The server's child for this connection ends at EOF; the server
	# itself is ended here.
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	rate=$(jq -r '.rate // empty' "$base.json" 2>/dev/null)
	if [ "$cli" != 0 ] || [ -z "$rate" ]; then
		failed "$l" "$m" "rr $cmode status $cli: $(head -c 200 "$base.err")"
		return
	fi
	sample "$l" "${m}_tps" "$rate"
}

# ---------------------------------------------------------------------------
# The firewall series (--fw), on datapath (e): vm2's port v-vm2 on hv2 is
# firewalled, vm1's is not (so hv1 tracks nothing: what is measured is the
# receiving side's firewall). The group of N rules allows TCP to ports
# FW_FIRST.. (N - 1 of them) and, last, to FW_PORT, where iperf3, rr and
# rr crr listen in turn; nothing else (a ping is dropped).

FW_PORT=$IPERF_PORT
FW_FIRST=10001
FW_CLIENT=10.1.0.1
FW_LOAD=$out/fw-load.tsv
# At least this many conntrack entries may exist: rr crr leaves one per
# connection for 10 s (CLOSE), so a fast host would fill the default table
# (the size of its hash table, 65536 with 2 GB of RAM) and drop SYNs.
FW_CT_MAX=524288
FW_CT_MAX0=''
declare -A FW_GROUP=()

# fw_prepare: VNI 100 of tenant 1 on both hypervisors; on hv2, a group per
# rule count (id 1, 2... named benchN), each loaded from a file of
# "sg rule add" lines with one `nvctl -b` and timed (nvctl's start-up
# included). Before each, the time of an `nvctl -b` of one "sg show" line:
# what a batch costs besides its rules (start-up, the first request).
# Prints why it failed.
fw_prepare() {
	local d=e h n k=0 f t0 t1 t2 got
	for h in hv1 hv2; do
		"$NVCTL" -n "$P$d-$h" vni set nvo0 vni 100 tenant 1 || return 1
	done
	for n in "${FW_NS[@]}"; do
		k=$((k + 1))
		FW_GROUP[$n]=$k
		"$NVCTL" -n "$P$d-hv2" sg add nvo0 id "$k" name "bench$n" || return 1
		# By group id: a name would cost nvctl a dump of the groups for
		# every line.
		f=$LOGS/fw-rules-$n.batch
		awk -v n="$n" -v g="$k" -v first="$FW_FIRST" -v p="$FW_PORT" \
			-v kind="$fw_kind" -v client="$FW_CLIENT" 'BEGIN {
			r = "sg rule add nvo0 id " g " ingress ipv4 proto tcp port "
			# The client'"'"'s rule first: a list that puts the newest
			# rule first would find it last.
			if (kind == "peers")
				print r p " remote " client "/32"
			for (i = 0; i < n - 1; i++) {
				if (kind == "ports") {
					print r (first + i)
					continue
				}
				# Ranges of 3 to 5 ports, one starting at
				# each port: blocks of one to three sizes.
				if (kind == "ranges") {
					print r (first + i) "-" (first + i + 2 + i % 3)
					continue
				}
				# /32s in 172.16/12, /24s in 100.64/10, /16s from 11.0/16 up
				k = int(i / 3)
				if (i % 3 == 0)
					printf "%s%d remote 172.%d.%d.%d/32\n", r, p, 16 + int(k / 65536), int(k / 256) % 256, k % 256
				else if (i % 3 == 1)
					printf "%s%d remote 100.%d.%d.0/24\n", r, p, 64 + int(k / 256), k % 256
				else
					printf "%s%d remote %d.%d.0.0/16\n", r, p, 11 + int(k / 256), k % 256
			}
			if (kind == "ports")
				print r p
			if (kind == "ranges")
				print r (p - 3) "-" (p + 3)
		}' >"$f" || return 1
		echo "sg show nvo0 id $k" >"$f.show"
		t0=$(date +%s.%N)
		"$NVCTL" -n "$P$d-hv2" -b "$f.show" >/dev/null || return 1
		t1=$(date +%s.%N)
		if ! "$NVCTL" -n "$P$d-hv2" -b "$f" >"$LOGS/fw-load-$n.log" 2>&1; then
			echo "nvctl -b $f failed: $(tail -n 1 "$LOGS/fw-load-$n.log")"
			return 1
		fi
		t2=$(date +%s.%N)
		got=$("$NVCTL" -n "$P$d-hv2" -j sg show nvo0 id "$k" |
			jq -r 'if type == "array" then .[0].rules else .rules end // empty')
		if [ "$got" != "$n" ]; then
			echo "group $k (bench$n) has ${got:-no count of} rules after nvctl -b, not $n"
			return 1
		fi
		awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$t2" \
			'BEGIN { printf "%d\t%.3f\t%.3f\n", n, c - b, b - a }' >>"$FW_LOAD"
	done
}

# fw_apply CFG: vm2's port in no group (none) or in the group of CFG rules.
fw_apply() {
	local sg=none
	[ "$1" = none ] || sg=${FW_GROUP[$1]}
	"$NVCTL" -n "${P}e-hv2" port set nvo0 dev v-vm2 sg "$sg" 2>&1
}

# fw_check CFG: the firewall is in force as CFG says: a ping from vm1 is
# answered without one, dropped with one (no rule allows ICMP).
fw_check() {
	if [ "$1" = none ]; then
		on e vm1 ping -c 1 -W 3 -q "${DP_SERVER[e]}" >/dev/null 2>&1 ||
			{ echo "no firewall, yet a ping from vm1 is not answered"; return 1; }
	elif on e vm1 ping -c 1 -W 1 -q "${DP_SERVER[e]}" >/dev/null 2>&1; then
		echo "firewalled ($1 rules), yet a ping from vm1 is answered"
		return 1
	fi
	return 0
}

# fw_run CFG: one run's measurements of CFG.
fw_run() {
	local c=$1 l=fw-$1 why m n
	if ! why=$(fw_apply "$c") || ! why=$(fw_check "$c"); then
		for m in tcp1 rr crr; do failed "$l" "$m" "${why:-nvctl port set failed}"; done
		return
	fi
	tcp e 1 "$l"
	rr e rr "$l" "$FW_PORT"
	rr e crr "$l" "$FW_PORT"
	# Entries of hv2 (its namespace's table) right after: mostly the
	# CLOSE ones rr crr left, and expired ones that conntrack's garbage
	# collector has not reaped yet. By state in the logs.
	n=$(on e hv2 cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null)
	[ -z "$n" ] || sample "$l" ct_entries "$n"
	if [ "$c" != none ] && command -v conntrack >/dev/null; then
		on e hv2 conntrack -L 2>/dev/null | awk '$1 == "tcp" { print $4 }' |
			sort | uniq -c >"$LOGS/$l-run$RUN-ct-states.txt"
	fi
}

# fw_warmup: tcp1 and crr once, unrecorded, through the group of the most
# rules. Without it, in two --quick runs (one run: "none" always first),
# "none" came out at 0.5 to 0.85 x the TCP rate of the firewalled
# configurations measured after it, and once at 0.5 x their CRR rate: a
# warm-up of the first tests (under TCG, code is slow until translated;
# iperf3 and rr are read over 9p the first time), not a firewall faster
# than none.
fw_warmup() {
	local SAMPLES=$LOGS/fw-warmup-samples.tsv RUN=0 c
	c=$(printf '%s\n' "${FW_NS[@]}" | sort -n | tail -n 1)
	fw_apply "$c" >/dev/null || return
	tcp e 1 warmup
	rr e crr warmup "$FW_PORT"
}

# ---------------------------------------------------------------------------
# The route table series (--routes): a rig per configuration (rN, set up
# by setup_r with the connected routes only), N static routes more loaded
# into router 1 of both its hypervisors by rt_load. The traffic, vm1 to
# vm2 and back, goes by the connected routes whatever N is: each frame is
# looked up in a table of N + 4 routes by the sending VM's hypervisor.

RT_LOAD=$out/routes-load.tsv
RT_VIA4=10.0.2.254
RT_VIA6=fd00:2::254
# What `router show` counts for a rig with its interfaces only: 10.0.1.0/24,
# fd00:1::/64, 10.0.2.0/24, fd00:2::/64 (the router's own addresses are
# routes too, not counted).
RT_CONNECTED=4
# A loaded prefix (the first IPv4 one of every batch) and an address in it.
RT_PROBE_PREFIX=11.0.0.0/8
RT_PROBE=11.0.0.1

# rt_batch N: N "route add" lines for router 1 of nvo0, none covering
# 10.0.2.0/24 or within it (nothing in 10.0.0.0/8). Nine tenths IPv4 via
# RT_VIA4: /8 to /32 under 11.0.0.0 to 126.255.255.255 (116 /8s), the same
# number on each of the 25 lengths as far as a length has room (116 /8s,
# 232 /9s...; what one cannot take goes to the others), spread over the
# range by a multiplicative permutation of their index; one tenth IPv6 via
# RT_VIA6, in 2a00::/16, on /32 /48 /56 /64 /80 /96 /112 /120 /127 /128
# alike. The lengths are interleaved (one of each in turn, as long as
# each lasts): a table that grows in no particular order. Deterministic:
# the same N gives the same lines.
rt_batch() {
	awk -v n="$1" -v via4="$RT_VIA4" -v via6="$RT_VIA6" '
	# fill(total, m): cnt[1..m], total spread evenly, none above cap[].
	function fill(total, m,    x, left, c, share, add) {
		for (x = 1; x <= m; x++) { cnt[x] = 0; full[x] = 0 }
		left = total
		while (left > 0) {
			c = 0
			for (x = 1; x <= m; x++) c += !full[x]
			if (!c) break
			share = int(left / c)
			if (share < 1) share = 1
			for (x = 1; x <= m && left > 0; x++) {
				if (full[x]) continue
				add = share
				if (cnt[x] + add >= cap[x]) { add = cap[x] - cnt[x]; full[x] = 1 }
				cnt[x] += add
				left -= add
			}
		}
	}
	function v4(l, i,    a) {
		a = (11 * 2 ^ (l - 8) + (i * 2654435761) % cap4[l]) * 2 ^ (32 - l)
		return sprintf("%d.%d.%d.%d/%d via %s", int(a / 16777216),
			int(a / 65536) % 256, int(a / 256) % 256, a % 256, l, via4)
	}
	# The index, permuted, in the 16 bits that end the prefix.
	function v6(l, i,    k, g, b, p) {
		k = (i * 40503) % 65536
		for (g = 1; g <= 8; g++) grp[g] = 0
		grp[1] = 10752	# 0x2a00
		for (b = 0; b < 16; b++) {
			if (int(k / 2 ^ b) % 2) {
				p = l - 1 - b
				grp[int(p / 16) + 1] += 2 ^ (15 - p % 16)
			}
		}
		return sprintf("%x:%x:%x:%x:%x:%x:%x:%x/%d via %s", grp[1], grp[2],
			grp[3], grp[4], grp[5], grp[6], grp[7], grp[8], l, via6)
	}
	BEGIN {
		n6 = int(n / 10)
		m4 = 0
		for (l = 8; l <= 32; l++) {
			len[++m4] = l
			cap[m4] = cap4[l] = 116 * 2 ^ (l - 8)
		}
		fill(n - n6, m4)
		for (x = 1; x <= m4; x++) c4[x] = cnt[x]
		m6 = split("32 48 56 64 80 96 112 120 127 128", len6, " ")
		for (x = 1; x <= m6; x++) cap[x] = 65536
		fill(n6, m6)
		for (i = 0; i < n; i++) {
			more = 0
			for (x = 1; x <= m4; x++) {
				if (i >= c4[x]) continue
				print "route add nvo0 router 1 " v4(len[x], i)
				more = 1
			}
			for (x = 1; x <= m6; x++) {
				if (i >= cnt[x]) continue
				print "route add nvo0 router 1 " v6(len6[x], i)
				more = 1
			}
			if (!more) break
		}
	}'
}

# rt_count D HV: the routes router 1 of D's HV has, as `router show` counts.
rt_count() {
	"$NVCTL" -n "$P$1-$2" -j router show nvo0 2>/dev/null | jq -r '.[0].routes // empty'
}

# rt_drops D HV REASON: nvo0's drop counter REASON on D's HV.
rt_drops() {
	"$NVCTL" -n "$P$1-$2" -j stats nvo0 2>/dev/null |
		jq -r --arg r "$3" '[.[] | select(.ifname == "nvo0")][0] | (.drops // {})[$r] // 0'
}

# Kernel memory in kB: slab and vmalloc (a large hash table's buckets).
kmem_kb() {
	awk '/^(Slab|VmallocUsed):/ { s += $2 } END { print s + 0 }' /proc/meminfo
}

# rt_load N: N static routes into router 1 of rN's hv1, then hv2, from one
# file of "route add" lines, with one `nvctl -b` each, timed (nvctl's
# start-up included); before each, the time of an `nvctl -b` of one
# "router show" line (what a batch costs besides its routes). Then the
# route count must be N + RT_CONNECTED. Appends "N HV seconds baseline
# kernel-memory-kB" to RT_LOAD; prints why it failed.
rt_load() {
	local n=$1 d=r$1 h f t0 t1 t2 m0 m1 got
	f=$LOGS/routes-$n.batch
	rt_batch "$n" >"$f" || return 1
	got=$(wc -l <"$f")
	[ "$got" = "$n" ] || { echo "rt_batch $n wrote $got lines"; return 1; }
	grep -q " $RT_PROBE_PREFIX via " "$f" || { echo "rt_batch $n has no route to $RT_PROBE_PREFIX"; return 1; }
	echo "router show nvo0" >"$f.show"
	for h in hv1 hv2; do
		t0=$(date +%s.%N)
		"$NVCTL" -n "$P$d-$h" -b "$f.show" >/dev/null || return 1
		m0=$(kmem_kb)
		t1=$(date +%s.%N)
		if ! "$NVCTL" -n "$P$d-$h" -b "$f" >"$LOGS/routes-load-$n-$h.log" 2>&1; then
			echo "nvctl -b $f on $h failed: $(tail -n 1 "$LOGS/routes-load-$n-$h.log")"
			return 1
		fi
		t2=$(date +%s.%N)
		m1=$(kmem_kb)
		got=$(rt_count "$d" "$h")
		if [ "$got" != $((n + RT_CONNECTED)) ]; then
			echo "$h's router 1 has ${got:-no count of} routes after nvctl -b, not $((n + RT_CONNECTED))"
			return 1
		fi
		awk -v n="$n" -v h="$h" -v a="$t0" -v b="$t1" -v c="$t2" -v m=$((m1 - m0)) \
			'BEGIN { printf "%d\t%s\t%.3f\t%.3f\t%d\n", n, h, c - b, b - a, m }' >>"$RT_LOAD"
	done
}

# rt_probe CFG: the loaded table is the one routing: a ping from vm1 to
# RT_PROBE is dropped by hv1 for want of a neighbour for the next hop
# (no_neigh: the static route RT_PROBE_PREFIX took it) with routes, as
# unroutable without (connected: an ICMP error comes back).
rt_probe() {
	local c=$1 d=${RT_ID[$1]} why=no_neigh n0 n1
	[ "$c" != connected ] || why=unroutable
	n0=$(rt_drops "$d" hv1 "$why")
	on "$d" vm1 ping -c 1 -W 1 -q "$RT_PROBE" >/dev/null 2>&1 &&
		{ echo "a ping from vm1 to $RT_PROBE is answered"; return 1; }
	n1=$(rt_drops "$d" hv1 "$why")
	if [ -z "$n0" ] || [ -z "$n1" ] || [ "$n1" -le "$n0" ]; then
		echo "a ping from vm1 to $RT_PROBE was not dropped by hv1 as $why (counter ${n0:-?} -> ${n1:-?})"
		return 1
	fi
}

# rt_check CFG: CFG is in force: both routers have its routes (counted),
# and vm2 answers a ping from vm1 one routed hop away (TTL 63: hv1's
# router took the request, hv2's the answer, each once).
rt_check() {
	local c=$1 d=${RT_ID[$1]} n=$1 h got ttl
	[ "$c" != connected ] || n=0
	for h in hv1 hv2; do
		got=$(rt_count "$d" "$h")
		if [ "$got" != $((n + RT_CONNECTED)) ]; then
			echo "$h's router 1 has ${got:-no count of} routes, not $((n + RT_CONNECTED))"
			return 1
		fi
	done
	ttl=$(on "$d" vm1 ping -c 1 -W 3 "${DP_SERVER[$d]}" 2>/dev/null |
		sed -n 's/.*ttl=\([0-9]*\).*/\1/p')
	if [ "$ttl" != 63 ]; then
		echo "vm2's answer to vm1's ping: TTL ${ttl:-none (no answer)}, not 63 (one routed hop each way)"
		return 1
	fi
}

# rt_run CFG: one run's measurements of CFG.
rt_run() {
	local c=$1 d=${RT_ID[$1]} l=routes-$1 why m
	if ! why=$(rt_check "$c"); then
		for m in tcp1 udp64 rr; do failed "$l" "$m" "$why"; done
		return
	fi
	tcp "$d" 1 "$l"
	udp64 "$d" "$l"
	rr "$d" rr "$l"
}

# rt_warmup: tcp1, udp64 and rr once, unrecorded, on the most routes
# (see fw_warmup).
rt_warmup() {
	local SAMPLES=$LOGS/routes-warmup-samples.tsv RUN=0 d
	d=$(printf '%s\n' "${RT_RUN[@]}" | sed 's/^connected$/0/' | sort -n | tail -n 1)
	d=r$d
	tcp "$d" 1 warmup
	udp64 "$d" warmup
	rr "$d" rr warmup
}

# The time of one route lookup, as the kernel's function_graph tracer has
# it: nvo_route_lookup() alone traced (set_ftrace_filter), while vm1 sends
# RT_TRACE_PINGS flood pings to vm2 (each looked up twice: the request by
# hv1's router, the answer by hv2's). The tracer's own cost (its return
# hook's time-stamping) is in every figure, the same in every
# configuration. After a run's measurements, never during them.
# RT_TRACE: where tracefs is, empty when the kernel cannot do it
# (rt_trace_ready).
RT_TRACE_PINGS=1000
RT_TRACE=''

# rt_trace_ready: tracefs mounted, function_graph available, and
# nvo_route_lookup traceable; prints why not.
rt_trace_ready() {
	local t=/sys/kernel/tracing
	[ -e "$t/trace" ] || mount -t tracefs nodev "$t" 2>/dev/null ||
		{ echo "no tracefs"; return 1; }
	grep -qw function_graph "$t/available_tracers" 2>/dev/null ||
		{ echo "no function_graph tracer"; return 1; }
	grep -q '^nvo_route_lookup\b' "$t/available_filter_functions" ||
		{ echo "nvo_route_lookup is not traceable"; return 1; }
	[ "$(cat "$t/current_tracer")" = nop ] ||
		{ echo "a tracer is in use ($(cat "$t/current_tracer"))"; return 1; }
	RT_TRACE=$t
}

# rt_trace_off: the tracer as it was.
rt_trace_off() {
	local t=$RT_TRACE
	[ -n "$t" ] || return 0
	echo 0 >"$t/tracing_on"
	echo nop >"$t/current_tracer"
	: >"$t/set_ftrace_filter"
	: >"$t/set_graph_function"
	echo 0 >"$t/max_graph_depth"
	: >"$t/trace"
}

# rt_lookup_time CFG: the lookup times of CFG (microseconds, one a line)
# to LOGS/routes-CFG-lookup.txt; samples lookup_us (median), lookups
# (how many were traced).
rt_lookup_time() {
	local c=$1 d=${RT_ID[$1]} l=routes-$1 t=$RT_TRACE f n med
	f=$LOGS/$l-lookup.txt
	if ! { echo nvo_route_lookup >"$t/set_ftrace_filter" &&
		echo nvo_route_lookup >"$t/set_graph_function" &&
		echo 1 >"$t/max_graph_depth" &&
		echo function_graph >"$t/current_tracer" && : >"$t/trace"; }; then
		failed "$l" lookup "cannot set up function_graph"
		rt_trace_off
		return
	fi
	echo 1 >"$t/tracing_on"
	on "$d" vm1 ping -f -q -c "$RT_TRACE_PINGS" -w 60 "${DP_SERVER[$d]}" >"$LOGS/$l-lookup-ping.txt" 2>&1
	echo 0 >"$t/tracing_on"
	sed -n 's/.* \([0-9][0-9]*\.[0-9]*\) us .*nvo_route_lookup.*/\1/p' "$t/trace" >"$f"
	rt_trace_off
	n=$(wc -l <"$f")
	if [ "$n" -lt "$RT_TRACE_PINGS" ]; then
		failed "$l" lookup "$n lookups traced during $RT_TRACE_PINGS pings (see $f)"
		return
	fi
	med=$(sort -n "$f" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	sample "$l" lookup_us "$med"
	sample "$l" lookups "$n"
}

# ---------------------------------------------------------------------------
# Main

for t in ip ethtool iperf3 jq tcpdump ping make; do
	command -v "$t" >/dev/null || die "$t not found (scripts/install-deps.sh installs it)"
done
[ "$perf" = 0 ] || command -v perf >/dev/null ||
	die "--perf: perf not found (scripts/install-deps.sh installs linux-perf)"

# The measurement tools, built with the system compiler unless they are
# there already (scripts/bench.sh builds them before booting the VM).
if [ ! -x "$build/rr" ] || [ ! -x "$build/udpflood" ] ||
	[ "$HERE/rr.c" -nt "$build/rr" ] || [ "$HERE/udpflood.c" -nt "$build/udpflood" ]; then
	make -s -C "$HERE" O="$build" >"$LOGS/build.log" 2>&1 ||
		{ cat "$LOGS/build.log" >&2; die "cannot build rr and udpflood"; }
fi

# Modules. Loading one that is built in or loaded already is no error.
for m in veth bridge vxlan geneve; do
	modprobe -q "$m" 2>/dev/null
done
OVS_ERR=''
if [[ " ${IDS[*]} " == *" d "* ]]; then
	OVS_ERR=$(modprobe openvswitch 2>&1) || true
	# Recent kernels make the vport-vxlan module an alias; not an error.
	modprobe -q vport-vxlan 2>/dev/null
fi
NVO_ERR=''
if [[ " ${IDS[*]} " == *" e "* ]] || [[ " ${IDS[*]} " == *" f "* ]] || [ "$routes" = 1 ]; then
	if [ -d /sys/module/nvo ]; then
		log "nvo is loaded already: measuring the nvo that is loaded, not $NVO_KO"
	elif [ ! -f "$NVO_KO" ]; then
		NVO_ERR="$NVO_KO is not built"
	elif NVO_ERR=$(for d in $(modinfo -F depends "$NVO_KO" | tr , ' '); do
			modprobe "$d" || exit
		done 2>&1 && insmod "$NVO_KO" 2>&1); then
		NVO_LOADED_HERE=1
	fi
fi

DMESG_LINES=$(dmesg 2>/dev/null | wc -l)
virt=none
if command -v systemd-detect-virt >/dev/null; then
	# --vm: the VM's root may be a container's, seen over 9p.
	virt=$(systemd-detect-virt --vm 2>/dev/null) || virt=none
elif grep -qw hypervisor /proc/cpuinfo; then
	virt=unknown-hypervisor
fi
log "kernel $(uname -r), $(nproc) CPUs, virtualization: $virt"
log "runs $runs x ${secs} s per test; veth GRO $gro, TSO/GSO on; inner MTU $VM_MTU; results in $out"
[ "$fw" = 0 ] || log "firewall series (--fw): nvo VXLAN (e), no firewall and ${FW_NS[*]} rule(s)"
[ "$routes" = 0 ] || log "route table series (--routes): nvo VXLAN routed, connected routes only and ${RT_NS[*]} static route(s) more"

declare -A DP_STATUS=() DP_SERVER=()
for d in "${IDS[@]}"; do
	log "$(el) setting up ($d) ${DP_NAME[$d]}"
	if setup_dp "$d"; then
		# shellcheck disable=SC2016 # the quotes are text; $WIRE expands
		log "       ($d) ready: pings answered, full-MTU frames pass${WIRE:+, '$WIRE' seen on the underlay}"
	else
		log "       ($d) NOT MEASURED: ${DP_STATUS[$d]}"
	fi
	printf '%s\t%s\n' "$d" "${DP_STATUS[$d]}" >>"$STATUS"
done

READY=()
for d in "${IDS[@]}"; do
	[ "${DP_STATUS[$d]}" = ok ] && READY+=("$d")
done

FW_CFGS=()
if [ "$fw" = 1 ] && [ ${#READY[@]} -gt 0 ]; then
	FW_CFGS=(none "${FW_NS[@]}")
	: >"$FW_LOAD"
	# nf_conntrack_max belongs to the initial namespace (the VM's, or
	# the host's with --local): raised for the run, restored at the end.
	read -r FW_CT_MAX0 </proc/sys/net/netfilter/nf_conntrack_max 2>/dev/null
	if [ -n "$FW_CT_MAX0" ] && [ "$FW_CT_MAX0" -lt "$FW_CT_MAX" ]; then
		sysctl -qw net.netfilter.nf_conntrack_max="$FW_CT_MAX" && FW_CT_RAISED=1
		log "nf_conntrack_max $FW_CT_MAX0 -> $FW_CT_MAX for the run"
	fi
	# For `conntrack -L` (the states of the entries, in the logs only).
	modprobe -q nf_conntrack_netlink 2>/dev/null
	log "$(el) firewall: tenant 1, groups of ${FW_NS[*]} rule(s) on hv2 (nvctl -b)"
	if fw_prepare >"$LOGS/fw-setup.log" 2>&1; then
		while IFS=$'\t' read -r n t t0; do
			log "       $n rule(s) loaded in $t s (an nvctl -b of one \"sg show\": $t0 s)"
		done <"$FW_LOAD"
	else
		DP_STATUS[e]="firewall set-up failed: $(tail -n 1 "$LOGS/fw-setup.log")"
		log "       (e) NOT MEASURED: ${DP_STATUS[e]}"
		printf '%s\t%s\n' e "${DP_STATUS[e]}" >"$STATUS"
		FW_CFGS=()
	fi
fi

# order=(the elements of the array named $1, rotated by RUN - 1): each run
# starts at another one, so that a slow spell of the machine does not
# always hit the same datapath or configuration.
rotated() {
	local -n all=$1
	local k

	order=()
	for ((k = 0; k < ${#all[@]}; k++)); do
		order+=("${all[(k + RUN - 1) % ${#all[@]}]}")
	done
}

if [ ${#FW_CFGS[@]} -gt 0 ]; then
	log "$(el) firewall: warm-up (tcp1 and crr, not recorded)"
	fw_warmup
fi
for ((RUN = 1; RUN <= runs && ${#FW_CFGS[@]} > 0; RUN++)); do
	rotated FW_CFGS
	for c in "${order[@]}"; do
		log "$(el) run $RUN/$runs: firewall $c: tcp1, rr, crr"
		fw_run "$c"
	done
done
[ ${#FW_CFGS[@]} -eq 0 ] || fw_apply none >/dev/null

RT_RUN=()
if [ "$routes" = 1 ]; then
	: >"$RT_LOAD"
	log "$(el) routes: loading ${RT_NS[*]} static route(s) into router 1 of both hypervisors (nvctl -b)"
	for c in "${RT_CFGS[@]}"; do
		d=${RT_ID[$c]}
		[ "${DP_STATUS[$d]}" = ok ] || continue
		if [ "$c" != connected ] && ! rt_load "$c" >"$LOGS/routes-setup-$c.log" 2>&1; then
			DP_STATUS[$d]="loading the routes failed: $(tail -n 1 "$LOGS/routes-setup-$c.log")"
		elif ! why=$(rt_probe "$c"); then
			DP_STATUS[$d]="the route table is not the one routing: $why"
		else
			RT_RUN+=("$c")
			continue
		fi
		log "       ($d) NOT MEASURED: ${DP_STATUS[$d]}"
	done
	while IFS=$'\t' read -r n h t t0 kb; do
		log "       $n route(s) on $h loaded in $t s ($(awk -v n="$n" -v t="$t" \
			'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }') routes/s; an nvctl -b of one \"router show\": $t0 s); kernel memory +$kb kB"
	done <"$RT_LOAD"
	# The status of each configuration's rig, loading and probe included.
	for d in "${IDS[@]}"; do
		printf '%s\t%s\n' "$d" "${DP_STATUS[$d]}"
	done >"$STATUS"
fi
if [ ${#RT_RUN[@]} -gt 0 ]; then
	log "$(el) routes: warm-up (tcp1, udp64 and rr, not recorded)"
	rt_warmup
	# Not in $(): it sets RT_TRACE.
	rt_trace_ready >"$LOGS/routes-trace.log" 2>&1 ||
		log "       no lookup times: $(tail -n 1 "$LOGS/routes-trace.log")"
fi
for ((RUN = 1; RUN <= runs && ${#RT_RUN[@]} > 0; RUN++)); do
	rotated RT_RUN
	for c in "${order[@]}"; do
		log "$(el) run $RUN/$runs: routes $c: tcp1, udp64, rr"
		rt_run "$c"
	done
	# The lookup times after the run's measurements, not during them.
	[ -n "$RT_TRACE" ] || continue
	log "$(el) run $RUN/$runs: lookup time (function_graph, $RT_TRACE_PINGS flood pings) on ${order[*]}"
	for c in "${order[@]}"; do rt_lookup_time "$c"; done
done

for ((RUN = 1; RUN <= runs && fw == 0 && routes == 0; RUN++)); do
	rotated READY
	for test in tcp1 tcp4 udp64 rr; do
		log "$(el) run $RUN/$runs: $test on ${order[*]}"
		for d in "${order[@]}"; do
			case $test in
			tcp1) tcp "$d" 1 ;;
			tcp4) tcp "$d" 4 ;;
			udp64) udp64 "$d" ;;
			rr) rr "$d" ;;
			esac
		done
	done
done
log "$(el) measurements done"

# Kernel complaints during the run (new lines of the kernel log only).
warnings=$(dmesg 2>/dev/null | tail -n +$((DMESG_LINES + 1)) |
	grep -cE 'WARNING:|BUG:|Oops|general protection|refcount_t:') || true

fw_meta=''
if [ "$fw" = 1 ]; then
	ct_max=$(cat /proc/sys/net/netfilter/nf_conntrack_max 2>/dev/null)
	ct_buckets=$(cat /proc/sys/net/netfilter/nf_conntrack_buckets 2>/dev/null)
	fw_meta="\"firewall\": {\"rules\": [$fw_rules], \"kind\": \"$fw_kind\", \"port\": $FW_PORT, \"first_other_port\": $FW_FIRST, \"nf_conntrack_max_before\": ${FW_CT_MAX0:-null}, \"nf_conntrack_max\": ${ct_max:-null}, \"nf_conntrack_buckets\": ${ct_buckets:-null}},"
fi
rt_meta=''
if [ "$routes" = 1 ]; then
	rt_meta="\"routes\": {\"counts\": [$routes_counts], \"connected\": $RT_CONNECTED, \"router_table\": \"router 1 of tenant 1, on hv1 and hv2\", \"via\": [\"$RT_VIA4\", \"$RT_VIA6\"], \"destination\": \"10.0.2.10\", \"probe\": \"$RT_PROBE\"},"
fi
cat >"$out/meta.json" <<EOF
{
  $fw_meta
  $rt_meta
  "kernel": "$(uname -r)",
  "cpus": $(nproc),
  "virtualization": "$virt",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "runs": $runs,
  "seconds": $secs,
  "gro": "$gro",
  "inner_mtu": $VM_MTU,
  "udp_payload": $UDP_LEN,
  "iperf3": "$(iperf3 --version 2>/dev/null | head -n 1 | awk '{ print $2 }')",
  "ovs": "$(ovs-dpctl --version 2>/dev/null | head -n 1 | awk '{ print $NF }')",
  "kernel_log_reports": ${warnings:-0},
  "wall_seconds": $((SECONDS - START))
}
EOF
if [ "$fw" = 1 ]; then
	"$PY" "$HERE/report.py" --dir "$out" --fw "$fw_rules" || die "report.py failed"
	exit 0
fi
if [ "$routes" = 1 ]; then
	"$PY" "$HERE/report.py" --dir "$out" --routes "$routes_counts" || die "report.py failed"
	exit 0
fi
only_names=()
for d in "${IDS[@]}"; do only_names+=("$d=${DP_NAME[$d]}"); done
"$PY" "$HERE/report.py" --dir "$out" "${only_names[@]}" || die "report.py failed"
