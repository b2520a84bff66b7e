#!/usr/bin/env bash
# One shard of a verify run, for any scheduler: `verify --shard auto` reads i/n from the environment (VERIFY_SHARD_INDEX
# and VERIFY_SHARD_COUNT, set by the Slurm template; SLURM_ARRAY_TASK_*, JOB_COMPLETION_INDEX + VERIFY_SHARD_COUNT,
# CI_NODE_INDEX/TOTAL otherwise) and writes RUN_DIR/shard-<i>. A retried, requeued or resubmitted task resumes its own
# staging folder (shard-<i>.partial) instead of starting over.
#   usage: deploy/verify-task.sh CLI RUN_DIR [verify options...]   (CLI: the published Verification.Cli)
# Exit 0 also when verify exits 1: a claim off its recorded verdict still leaves a complete shard, and the merge's exit
# code carries the verdict. Anything else (2 usage, 74 disk full, 130 interrupted, a crash) fails the task; the
# resubmitted task resumes the staging folder.
set -euo pipefail
cli=$1 run=$2
shift 2
index=${VERIFY_SHARD_INDEX:-${CI_NODE_INDEX:-}}
if [ -z "$index" ] && [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0} + 1)); fi
if [ -z "$index" ] && [ -n "${JOB_COMPLETION_INDEX:-}" ]; then index=$((JOB_COMPLETION_INDEX + 1)); fi
: "${index:?no shard index in the environment (VERIFY_SHARD_INDEX, SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or CI_NODE_INDEX)}"
out="$run/shard-$index"
if [ -f "$out/results.json" ]; then echo "shard $index: already finished in $out"; exit 0; fi
if [ -d "$out.partial" ]; then where=(--resume "$out"); echo "shard $index: resuming $out.partial"; else where=(--out "$out"); fi
code=0
"$cli" verify "$@" --shard auto "${where[@]}" || code=$?
echo "shard $index: verify exited $code; output $out"
if [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
