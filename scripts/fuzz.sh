#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: selftests/85-fuzz.sh in the test VM (scripts/check.sh, so the
# build, the VM and the kernel_log_clean check are the same as make check)
# with large counts. Prints check.sh's "N passed, N failed", then the time
# the run took and its seed.
#
# Environment (passed into the VM as every NVO_* variable is):
#   NVO_FUZZ_COUNT      netlink requests per netlink case (default 20000)
#   NVO_FUZZ_PKT_COUNT  frames per packet case (default 10000)
#   NVO_FUZZ_SEED       default: a new one each run, printed first; give it
#                       (with the counts) to repeat a run exactly
#   NVO_FUZZ_DEBUG=1    on the KASAN + lockdep + kmemleak kernel of
#                       scripts/check-debug.sh (about ten times slower)
# Arguments go to scripts/check.sh (and from there to vm-run.sh), not
# with NVO_FUZZ_DEBUG=1.
set -u

REPO=$(dirname "$(dirname "$(readlink -f "$0")")")
cd "$REPO" || exit 1

export NVO_TESTS=${NVO_TESTS:-85-fuzz}
export NVO_FUZZ_COUNT=${NVO_FUZZ_COUNT:-20000}
export NVO_FUZZ_PKT_COUNT=${NVO_FUZZ_PKT_COUNT:-10000}
export NVO_FUZZ_SEED=${NVO_FUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}

# Limits: 85-fuzz.sh scales each case's own from the counts; the script
# and the whole VM run must allow for all six cases, with room to spare.
scale=1
[ "${NVO_FUZZ_DEBUG:-0}" = 1 ] && scale=10
per_case=$(((180 + NVO_FUZZ_COUNT / 10 + NVO_FUZZ_PKT_COUNT / 5) * scale))
export NVO_SCRIPT_TIMEOUT=${NVO_SCRIPT_TIMEOUT:-$((6 * per_case))}
export NVO_CHECK_TIMEOUT=${NVO_CHECK_TIMEOUT:-$((NVO_SCRIPT_TIMEOUT + 900))}

echo "fuzz: seed $NVO_FUZZ_SEED, $NVO_FUZZ_COUNT netlink requests and $NVO_FUZZ_PKT_COUNT frames per case"
echo "fuzz: to repeat: NVO_FUZZ_SEED=$NVO_FUZZ_SEED NVO_FUZZ_COUNT=$NVO_FUZZ_COUNT NVO_FUZZ_PKT_COUNT=$NVO_FUZZ_PKT_COUNT make fuzz"
start=$SECONDS
if [ "${NVO_FUZZ_DEBUG:-0}" = 1 ]; then
	scripts/check-debug.sh
else
	# Thousands of (rate-limited) netlink warnings: a log buffer large
	# enough that kernel_log_clean still sees the whole run.
	scripts/check.sh --append log_buf_len=16M "$@"
fi
rc=$?
echo "fuzz: $((SECONDS - start)) s, seed $NVO_FUZZ_SEED"
exit "$rc"
