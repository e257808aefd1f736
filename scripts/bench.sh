#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: nvo's datapath side by side with no overlay, Linux vxlan and
# geneve on a bridge, and Open vSwitch's kernel datapath; one table of
# throughput, packet rate, request/response rate and CPU cost, each figure
# also as a ratio to "no overlay" and to Linux vxlan+bridge. A benchmark:
# it reports whether nvo meets its targets but never fails because of them.
# Method and the latest table: Documentation/performance.rst.
#
# scripts/bench.sh [options] [-- vm-run.sh options]
#   --runs N        runs of every test (default 3); the table has medians
#   --time S        seconds per test (default 5)
#   --quick         one run of 3 s per test
#   --gro off|on    GRO on every veth of every datapath (default off, the
#                   kernel's default; on puts veth in NAPI mode)
#   --only IDS      some datapaths only, e.g. a,b,e (ratios need a and b)
#   --fw            the firewall series instead of the datapaths: nvo VXLAN
#                   (e) with the receiving VM's port in no security group
#                   and in one of N single-port TCP rules, for each N of
#                   --fw-rules; TCP 1 stream, request/response, new
#                   connections per second (TCP_CRR), rule load time
#   --fw-rules LIST rule counts of --fw (default 1,1000,10000)
#   --fw-kind K     the rules of --fw: "ports" (default), one per port;
#                   "peers", all for the service port, one per remote
#                   prefix (first the client's /32, then /32, /24, /16);
#                   "ranges", port ranges of 3 to 5 ports, the service
#                   port's last
#   --routes        the route table series instead: nvo VXLAN with a tenant
#                   router on each hypervisor routing vm1 to vm2 (connected
#                   route), with only its connected routes and with N
#                   static routes more on both, for each N of
#                   --routes-counts; UDP 64-byte packet rate, TCP 1 stream,
#                   request/response, the traced time of a route lookup,
#                   route load time
#   --routes-counts LIST  route counts of --routes (default 1000,100000)
#   --perf          profile every TCP 1-stream and UDP 64 B test: the
#                   VM's vCPUs sampled from the host (tcgprof.py; with
#                   --local, perf record); reports in JOB/logs/*.prof.txt
#                   (*.perf.txt); the figures then carry the profiler's cost
#   --out FILE      where the JSON goes (default bench-results/latest.json
#                   in this tree, bench-results/fw-latest.json with --fw,
#                   bench-results/routes-latest.json with --routes); the
#                   table goes next to it as .txt
#   --local         no VM: measure on this host (root, a kernel that loads
#                   modules; nvo.ko built for the running kernel or loaded)
#   --job DIR       job directory (default: a new one under $NVO_VM_DIR/jobs,
#                   or /var/tmp/nvo-bench.* with --local)
#   --no-build      measure what is built (no install-deps, no make)
#   --kernel PATH   the VM's kernel (passed to vm-run.sh)
# Options after "--" go to scripts/vm-run.sh (--mem, --smp, --timeout...).
#
# Without --local, it installs what is missing (scripts/install-deps.sh),
# builds everything, builds the measurement tools (scripts/bench/*.c) into
# JOB/build, boots one VM (scripts/vm-run.sh) and runs scripts/bench/run.sh
# in it. Results: JOB/bench.{json,txt,rst}, samples and logs; the JSON and
# the table are copied to --out.
set -u

REPO=$(dirname "$(dirname "$(readlink -f "$0")")")
cd "$REPO" || exit 1
VM_DIR=${NVO_VM_DIR:-/var/tmp/nvo-vm}

runs=3 secs=5 gro=off only='' out='' local=0 job=''
build_all=1 kernel='' perf=0 fw=0 fw_rules=1,1000,10000 fw_kind=ports routes=0 routes_counts=1000,100000

usage() {
	awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0" >&2
	exit "${1:-2}"
}
die() { echo "bench: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=${2:?}; shift 2 ;;
	--time) secs=${2:?}; shift 2 ;;
	--quick) runs=1; secs=3; shift ;;
	--gro) gro=${2:?}; shift 2 ;;
	--only) only=${2:?}; shift 2 ;;
	--fw) fw=1; shift ;;
	--fw-rules) fw_rules=${2:?}; shift 2 ;;
	--fw-kind) fw_kind=${2:?}; shift 2 ;;
	--routes) routes=1; shift ;;
	--routes-counts) routes_counts=${2:?}; shift 2 ;;
	--perf) perf=1; shift ;;
	--out) out=${2:?}; shift 2 ;;
	--local) local=1; shift ;;
	--job) job=${2:?}; shift 2 ;;
	--no-build) build_all=0; shift ;;
	--kernel) kernel=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	*) usage ;;
	esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: a positive integer"
if ! [[ $secs =~ ^[0-9]+$ ]] || [ "$secs" -lt 3 ]; then
	die "--time: whole seconds, 3 or more"
fi
case $gro in on|off) ;; *) die "--gro: on or off" ;; esac
if [ "$fw" = 1 ]; then
	[ -z "$only" ] || die "--fw measures datapath (e) only: no --only with it"
	[[ $fw_rules =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] ||
		die "--fw-rules: rule counts, comma-separated, e.g. 1,1000,10000"
fi
if [ "$routes" = 1 ]; then
	[ "$fw" = 0 ] || die "--routes and --fw are series of their own: one at a time"
	[ -z "$only" ] || die "--routes measures nvo VXLAN with a router only: no --only with it"
	[[ $routes_counts =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] ||
		die "--routes-counts: route counts, comma-separated, e.g. 1000,100000"
fi
[ "$(id -u)" = 0 ] || die "must run as root"
if [ -z "$out" ]; then
	out=$REPO/bench-results/latest.json
	[ "$fw" = 0 ] || out=$REPO/bench-results/fw-latest.json
	[ "$routes" = 0 ] || out=$REPO/bench-results/routes-latest.json
fi
case $out in /*) ;; *) out=$PWD/$out ;; esac

inner=(scripts/bench/run.sh --runs "$runs" --time "$secs" --gro "$gro")
[ -z "$only" ] || inner+=(--only "$only")
[ "$fw" = 0 ] || inner+=(--fw --fw-rules "$fw_rules" --fw-kind "$fw_kind")
[ "$routes" = 0 ] || inner+=(--routes --routes-counts "$routes_counts")
[ "$perf" = 0 ] || inner+=(--perf)

if [ "$local" = 1 ]; then
	if [ "$build_all" = 1 ]; then
		make -s lib tools || die "cannot build libnvo and nvctl"
		# The module for the running kernel, unless one is loaded.
		if [ ! -d /sys/module/nvo ]; then
			if [ -d "/lib/modules/$(uname -r)/build" ]; then
				make -s kmod KDIR="/lib/modules/$(uname -r)/build" ||
					echo "bench: nvo.ko did not build for $(uname -r): nvo will not be measured" >&2
			else
				echo "bench: no headers for $(uname -r): nvo.ko cannot be built here" >&2
			fi
		fi
	fi
	job=${job:-$(mktemp -d /var/tmp/nvo-bench.XXXXXX)} || die "mktemp failed"
	mkdir -p "$job" || die "cannot create $job"
	make -s -C scripts/bench O="$job/build" || die "cannot build the measurement tools"
	NVO_JOB=$job "${inner[@]}" --out "$job" --build "$job/build"
	rc=$?
else
	if [ "$build_all" = 1 ]; then
		scripts/install-deps.sh || die "scripts/install-deps.sh failed"
		make -s -j"$(nproc)" || die "the build failed"
	fi
	if [ -z "$job" ]; then
		mkdir -p "$VM_DIR/jobs" || die "cannot create $VM_DIR/jobs"
		job=$(mktemp -d "$VM_DIR/jobs/job.XXXXXX") || die "mktemp failed"
	fi
	mkdir -p "$job" || die "cannot create $job"
	job=$(readlink -f "$job")
	rm -f "$job/bench.json"
	# Built here, where it is quick; the VM finds them in its job
	# directory (JOB/build is $NVO_JOB/build inside).
	make -s -C scripts/bench O="$job/build" || die "cannot build the measurement tools"
	# A generous cap: about 2 min per datapath and run, under TCG. With
	# --fw: 3 tests per configuration (no firewall and each rule count)
	# and run, and loading the rules once (2 min per 10,000 allowed).
	if [ "$fw" = 1 ]; then
		n=$(tr , '\n' <<<"$fw_rules" | wc -l)
		total=$(tr , + <<<"$fw_rules")
		vmargs=(--job "$job" --timeout $((600 + runs * (secs + 10) * 3 * 3 * (n + 1) + (total) * 12 / 1000)))
	elif [ "$routes" = 1 ]; then
		# With --routes: a rig per configuration (1 min to set up),
		# 3 tests per configuration and run plus a warm-up, and loading
		# the routes into two routers (1 s per 1,000 allowed; 100,000
		# took 6 to 7 s each).
		n=$(tr , '\n' <<<"$routes_counts" | wc -l)
		total=$(tr , + <<<"$routes_counts")
		vmargs=(--job "$job" --timeout $((600 + (n + 1) * 60 + (runs * (n + 1) + 1) * (secs + 10) * 3 + (total) * 2 / 1000)))
	else
		vmargs=(--job "$job" --timeout $((600 + runs * (secs + 4) * 4 * 6 * 3)))
	fi
	[ -z "$kernel" ] || vmargs+=(--kernel "$kernel")
	sampler=''
	if [ "$perf" = 1 ]; then
		rm -rf "$job/prof" "$job/monitor.sock"
		mkdir -p "$job/prof" || die "cannot create $job/prof"
		export NVO_VM_MONITOR=$job/monitor.sock
		/usr/bin/python3 scripts/bench/tcgprof.py sample --monitor "$NVO_VM_MONITOR" \
			--dir "$job/prof" 2>"$job/prof/sampler.log" &
		sampler=$!
	fi
	scripts/vm-run.sh "${vmargs[@]}" "$@" -- "${inner[@]}"
	rc=$?
	if [ -n "$sampler" ]; then
		wait "$sampler"
		for r in "$job"/prof/*.rips; do
			[ -e "$r" ] || continue
			n=${r##*/}
			/usr/bin/python3 scripts/bench/tcgprof.py report --kallsyms "$job/prof/kallsyms" \
				"$r" >"$job/logs/${n%.rips}.prof.txt" 2>&1
		done
	fi
fi

if [ ! -s "$job/bench.json" ]; then
	echo "bench: no results (status $rc); logs in $job" >&2
	exit 1
fi
mkdir -p "$(dirname "$out")" || die "cannot create $(dirname "$out")"
{ cp "$job/bench.json" "$out" && cp "$job/bench.txt" "${out%.json}.txt"; } ||
	die "cannot copy the results to $out"
echo "bench: results in $out and ${out%.json}.txt (table for the docs: $job/bench.rst; samples and logs: $job)"
exit 0
