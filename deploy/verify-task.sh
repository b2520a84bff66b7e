#!/usr/bin/env bash
# One shard of a verify run, for any scheduler: `verify --shard auto` reads i/n from the scheduler's environment
# (SLURM_ARRAY_TASK_*, JOB_COMPLETION_INDEX + VERIFY_SHARD_COUNT, VERIFY_SHARD_INDEX/COUNT, CI_NODE_INDEX/TOTAL).
# A retried or requeued task resumes its own folder instead of starting over.
#   usage: deploy/verify-task.sh CLI RUN_DIR [verify options...]   (CLI: the published Verification.Cli)
# Exit 0 also when verify exits 1: a claim off its recorded verdict still leaves a complete shard, and the merge's exit
# code carries the verdict. Anything else (2 usage, 130 interrupted, a crash) fails the task.
set -euo pipefail
cli=$1 run=$2
shift 2
index=${VERIFY_SHARD_INDEX:-${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-${CI_NODE_INDEX:-x}}}}
out="$run/shard-$index"
if [ -d "$out/claims" ]; then where=(--resume "$out"); else where=(--out "$out"); fi
code=0
"$cli" verify "$@" --shard auto "${where[@]}" || code=$?
if [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
