#!/usr/bin/env bash
# Submits a verify run to Slurm: publishes the CLI once into $RUN/bin, submits an array of $SHARDS tasks (one shard of
# the work list each, deploy/slurm/verify-array.sbatch) and a merge job that runs once every task has ended, whether
# it succeeded or not (deploy/slurm/verify-merge.sbatch): it names the shards that did not finish and fails, or merges.
#   RUN=runs/paper deploy/slurm/submit.sh --scale paper --split --seed 1 --seed 2 --seed 3
#   RUN=runs/paper deploy/slurm/submit.sh --resubmit     # only the shards without a result, resuming their staging folders
# Resources (environment, with defaults that schedule on a small node): SHARDS=8, CPUS_PER_TASK=1, MEM_PER_TASK=4G,
# TIME_PER_TASK=02:00:00, MERGE_TIME=00:30:00, PARTITION (the cluster's default partition when unset), SBATCH_EXTRA
# (more sbatch options for the array tasks, e.g. "--gres=gpu:1"). Logs go to $RUN/logs/.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${RUN:?set RUN to the run folder, e.g. RUN=runs/paper}"
mkdir -p "$RUN/logs"
RUN=$(cd "$RUN" && pwd)

resubmit=false
if [ "${1:-}" = "--resubmit" ]; then resubmit=true; shift; fi

if $resubmit; then
  [ -f "$RUN/submit.args" ] || { echo "submit.sh: $RUN was not submitted by this script (no submit.args); submit it first" >&2; exit 2; }
  [ $# -eq 0 ] || { echo "submit.sh: --resubmit takes no verify options: it reuses those of the first submission" >&2; exit 2; }
  mapfile -d '' -t args < "$RUN/submit.args"
  SHARDS=$(cat "$RUN/submit.shards")
  missing=()
  for i in $(seq 1 "$SHARDS"); do [ -f "$RUN/shard-$i/results.json" ] || missing+=("$((i - 1))"); done
  if [ ${#missing[@]} -eq 0 ]; then echo "submit.sh: every shard of $RUN has finished; nothing to resubmit"; exit 0; fi
  array=$(IFS=,; echo "${missing[*]}")
else
  SHARDS=${SHARDS:-8}
  [[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: SHARDS must be a positive whole number (got '$SHARDS')" >&2; exit 2; }
  if [ -e "$RUN/submit.args" ]; then echo "submit.sh: $RUN already holds a submission; use --resubmit, or choose a new RUN" >&2; exit 2; fi
  # One build, one code version for every task (`verify merge` refuses shards of different builds). The publish folder
  # carries the liveness-patched TorchSharp.dll (build/TorchSharpLiveness.targets).
  dotnet publish src/Verification.Cli -c Release -o "$RUN/bin"
  "$RUN/bin/Verification.Cli" verify --list > /dev/null   # loads TorchSharp once: applies the native fix before the tasks start
  cp deploy/verify-task.sh "$RUN/bin/verify-task.sh"      # the tasks run this copy: later edits of the checkout do not reach them
  args=("$@")
  printf '%s\0' "${args[@]}" > "$RUN/submit.args"
  echo "$SHARDS" > "$RUN/submit.shards"
  array="0-$((SHARDS - 1))"
fi

common=(--parsable --export="ALL,RUN=$RUN,SHARDS=$SHARDS")
[ -n "${PARTITION:-}" ] && common+=(--partition="$PARTITION")
# shellcheck disable=SC2206  # SBATCH_EXTRA is a list of options on purpose
extra=(${SBATCH_EXTRA:-})
job=$(sbatch "${common[@]}" --array="$array" --cpus-per-task="${CPUS_PER_TASK:-1}" --mem="${MEM_PER_TASK:-4G}" \
  --time="${TIME_PER_TASK:-02:00:00}" --output="$RUN/logs/verify-%A_%a.out" "${extra[@]}" \
  deploy/slurm/verify-array.sbatch "${args[@]}")
job=${job%%;*}
merge=$(sbatch "${common[@]}" --dependency="afterany:$job" --time="${MERGE_TIME:-00:30:00}" \
  --output="$RUN/logs/verify-merge-%j.out" deploy/slurm/verify-merge.sbatch)
merge=${merge%%;*}
echo "array job $job (tasks $array of $SHARDS shards) -> $RUN/shard-<i>; merge job $merge -> $RUN/merged/report.md"
echo "logs: $RUN/logs/verify-${job}_<task>.out and $RUN/logs/verify-merge-$merge.out"
