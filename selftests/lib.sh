# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this
# shellcheck disable=SC2016 # jq programs, not shell expansions
#
# Sourced by every selftests/*.sh script. Provides
#  - KTAP output: ktap_plan, ktap_ok, ktap_fail, ktap_skip, ktap_finish;
#  - run_case NAME FN: runs FN as one test case in a fresh bash process
#    (the script re-executed with NVO_CASE_FN=FN), under a timeout, with
#    errexit on, its output turned into KTAP diagnostics, and everything it
#    built (namespaces, processes) torn down afterwards, whatever happened;
#  - topology helpers: mk_hv, link_hvs, mk_underlay/attach_underlay, mk_nvo,
#    mk_vm, mk_vm_raw, flood_mesh, fdb_to_vm, vm_neigh ...;
#  - nvctl wrappers (the only place that knows nvctl's grammar) and
#    counter readers over `nvctl stats -j`;
#  - assertions that explain themselves on stderr.
#
# Names given to the helpers are short (hv1, vm2); the network namespaces are
# "$T-$CASE-<name>", unique per script and case, so cases never share state
# (case names: letters, digits and "_"; VM names: 13 characters at most, as
# their veth peer is "v-NAME").
# Inside a case: `on NAME cmd...` runs cmd in NAME's namespace, `ns NAME`
# prints the namespace's full name.
#
# Environment: NVO_KO (module path), NVCTL (nvctl path), NVO_CASE_TIMEOUT
# (seconds per case, default 180), NVO_CASES (globs: run only the cases
# whose names match, skip the others), NVO_KEEP=1 (leave namespaces behind
# for debugging), NVO_VERBOSE=1 (trace every command of a case, timed).

[ -n "${BASH_VERSION:-}" ] || { echo "lib.sh needs bash" >&2; exit 1; }
set -u

# Under TCG every fork and exec costs tens of milliseconds: what runs for
# every case avoids them where bash can do the work itself.
LIB_DIR=$(cd "${BASH_SOURCE[0]%/*}" && pwd)
REPO=${LIB_DIR%/*}
NVCTL=${NVCTL:-$REPO/tools/nvctl/nvctl}
NVO_KO=${NVO_KO:-$REPO/kmod/nvo.ko}
# Debian's interpreter: the first python3 on PATH may be a build without scapy.
PY=/usr/bin/python3
case $0 in
*/*) SCRIPT=$(cd "${0%/*}" && pwd)/${0##*/} ;;
*) SCRIPT=$PWD/$0 ;;
esac
T=${0##*/}
T=${T%.sh}
T=${T#[0-9][0-9]-}
CASE_TIMEOUT=${NVO_CASE_TIMEOUT:-180}
KSFT_SKIP=4
VXLAN_PORT=4789
# VXLAN over IPv4 adds 50 bytes; the underlay veths have MTU 1500.
VM_MTU=${VM_MTU:-1450}

# ---------------------------------------------------------------------------
# KTAP

_ktap_planned=0 _ktap_n=0 _ktap_failed=0 _ktap_skipped=0

ktap_plan() {
	[ -z "${NVO_CASE_FN:-}" ] || return 0
	_ktap_planned=$1
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_ok() {
	_ktap_n=$((_ktap_n + 1))
	echo "ok $_ktap_n $1"
}

ktap_fail() {
	_ktap_n=$((_ktap_n + 1))
	_ktap_failed=$((_ktap_failed + 1))
	[ -z "${2:-}" ] || echo "# $1: $2"
	echo "not ok $_ktap_n $1"
}

ktap_skip() {
	_ktap_n=$((_ktap_n + 1))
	_ktap_skipped=$((_ktap_skipped + 1))
	echo "ok $_ktap_n $1 # SKIP ${2:-}"
}

# Exit status as kselftest has it: 0 all passed, 1 something failed, 4 all
# skipped.
ktap_finish() {
	[ -z "${NVO_CASE_FN:-}" ] || exit 0
	if [ "$_ktap_n" -ne "$_ktap_planned" ]; then
		echo "# planned $_ktap_planned cases, ran $_ktap_n"
		exit 1
	fi
	[ "$_ktap_failed" -eq 0 ] || exit 1
	[ "$_ktap_n" -eq 0 ] || [ "$_ktap_skipped" -ne "$_ktap_n" ] || exit "$KSFT_SKIP"
	exit 0
}

# ---------------------------------------------------------------------------
# Cases

# run_case NAME FN: in the parent, reports FN's outcome as one KTAP line; in
# the re-executed child (NVO_CASE_FN set), runs FN if it is the one asked for.
run_case() {
	local name=$1 fn=$2
	if [ -n "${NVO_CASE_FN:-}" ]; then
		if [ "$fn" = "$NVO_CASE_FN" ] && [ "$name" = "${NVO_CASE_NAME:-}" ]; then
			_case_main "$name" "$fn"
		fi
		return 0
	fi
	local dir=${TMPDIR:-/tmp}/nvo-$T-$name-$$ rc start=$SECONDS p
	if [ -n "${NVO_CASES:-}" ]; then
		for p in $NVO_CASES; do
			# shellcheck disable=SC2053 # globs on purpose
			[[ $name == $p ]] && break
			p=
		done
		[ -n "$p" ] || { ktap_skip "$name" "not in NVO_CASES"; return 0; }
	fi
	mkdir -p "$dir"
	# A separate process per case: a hang is cut by timeout (which signals
	# the case's whole process group), and no variable, trap or background
	# job can leak into the next case.
	NVO_CASE_FN=$fn NVO_CASE_NAME=$name NVO_CASE_DIR=$dir \
		timeout -k 30 "$CASE_TIMEOUT" bash "$SCRIPT" </dev/null 2>&1 |
		sed -u '/^#/!s/^/# /'
	rc=${PIPESTATUS[0]}
	echo "# $name: $((SECONDS - start))s"
	case $rc in
	0) ktap_ok "$name" ;;
	"$KSFT_SKIP") ktap_skip "$name" "$(cat "$dir/skip" 2>/dev/null)" ;;
	124|137) ktap_fail "$name" "timed out after ${CASE_TIMEOUT}s" ;;
	*) ktap_fail "$name" ;;
	esac
	_sweep_netns "$T-$name-"
	# What a failed case captured (pcaps, iperf3 results) outlives the VM.
	if [ "$rc" != 0 ] && [ "$rc" != "$KSFT_SKIP" ] && [ -n "${NVO_JOB:-}" ] &&
		[ -n "$(ls -A "$dir")" ]; then
		mkdir -p "$NVO_JOB/cases" && cp -r "$dir" "$NVO_JOB/cases/$T-$name" &&
			echo "# $name: its files are in the job directory, cases/$T-$name"
	fi
	rm -rf "$dir"
}

_case_main() {
	CASE=$1
	CASE_DIR=$NVO_CASE_DIR
	topology_init "$T-$CASE-"
	_CASE_PID=$BASHPID
	trap _case_cleanup EXIT
	trap 'exit 143' TERM INT
	set -eE
	shopt -s inherit_errexit
	trap '_case_err $? "$BASH_COMMAND" "$LINENO"' ERR
	if [ "${NVO_VERBOSE:-0}" != 0 ]; then
		PS4='+ ${EPOCHREALTIME} '
		# A descriptor of its own, so `out=$(cmd 2>&1)` does not capture
		# the trace.
		exec {_xtrace_fd}>&2
		BASH_XTRACEFD=$_xtrace_fd
		set -x
	fi
	"$2"
	exit 0
}

# topology_init PREFIX: empty topology state; PREFIX starts the names of
# the namespaces to come. run_case does this for each case.
topology_init() {
	P=$1
	declare -gA HV_IP=() HV_UL=() VM_HV=() VM_VNI=() VM_IP=() VM_MAC=() _VNIS=() _CAP_PID=()
	declare -ga _DEFER=() _BG_PIDS=()
	_mac_seq=0
}

# Prints the failed command and where: file:line (function) of the failing
# command, then of each caller up to the case function.
_case_err() {
	local i where
	# A subshell's failure reaches the case as its exit status, where it
	# is reported (or deliberately ignored: a pipeline, cmd || ...).
	[ "$BASHPID" = "$_CASE_PID" ] || return 0
	where="${BASH_SOURCE[1]##*/}:$3 (${FUNCNAME[1]})"
	for ((i = 2; i < ${#FUNCNAME[@]}; i++)); do
		[ "${FUNCNAME[i]}" != _case_main ] || break
		where="$where <- ${BASH_SOURCE[i]##*/}:${BASH_LINENO[i - 1]} (${FUNCNAME[i]})"
	done
	echo "# FAILED (status $1): $2" >&2
	echo "#   at $where" >&2
}

_case_cleanup() {
	local rc=$? i
	set +eE +x
	trap - ERR
	if [ "${NVO_KEEP:-0}" != 0 ]; then
		echo "# NVO_KEEP: leaving namespaces $P* behind" >&2
		exit "$rc"
	fi
	# Not "Killed" notices for the background jobs ended below.
	exec 2>/dev/null
	for ((i = ${#_DEFER[@]} - 1; i >= 0; i--)); do
		eval "${_DEFER[i]}" >/dev/null 2>&1
	done
	for i in "${_BG_PIDS[@]}"; do
		kill "$i" 2>/dev/null
	done
	_sweep_netns "$P"
	exit "$rc"
}

# Deletes the namespaces whose names start with $1, after killing whatever
# still runs in them (a process keeps its namespace alive). Plain bash but
# for one `ip -batch`: -ef tells whether two paths are the same namespace.
_sweep_netns() {
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

# defer CMD...: run CMD (a string, eval'd) when the case ends, last first.
defer() { _DEFER+=("$*"); }

# skip REASON: ends the case as skipped.
skip() {
	echo "$*" >"$CASE_DIR/skip"
	echo "# SKIP: $*" >&2
	exit "$KSFT_SKIP"
}

require_cmd() {
	local c
	for c; do
		command -v "$c" >/dev/null || skip "$c is not installed"
	done
}

# quote: indents text (a command's output) as a diagnostic block.
quote() { sed 's/^/#   /'; }

# fail MSG: prints MSG as a diagnostic and returns 1; diag only prints.
fail() {
	echo "# $*" >&2
	return 1
}
diag() { echo "# $*" >&2; }

# wait_until SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
}

# ---------------------------------------------------------------------------
# Namespaces and topology

ns() { echo "$P$1"; }
on() {
	local n=$1
	shift
	ip netns exec "$P$n" "$@"
}

# mk_ns NAME: an empty namespace with lo up and IPv6 off, so that no router
# solicitation or MLD report adds frames the tests did not send.
mk_ns() {
	ip netns add "$P$1"
	[ "$_IPV6_OFF" = 1 ] || ip netns exec "$P$1" sysctl -qw \
		net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "$P$1" link set lo up
}

# vm-run.sh boots with ipv6.disable_ipv6=1, which every new namespace takes
# as its default: mk_ns then needs no `ip netns exec sysctl` (a costly exec
# under TCG). A case that wants IPv6 calls enable_ipv6.
_IPV6_OFF=0
read -r _IPV6_OFF </sys/module/ipv6/parameters/disable_ipv6 2>/dev/null

# enable_ipv6 NAME: IPv6 on for NAME's devices, present and future.
enable_ipv6() {
	ip netns exec "$P$1" sh -c 'for f in /proc/sys/net/ipv6/conf/*/disable_ipv6; do echo 0 >"$f"; done'
}

# mk_hv NAME IP: a hypervisor namespace whose VTEP address will be IP.
mk_hv() {
	mk_ns "$1"
	HV_IP[$1]=$2
}

hv_ip() { echo "${HV_IP[$1]}"; }

# ul_dev HV: the hypervisor's (last attached) underlay interface.
ul_dev() { echo "${HV_UL[$1]}"; }

# link_hvs HV_A IP_A HV_B IP_B: a veth underlay, "ul-HV_B" in HV_A and
# "ul-HV_A" in HV_B, addresses IP_A/24 and IP_B/24.
link_hvs() {
	local a=$1 ipa=$2 b=$3 ipb=$4
	# "up" works for the first end only: the peer has no peer yet when
	# it is configured.
	ip -n "$P$a" link add "ul-$b" mtu 1500 up type veth peer name "ul-$a" mtu 1500 netns "$P$b"
	ip -n "$P$a" addr add "$ipa/24" dev "ul-$b"
	printf '%s\n' "addr add $ipb/24 dev ul-$a" "link set ul-$a up" | ip -n "$P$b" -batch -
	HV_UL[$a]=ul-$b
	HV_UL[$b]=ul-$a
}

# link_hvs6 HV_A IP6_A HV_B IP6_B: link_hvs for an IPv6 underlay: the
# veth ends get IP6_A/64 and IP6_B/64 (nodad: usable at once), no IPv4.
# IPv6 must be on in both namespaces (enable_ipv6).
link_hvs6() {
	local a=$1 ipa=$2 b=$3 ipb=$4
	ip -n "$P$a" link add "ul-$b" mtu 1500 up type veth peer name "ul-$a" mtu 1500 netns "$P$b"
	ip -n "$P$a" addr add "$ipa/64" dev "ul-$b" nodad
	printf '%s\n' "addr add $ipb/64 dev ul-$a nodad" "link set ul-$a up" | ip -n "$P$b" -batch -
	HV_UL[$a]=ul-$b
	HV_UL[$b]=ul-$a
}

# mk_underlay: a namespace "ul" holding bridge br0, for more than two
# hypervisors on one segment.
mk_underlay() {
	mk_ns ul
	ip -n "$P"ul link add br0 up type bridge
}

# attach_underlay HV IP: HV's "ul0" on the underlay bridge with IP/24.
attach_underlay() {
	local hv=$1 ip=$2
	ip -n "$P"ul link add "$hv" mtu 1500 master br0 up type veth peer name ul0 mtu 1500 netns "$P$hv"
	printf '%s\n' "addr add $ip/24 dev ul0" "link set ul0 up" | ip -n "$P$hv" -batch -
	HV_UL[$hv]=ul0
}

require_nvo() {
	[ -d /sys/module/nvo ] || fail "the nvo module is not loaded (built? see module_load above)"
	[ -x "$NVCTL" ] || fail "nvctl is not built: $NVCTL"
}

# mk_nvo HV [ARGS...]: nvo0 in HV with HV's VTEP address, up. ARGS go to
# `nvctl link add`.
mk_nvo() {
	local hv=$1
	shift
	require_nvo
	nv "$hv" link add nvo0 local "${HV_IP[$hv]}" "$@" up
}

# mk_vm_raw NAME HV IP/PREFIX [MAC]: namespace NAME with eth0, a veth whose
# peer "v-NAME" is in HV, up, not attached to anything. MTU $VM_MTU on both.
mk_vm_raw() {
	local vm=$1 hv=$2 addr=$3 mac=${4:-}
	if [ -z "$mac" ]; then
		# locally administered, unique within the case
		_mac_seq=$((_mac_seq + 1))
		printf -v mac '02:00:00:00:%02x:%02x' $((_mac_seq / 256)) $((_mac_seq % 256))
	fi
	mk_ns "$vm"
	ip -n "$P$hv" link add "v-$vm" mtu "$VM_MTU" up type veth peer name eth0 \
		mtu "$VM_MTU" address "$mac" netns "$P$vm"
	printf '%s\n' "addr add $addr dev eth0" "link set eth0 up" | ip -n "$P$vm" -batch -
	VM_HV[$vm]=$hv
	VM_IP[$vm]=${addr%/*}
	VM_MAC[$vm]=$mac
}

# mk_vm NAME HV VNI IP/PREFIX [MAC]: mk_vm_raw, then v-NAME becomes a port of
# VNI on HV's nvo0 (the VNI is created if this case has not yet).
mk_vm() {
	local vm=$1 hv=$2 vni=$3
	mk_vm_raw "$vm" "$hv" "$4" "${5:-}"
	ensure_vni "$hv" "$vni"
	port_add "$hv" "v-$vm" "$vni"
	VM_VNI[$vm]=$vni
}

# two_hvs: hv1 (10.99.0.1) and hv2 (10.99.0.2) on a veth underlay, each
# with nvo0 up.
two_hvs() {
	mk_hv hv1 10.99.0.1
	mk_hv hv2 10.99.0.2
	link_hvs hv1 10.99.0.1 hv2 10.99.0.2
	mk_nvo hv1
	mk_nvo hv2
}

# vm_pair VNI VM1 IP1/PFX VM2 IP2/PFX [MAC1 MAC2]: VM1 on hv1 and VM2 on hv2
# in VNI, flooding both ways and each one's MAC in the other's FDB.
vm_pair() {
	local vni=$1
	mk_vm "$2" hv1 "$vni" "$3" "${6:-}"
	mk_vm "$4" hv2 "$vni" "$5" "${7:-}"
	flood_mesh "$vni" hv1 hv2
	fdb_to_vm hv1 "$4"
	fdb_to_vm hv2 "$2"
}

vm_mac() { echo "${VM_MAC[$1]}"; }

ensure_vni() {
	[ -n "${_VNIS[$1/$2]:-}" ] && return 0
	vni_add "$1" "$2"
}

# flood_mesh VNI HV...: every listed hypervisor floods VNI to every other.
flood_mesh() {
	local vni=$1 a b
	shift
	for a; do
		ensure_vni "$a" "$vni"
		for b; do
			[ "$a" = "$b" ] || flood_add "$a" "$vni" "${HV_IP[$b]}"
		done
	done
}

# fdb_to_vm HV VM: on HV, VM's MAC in VM's VNI is behind VM's hypervisor.
fdb_to_vm() {
	local hv=$1 vm=$2
	ensure_vni "$hv" "${VM_VNI[$vm]}"
	fdb_add "$hv" "${VM_VNI[$vm]}" "${VM_MAC[$vm]}" "${HV_IP[${VM_HV[$vm]}]}"
}

# vm_neigh VM PEER: a permanent neighbour entry for PEER in VM, so unicast
# needs no ARP.
vm_neigh() {
	ip -n "$P$1" neigh replace "${VM_IP[$2]}" lladdr "${VM_MAC[$2]}" dev eth0 nud permanent
}

# ---------------------------------------------------------------------------
# nvctl. Its grammar lives here only.

nv() {
	local hv=$1
	shift
	[ -x "$NVCTL" ] || fail "nvctl is not built: $NVCTL" || return 127
	ip netns exec "$P$hv" "$NVCTL" "$@"
}

# vni_add HV VNI [ARGS...]: ARGS (encap vxlan|geneve) go to `nvctl vni add`.
vni_add() {
	nv "$1" vni add nvo0 vni "$2" "${@:3}"
	_VNIS[$1/$2]=1
}
# vni_set HV VNI ARGS...: `nvctl vni set` (encap vxlan|geneve|default).
vni_set() { nv "$1" vni set nvo0 vni "$2" "${@:3}"; }
vni_del() {
	nv "$1" vni del nvo0 vni "$2"
	unset "_VNIS[$1/$2]"
}
# port_add HV IFNAME VNI [ARGS...]: ARGS (id N) go to `nvctl port add`.
port_add() { nv "$1" port add nvo0 dev "$2" vni "$3" "${@:4}"; }
port_del() { nv "$1" port del nvo0 dev "$2"; }
fdb_add() { nv "$1" fdb add nvo0 vni "$2" mac "$3" remote "$4"; }
fdb_add_port() { nv "$1" fdb add nvo0 vni "$2" mac "$3" dev "$4"; }
fdb_replace() { nv "$1" fdb replace nvo0 vni "$2" mac "$3" remote "$4"; }
fdb_del() { nv "$1" fdb del nvo0 vni "$2" mac "$3"; }
flood_add() { nv "$1" flood add nvo0 vni "$2" remote "$3"; }
flood_del() { nv "$1" flood del nvo0 vni "$2" remote "$3"; }
neigh_add() { nv "$1" neigh add nvo0 vni "$2" ip "$3" mac "$4"; }
show_json() { nv "$1" -j show; }
stats_json() { nv "$1" -j stats; }

# Counter readers over `nvctl -j stats`: an array of devices, each with its
# counters, "drops" by reason, and arrays "vnis" and "ports" of the same.
# A device, VNI, port or counter that is not there is an error (the JSON is
# printed); a drop reason that is not there counts as 0.
_JQ_DEFS='
def one($what): if length == 0 then error("no " + $what) else .[0] end;
def counter($k): if has($k) then .[$k] else error("no counter " + $k) end;
def drop($r): (.drops // {})[$r] // 0;
def dev($d): [.[] | select(.ifname == $d)] | one("device " + $d);
def vni($v): [.vnis[] | select(.vni == $v)] | one("vni " + ($v | tostring));
def port($p): [.ports[] | select(.ifname == $p)] | one("port " + $p);
'

_counter() {
	local hv=$1 prog=$2 json out
	shift 2
	json=$(stats_json "$hv") || return 1
	if ! out=$(jq -r "$@" "$_JQ_DEFS $prog" <<<"$json" 2>&1); then
		echo "# cannot read a counter ($out) from nvctl -j stats in $hv:" >&2
		quote <<<"$json" >&2
		return 1
	fi
	echo "$out"
}

dev_counter() { _counter "$1" 'dev($d) | counter($k)' --arg d "$2" --arg k "$3"; }
drop_counter() { _counter "$1" 'dev($d) | drop($k)' --arg d "$2" --arg k "$3"; }
vni_counter() { _counter "$1" 'dev($d) | vni($v) | counter($k)' --arg d "$2" --argjson v "$3" --arg k "$4"; }
vni_drop_counter() { _counter "$1" 'dev($d) | vni($v) | drop($k)' --arg d "$2" --argjson v "$3" --arg k "$4"; }
port_counter() { _counter "$1" 'dev($d) | port($p) | counter($k)' --arg d "$2" --arg p "$3" --arg k "$4"; }
port_drop_counter() { _counter "$1" 'dev($d) | port($p) | drop($r)' --arg d "$2" --arg p "$3" --arg r "$4"; }

# ---------------------------------------------------------------------------
# Assertions: return 1 with a diagnostic (errexit then ends the case).

assert_eq() {
	[ "$1" = "$2" ] && return 0
	fail "${3:-value}: expected '$1', got '$2'"
}

assert_ne() {
	[ "$1" != "$2" ] && return 0
	fail "${3:-value}: expected something other than '$1'"
}

# assert_ge A B [WHAT]: integer A >= B
assert_ge() {
	[ "$1" -ge "$2" ] && return 0
	fail "${3:-value}: expected >= $2, got $1"
}

assert_gt() {
	[ "$1" -gt "$2" ] && return 0
	fail "${3:-value}: expected > $2, got $1"
}

# assert_contains TEXT NEEDLE [WHAT]: fixed string
assert_contains() {
	grep -qF -- "$2" <<<"$1" && return 0
	diag "${3:-output} does not contain '$2':"
	quote <<<"$1" >&2
	return 1
}

assert_not_contains() {
	grep -qF -- "$2" <<<"$1" || return 0
	diag "${3:-output} contains '$2':"
	quote <<<"$1" >&2
	return 1
}

# assert_match TEXT ERE [WHAT]: case-insensitive extended regex
assert_match() {
	grep -qiE -- "$2" <<<"$1" && return 0
	diag "${3:-output} does not match /$2/i:"
	quote <<<"$1" >&2
	return 1
}

# Shows the state that usually explains a failed ping.
_net_diag() {
	local n
	echo "# neighbours in $1:" >&2
	ip -n "$P$1" neigh show 2>&1 | sed 's/^/#   /' >&2
	[ -x "$NVCTL" ] && [ -d /sys/module/nvo ] || return 0
	for n in "${!HV_IP[@]}"; do
		echo "# nvctl show in $n:" >&2
		nv "$n" show 2>&1 | sed 's/^/#   /' >&2
	done
}

# assert_ping NS IP [COUNT]: COUNT pings (default 3), every one answered.
# The first waits for ARP rather than being lost to it.
assert_ping() {
	local n=$1 ip=$2 c=${3:-3} out
	out=$(on "$n" ping -c "$c" -i 0.2 -w $((c + 5)) "$ip" 2>&1) && return 0
	diag "ping from $n to $ip failed:"
	quote <<<"$out" >&2
	_net_diag "$n"
	return 1
}

# assert_no_ping NS IP: no answer to 3 pings over 2 s.
assert_no_ping() {
	local n=$1 ip=$2 out
	out=$(on "$n" ping -c 3 -i 0.3 -W 1 -w 2 "$ip" 2>&1) || return 0
	diag "ping from $n to $ip was answered, it must not be:"
	quote <<<"$out" >&2
	return 1
}

# refused WHAT ERE... -- CMD...: CMD exits non-zero, prints an "Error: "
# whose text matches every ERE (case-insensitive), and hv1's configuration
# (config_state HV, which the calling script defines) is byte-identical
# before and after. Returns 1 with diagnostics otherwise, all checks made:
# callers run it in `cmd || ...`, where errexit is off.
refused() {
	local what=$1 pats=() out rc=0 before after p bad=0
	shift
	while [ "$1" != -- ]; do
		pats+=("$1")
		shift
	done
	shift
	before=$(config_state hv1) || { diag "$what: cannot read the configuration"; return 1; }
	out=$("$@" 2>&1) || rc=$?
	after=$(config_state hv1) || { diag "$what: cannot read the configuration"; return 1; }
	diag "$what: nvctl ${*:3}: exit $rc: $out"
	if [ "$rc" -eq 0 ]; then
		diag "$what: exit status 0, it must fail"
		bad=1
	fi
	for p in '^Error: ' "${pats[@]}"; do
		assert_match "$out" "$p" "$what: the error" || bad=1
	done
	if [ "$before" != "$after" ]; then
		diag "$what: the configuration changed:"
		diff <(echo "$before") <(echo "$after") | quote >&2
		bad=1
	fi
	return "$bad"
}

# ---------------------------------------------------------------------------
# Background processes, captures, traffic

# bg NS CMD...: runs CMD in NS's namespace in the background; killed when
# the case ends. The PID is in $BG_PID.
bg() {
	local n=$1
	shift
	ip netns exec "$P$n" "$@" &
	BG_PID=$!
	_BG_PIDS+=("$BG_PID")
}

# capture_start NS IFACE NAME [FILTER...]: tcpdump into $CASE_DIR/NAME.pcap,
# returns once tcpdump is listening. Frames are cut at $CAP_SNAPLEN bytes
# (default 256; 0: whole frames).
CAP_SNAPLEN=${CAP_SNAPLEN:-256}
capture_start() {
	local n=$1 dev=$2 name=$3 f
	shift 3
	f=$CASE_DIR/$name.pcap
	bg "$n" tcpdump -i "$dev" -nn -U --immediate-mode -Z root -s "$CAP_SNAPLEN" -w "$f" "$@" 2>"$f.log"
	_CAP_PID[$name]=$BG_PID
	wait_until 15 grep -q "listening on" "$f.log" ||
		{ cat "$f.log" >&2; fail "tcpdump on $n/$dev did not start"; }
}

# capture_stop NAME: stops the capture, leaves $CASE_DIR/NAME.pcap.
capture_stop() {
	local pid=${_CAP_PID[$1]}
	# Frames still in flight on the veths take a moment under TCG.
	sleep 0.5
	kill -INT "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

pcap_file() { echo "$CASE_DIR/$1.pcap"; }

# pcap_count NAME [FILTER...]: frames in the capture matching FILTER.
pcap_count() {
	local f
	f=$(pcap_file "$1")
	shift
	tcpdump -nn -r "$f" "$@" 2>/dev/null | wc -l
}

# pcap_frames NAME [FILTER...]: frames in the capture matching FILTER,
# counted by tcpdump itself (pcap_count counts lines, and tcpdump prints
# two for a frame it decodes as a tunnel, outer and inner).
pcap_frames() {
	local f
	f=$(pcap_file "$1")
	shift
	tcpdump -nn -r "$f" --count "$@" 2>/dev/null | sed -n 's/^\([0-9]*\) packets\{0,1\}$/\1/p'
}

# pcap_text NAME [FILTER...]: the capture decoded, one frame per line-ish.
pcap_text() {
	local f
	f=$(pcap_file "$1")
	shift
	tcpdump -nn -v -e -r "$f" "$@" 2>/dev/null
}

# pcap_show NAME [FILTER...]: the capture as text (diagnostics).
pcap_show() {
	local f
	f=$(pcap_file "$1")
	shift
	tcpdump -nn -e -r "$f" "$@" 2>/dev/null | head -n 40 | sed 's/^/#   /'
}

# pcap_has NAME STRING: STRING appears in some captured frame. The pcap
# holds the raw frames, so a plain byte search is exact.
pcap_has() { grep -qaF -- "$2" "$(pcap_file "$1")"; }

# pcap_udp NAME: the outer headers of the UDP datagrams (IPv4 or IPv6 over
# Ethernet) in a capture, one line each:
#   FAMILY SRC DST TTL TOS SPORT DPORT CSUM PAYLOAD
# (FAMILY 4 or 6; TTL is the hop limit for IPv6; TOS the traffic class;
# CSUM the UDP checksum field as 4 hex digits; PAYLOAD the captured UDP
# payload in hex, "-" if empty). Read from the bytes, not from a dissector.
pcap_udp() {
	"$PY" - "$(pcap_file "$1")" <<'EOF_PY'
import socket, struct, sys
d = open(sys.argv[1], "rb").read()
if d[:4] == b"\xd4\xc3\xb2\xa1" or d[:4] == b"\x4d\x3c\xb2\xa1":
    e = "<"
else:
    e = ">"
off = 24
while off + 16 <= len(d):
    incl = struct.unpack_from(e + "I", d, off + 8)[0]
    f = d[off + 16:off + 16 + incl]
    off += 16 + incl
    if len(f) < 14:
        continue
    et = struct.unpack_from("!H", f, 12)[0]
    p = f[14:]
    if et == 0x0800 and len(p) >= 20:
        ihl = (p[0] & 15) * 4
        if p[9] != 17 or struct.unpack_from("!H", p, 6)[0] & 0x1fff:
            continue
        fam, src, dst = 4, socket.inet_ntop(socket.AF_INET, p[12:16]), socket.inet_ntop(socket.AF_INET, p[16:20])
        ttl, tos, u = p[8], p[1], p[ihl:]
    elif et == 0x86dd and len(p) >= 40:
        if p[6] != 17:
            continue
        fam, src, dst = 6, socket.inet_ntop(socket.AF_INET6, p[8:24]), socket.inet_ntop(socket.AF_INET6, p[24:40])
        ttl, tos, u = p[7], ((p[0] & 15) << 4) | (p[1] >> 4), p[40:]
    else:
        continue
    if len(u) < 8:
        continue
    sp, dp, _, ck = struct.unpack_from("!HHHH", u)
    print(fam, src, dst, ttl, "0x%02x" % tos, sp, dp, "%04x" % ck, u[8:].hex() or "-")
EOF_PY
}

# iperf_server NS: a one-shot iperf3 server, ready when this returns.
iperf_server() {
	local n=$1 log=$CASE_DIR/iperf-server-$1.log
	bg "$n" iperf3 -s -1 --forceflush >"$log" 2>&1
	wait_until 15 grep -q "listening" "$log" ||
		{ cat "$log" >&2; fail "iperf3 server in $n did not start"; }
}

# iperf_client NS SERVER_IP NAME [ARGS...]: iperf3 -J into
# $CASE_DIR/NAME.json, bounded in time.
iperf_client() {
	local n=$1 ip=$2 name=$3
	shift 3
	timeout 90 ip netns exec "$P$n" iperf3 -c "$ip" -J --connect-timeout 5000 "$@" \
		>"$CASE_DIR/$name.json" 2>&1 && return 0
	diag "iperf3 from $n to $ip failed:"
	sed 's/^/#   /' "$CASE_DIR/$name.json" | head -n 30 >&2
	return 1
}

# iperf_json NAME JQ: reads a value from an iperf3 -J result.
iperf_json() { jq -r "$2" "$CASE_DIR/$1.json"; }

# assert_tcp SERVER_NS CLIENT_NS SERVER_IP [ARGS...]: a bulk TCP transfer
# (default 20 MB; ARGS replace iperf3's -n 20M) completes: iperf3 sends it
# all and the server receives at a non-zero rate. The server's byte count
# stops when the client says "done", possibly before the last segments
# arrive, so it is not compared with what was sent.
assert_tcp() {
	local s=$1 c=$2 ip=$3 name sent bytes bps
	shift 3
	name=tcp-$c-$s-$RANDOM
	iperf_server "$s"
	[ $# -gt 0 ] || set -- -n 20M
	iperf_client "$c" "$ip" "$name" "$@"
	sent=$(iperf_json "$name" '.end.sum_sent.bytes')
	bytes=$(iperf_json "$name" '.end.sum_received.bytes')
	bps=$(iperf_json "$name" '.end.sum_received.bits_per_second | floor')
	echo "# TCP $c -> $s ($ip): sent $sent bytes, received $bytes, $((bps / 1000000)) Mbit/s" >&2
	assert_gt "$sent" 0 "bytes sent"
	assert_gt "$bytes" 0 "bytes received"
	assert_gt "$bps" 0 "throughput"
}

# udp_send NS IP PORT TEXT [broadcast]: one UDP datagram holding TEXT.
udp_send() {
	local n=$1 ip=$2 port=$3 text=$4 opt=
	[ "${5:-}" != broadcast ] || opt=,broadcast
	printf '%s' "$text" | on "$n" socat -u - "UDP4-DATAGRAM:$ip:$port$opt"
}

# ---------------------------------------------------------------------------
# The kernel log per case (selftests/run.sh checks the whole run's): a long
# script can push the suite's start out of the log buffer, and a report
# should name the case that caused it. klog_mark at the start of a case,
# assert_klog_clean after what it exercised.
KLOG_BAD='WARNING:|BUG:|Oops|general protection|refcount_t|lockdep|possible circular locking'
KLOG_BAD="$KLOG_BAD|inconsistent lock state|suspicious RCU usage|KASAN|UBSAN|kmemleak"
KLOG_BAD="$KLOG_BAD|unregister_netdevice: waiting for|Call Trace:|blocked for more than"

klog_mark() {
	KLOG_MARK="nvo-selftests: $CASE $$ $EPOCHREALTIME"
	echo "$KLOG_MARK" >/dev/kmsg
}

assert_klog_clean() {
	local log
	log=$(dmesg | awk -v m="$KLOG_MARK" 'index($0, m) { buf = ""; next } { buf = buf $0 "\n" } END { printf "%s", buf }')
	grep -qE "$KLOG_BAD" <<<"$log" || return 0
	diag "the kernel log has reports since the case started:"
	grep -E -m 1 -B 5 -A 40 "$KLOG_BAD" <<<"$log" | quote >&2
	return 1
}
