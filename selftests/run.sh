#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test VM (scripts/vm-run.sh -- selftests/run.sh): loads
# nvo.ko, runs every selftests/*.sh but run.sh and lib.sh in name order, and
# checks the kernel log afterwards. Output is KTAP v1: module_load, one
# subtest per script, kernel_log_clean; the last line is
# "N passed, N failed[, N skipped]", counting the scripts' cases plus
# module_load and kernel_log_clean.
#
# With a job directory ($NVO_JOB, set by vm-run.sh) it keeps its progress in
# $NVO_JOB/run-state and each script's output in $NVO_JOB/ktap/. Run again
# in a new VM after a kernel crash, it resumes: the scripts already done are
# reported from there, the one that was running counts as failed (with the
# crash from the previous boot's console log, $NVO_JOB/console.boot*.log),
# and the rest run. scripts/check.sh does that.
#
# Environment:
#   NVO_TESTS            space-separated globs; a script runs if one matches
#                        its file name, with or without ".sh" or its number
#                        ("00-rig.sh", "rig", "*fdb*")
#   NVO_KO               module to load (default kmod/nvo.ko)
#   NVO_SCRIPT_TIMEOUT   seconds per script (default 1800); cases have their
#                        own limit, NVO_CASE_TIMEOUT (lib.sh)
set -u

DIR=$(cd "${0%/*}" && pwd)
REPO=${DIR%/*}
export NVO_KO=${NVO_KO:-$REPO/kmod/nvo.ko}
SCRIPT_TIMEOUT=${NVO_SCRIPT_TIMEOUT:-1800}
MARK="nvo-selftests: start $$ $(date +%s)"
KMEMLEAK=/sys/kernel/debug/kmemleak
JOB=${NVO_JOB:-}
STATE=
if [ -n "$JOB" ]; then
	STATE=$JOB/run-state
	mkdir -p "$JOB/ktap"
fi

selected() {
	local b=$1 short p
	[ -n "${NVO_TESTS:-}" ] || return 0
	short=${b%.sh}
	short=${short#[0-9][0-9]-}
	for p in $NVO_TESTS; do
		# shellcheck disable=SC2053 # the patterns are globs on purpose
		[[ $b == $p || ${b%.sh} == $p || $short == $p ]] && return 0
	done
	return 1
}

scripts=()
for f in "$DIR"/*.sh; do
	b=${f##*/}
	case $b in run.sh|lib.sh) continue ;; esac
	selected "$b" && scripts+=("$f")
done

n_pass=0 n_fail=0 n_skip=0 k=0

diag() { echo "# $*"; }

top_result() {	# STATUS NAME [SKIP REASON]
	k=$((k + 1))
	case $1 in
	ok) echo "ok $k $2" ;;
	skip) echo "ok $k $2 # SKIP ${3:-}" ;;
	*) echo "not ok $k $2" ;;
	esac
}

# state_add LINE: progress that must survive a crash of this VM.
state_add() {
	[ -n "$STATE" ] || return 0
	echo "$*" >>"$STATE"
	sync "$STATE" 2>/dev/null
}

state_get() {	# WORD NAME: the last state line "WORD NAME ..."
	[ -n "$STATE" ] && [ -f "$STATE" ] || return 1
	awk -v w="$1" -v n="$2" '$1 == w && $2 == n { l = $0 } END { if (l == "") exit 1; print l }' "$STATE"
}

# crash_report BOOT: the start of the crash in that boot's console log.
crash_report() {
	local f=$JOB/console.boot$1.log
	[ -f "$f" ] || { diag "(no $f)"; return; }
	# Kernel lines only: the log also holds reports quoted by run.sh.
	grep -m 1 -A 40 -E '^\[ *[0-9.]+\] .*(BUG:|Oops|general protection|Kernel panic|KASAN|WARNING:)' "$f" |
		grep -E '^\[ *[0-9.]+\]' | sed 's/^/#   /'
}

boot=1
if [ -n "$STATE" ] && [ -f "$STATE" ]; then
	boot=$(($(grep -c '^boot ' "$STATE") + 1))
fi
state_add "boot $boot"

echo "KTAP version 1"
echo "1..$((${#scripts[@]} + 2))"
diag "kernel $(uname -r), $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MB"
[ "$boot" -eq 1 ] || diag "boot $boot: resuming after the kernel crashed"
[ ${#scripts[@]} -gt 0 ] || diag "no script matches NVO_TESTS='${NVO_TESTS:-}'"

# Only what the kernel logs from here on is the tests' doing.
echo "$MARK" >/dev/kmsg
if ! mountpoint -q /sys/kernel/debug; then
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
fi
[ -w "$KMEMLEAK" ] && echo clear >"$KMEMLEAK"

# --- module_load -----------------------------------------------------------
load_module() {
	local d deps
	if [ -d /sys/module/nvo ]; then
		diag "nvo is already loaded"
		return 0
	fi
	if [ ! -f "$NVO_KO" ]; then
		diag "$NVO_KO does not exist: the module is not built (make)"
		return 1
	fi
	deps=$(modinfo -F depends "$NVO_KO" 2>&1) || { diag "modinfo: $deps"; return 1; }
	for d in ${deps//,/ }; do
		modprobe "$d" 2>&1 | sed 's/^/# /'
	done
	insmod "$NVO_KO" 2>&1 | sed 's/^/# /'
	if [ ! -d /sys/module/nvo ]; then
		diag "insmod $NVO_KO failed; kernel log:"
		dmesg | tail -n 15 | sed 's/^/#   /'
		return 1
	fi
	diag "loaded $NVO_KO ($(modinfo -F vermagic "$NVO_KO"))"
}
if load_module; then
	top_result ok module_load
	n_pass=$((n_pass + 1))
else
	top_result fail module_load
	n_fail=$((n_fail + 1))
fi

# --- the scripts -----------------------------------------------------------

# count KTAP_FILE RC: sets p, f_, s (cases passed, failed, skipped) and
# extra (what went wrong besides failed cases) from a script's output.
count() {
	local out=$1 rc=$2 plan
	plan=$(sed -n 's/^1\.\.\([0-9]\+\).*/\1/p' "$out" | head -n 1)
	p=$(grep -cE '^ok [0-9]+ ' "$out")
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' "$out")
	f_=$(grep -cE '^not ok [0-9]+ ' "$out")
	p=$((p - s))
	extra=
	if [ -z "$plan" ]; then
		extra="printed no KTAP plan"
		f_=$((f_ + 1))
	elif [ $((p + s + f_)) -lt "$plan" ]; then
		# Cases that never reported failed, as far as the totals go.
		extra="$((plan - p - s - f_)) of $plan cases did not report"
		f_=$((plan - p - s))
	fi
	case $rc in
	0|4) ;;
	124|137) extra="${extra:+$extra; }timed out after ${SCRIPT_TIMEOUT}s" ;;
	crash) extra="${extra:+$extra; }the kernel crashed while it ran" ;;
	*) extra="${extra:+$extra; }exited with status $rc" ;;
	esac
	# A script that failed without a failed case still counts as a failure.
	if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ "$f_" -eq 0 ]; then
		f_=1
	fi
}

report() {	# NAME P F S
	if [ "$3" -gt 0 ]; then
		top_result fail "$1"
	elif [ "$2" -eq 0 ] && [ "$4" -gt 0 ]; then
		top_result skip "$1" "all cases skipped"
	else
		top_result ok "$1"
	fi
	n_pass=$((n_pass + $2)) n_fail=$((n_fail + $3)) n_skip=$((n_skip + $4))
}

crashed=0
for f in "${scripts[@]}"; do
	b=${f##*/}
	name=${b%.sh}
	out=${JOB:+$JOB/ktap/$name.ktap}
	[ -n "$out" ] || out=$(mktemp)

	# Resuming: this script's result is known from an earlier boot.
	if line=$(state_get result "$name"); then
		read -r _ _ p f_ s <<<"$line"
		diag "$b: $p passed, $f_ failed, $s skipped (boot $(state_get boot-of "$name" | cut -d' ' -f3))"
		report "$name" "$p" "$f_" "$s"
		continue
	fi
	if state_get start "$name" >/dev/null; then
		crashed=1
		count "$out" crash
		diag "$b: $extra (boot $((boot - 1))), its cases up to the crash:"
		sed -n 's/^\(not \)\{0,1\}ok /#   &/p' "$out"
		diag "from the console:"
		crash_report $((boot - 1))
		diag "$b: $p passed, $f_ failed, $s skipped"
		state_add "result $name $p $f_ $s"
		report "$name" "$p" "$f_" "$s"
		continue
	fi

	state_add "start $name"
	state_add "boot-of $name $boot"
	start=$SECONDS
	before=$(ip netns list 2>/dev/null | awk '{ print $1 }' | sort)
	# Every script in its own process group under timeout, so a hang ends
	# that script only.
	(cd "$REPO" && timeout -k 30 "$SCRIPT_TIMEOUT" bash "$f" </dev/null 2>&1) |
		tee "$out" | sed 's/^/    /'
	rc=${PIPESTATUS[0]}
	count "$out" "$rc"
	[ -z "$extra" ] || diag "$b: $extra"
	diag "$b: $p passed, $f_ failed, $s skipped in $((SECONDS - start))s"
	state_add "result $name $p $f_ $s"
	report "$name" "$p" "$f_" "$s"
	[ -n "$JOB" ] || rm -f "$out"

	# Namespaces a killed script could not clean up would keep their
	# devices, and the module, busy.
	for ns in $(comm -13 <(echo "$before") <(ip netns list 2>/dev/null | awk '{ print $1 }' | sort)); do
		diag "$b left namespace $ns behind, deleting it"
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns"
	done
done

# --- kernel_log_clean ------------------------------------------------------
# What a kernel says when something is wrong, whatever the debug options.
BAD='WARNING:|BUG:|Oops|general protection|refcount_t|lockdep|possible circular locking'
BAD="$BAD|inconsistent lock state|suspicious RCU usage|KASAN|UBSAN|kmemleak"
BAD="$BAD|unregister_netdevice: waiting for|Call Trace:|blocked for more than|detected stall"

check_kernel_log() {
	local log hits leaks first clean=0
	if [ "$crashed" = 1 ]; then
		clean=1
		diag "the kernel crashed in an earlier boot (see above)"
	fi
	if state_get start kernel_log_clean >/dev/null; then
		clean=1
		diag "the kernel crashed while its log was checked (boot $((boot - 1))):"
		crash_report $((boot - 1))
	fi
	state_add "start kernel_log_clean"
	log=$(dmesg | awk -v m="$MARK" 'index($0, m) { buf = ""; next } { buf = buf $0 "\n" } END { printf "%s", buf }')
	hits=$(grep -nE "$BAD" <<<"$log")
	if [ -n "$hits" ]; then
		clean=1
		diag "the kernel log has reports:"
		# From a little before the first report, enough for a backtrace.
		first=$(head -n 1 <<<"$hits" | cut -d: -f1)
		tail -n +"$((first > 5 ? first - 5 : 1))" <<<"$log" | head -n 80 | sed 's/^/#   /'
	fi
	if [ -w "$KMEMLEAK" ]; then
		# Objects younger than 5 s are never reported, and a leak is only
		# certain after a second scan.
		sleep 6
		echo scan >"$KMEMLEAK"
		echo scan >"$KMEMLEAK"
		leaks=$(cat "$KMEMLEAK")
		if grep -q "unreferenced object" <<<"$leaks"; then
			clean=1
			diag "kmemleak reports $(grep -c 'unreferenced object' <<<"$leaks") unreferenced objects:"
			head -n 80 <<<"$leaks" | sed 's/^/#   /'
		fi
	else
		diag "no kmemleak in this kernel"
	fi
	return $clean
}
if check_kernel_log; then
	top_result ok kernel_log_clean
	n_pass=$((n_pass + 1))
else
	top_result fail kernel_log_clean
	n_fail=$((n_fail + 1))
fi

summary="$n_pass passed, $n_fail failed"
[ "$n_skip" -eq 0 ] || summary="$summary, $n_skip skipped"
[ -z "$JOB" ] || echo "$summary" >"$JOB/summary"
echo "$summary"
[ "$n_fail" -eq 0 ]
