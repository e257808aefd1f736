#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: install what is missing, build everything, run selftests/ in a
# VM. The last line printed is "N passed, N failed[, N skipped]"; the exit
# status is non-zero on any failure, or if the tests did not finish.
#
# Arguments are passed to scripts/vm-run.sh (check-debug.sh boots another
# kernel that way).
#
# When the kernel crashes, the VM is booted again and selftests/run.sh
# resumes after the script that crashed it (which counts as failed), so one
# crash does not hide the rest of the results.
set -u

REPO=$(dirname "$(dirname "$(readlink -f "$0")")")
cd "$REPO" || exit 1
VM_DIR=${NVO_VM_DIR:-/var/tmp/nvo-vm}

scripts/install-deps.sh || { echo "check: scripts/install-deps.sh failed" >&2; exit 1; }

if ! make -j"$(nproc)"; then
	echo >&2
	echo "check: *** the build failed, no test was run ***" >&2
	exit 2
fi

mkdir -p "$VM_DIR/jobs"
job=$(mktemp -d "$VM_DIR/jobs/job.XXXXXX") || exit 1
# Every boot shares this cap; CI allows 90 min for the whole job, and
# the suite took about 30 min of it on the 2-core TCG machine.
deadline=$((SECONDS + ${NVO_CHECK_TIMEOUT:-3600}))
boot=0
while :; do
	boot=$((boot + 1))
	scripts/vm-run.sh --job "$job" --timeout $((deadline - SECONDS)) "$@" -- selftests/run.sh
	rc=$?
	[ ! -s "$job/summary" ] || break
	[ -f "$job/console.log" ] && mv "$job/console.log" "$job/console.boot$boot.log"
	# Boot again only if this boot got somewhere (a script started), and
	# there is time left.
	started=$(grep -c '^start ' "$job/run-state" 2>/dev/null)
	if [ "${started:-0}" -le "${last_started:-0}" ] || [ $((deadline - SECONDS)) -lt 60 ]; then
		break
	fi
	last_started=$started
	echo "check: the VM died during the tests (boot $boot); booting again to run the rest" >&2
done

echo "check: logs in $job"
if [ -s "$job/summary" ]; then
	[ "$boot" -eq 1 ] || [ "$rc" -ne 0 ] || rc=1
	summary=$(cat "$job/summary")
else
	summary="0 passed, 1 failed (the tests did not finish: see $job/console*.log)"
	[ "$rc" -ne 0 ] || rc=1
fi
echo "$summary"
exit "$rc"
