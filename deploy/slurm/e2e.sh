#!/usr/bin/env bash
# The Slurm templates end to end on a real one-node cluster started here (run by .ci/run; needs root, installs
# slurm-wlm and munge from the Debian packages when absent). Steps, each checked:
#   1. submit the whole registry at smoke scale with --split through deploy/slurm/submit.sh, unchanged, as a user would,
#      with shard 2 made to fail (its output folder is taken by a file): the merge job still runs (afterany), names
#      shard 2 and exits non-zero;
#   2. shard 2 is then given a half-done staging folder (as a task killed mid-run leaves it) and only it is resubmitted
#      (submit.sh --resubmit): the task resumes that folder, the merge succeeds;
#   3. the merged results.json is byte-identical to a single-process run of the same work with the same build.
# Every daemon it started is stopped by pid, also when a step fails. Prints the seconds it took.
#   usage: deploy/slurm/e2e.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-$(mktemp -d)}
mkdir -p "$work" && work=$(cd "$work" && pwd)
start=$SECONDS
fail() { echo "slurm e2e: $*" >&2; exit 1; }

# shellcheck source=one-node-cluster.sh
source deploy/slurm/one-node-cluster.sh
trap 'cluster_stop' EXIT
cluster_start "$work/cluster" || fail "no cluster (see above)"
echo "slurm e2e: one-node cluster up in $((SECONDS - start)) s ($(sinfo -h -o '%P %D %c CPUs %m MB' | head -1))"

run="$work/run"
shards=4
mkdir -p "$run"
: > "$run/shard-2"   # step 1: a file where shard 2 writes its output: that task fails (verify exits 2)
RUN=$run SHARDS=$shards MEM_PER_TASK=2G TIME_PER_TASK=00:20:00 deploy/slurm/submit.sh --scale smoke --split | tee "$work/submit.log"
merge=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$work/submit.log")
[ -n "$merge" ] || fail "submit.sh printed no merge job id"
end=$(cluster_job_end "$merge" 900) || fail "the merge job $merge did not end within 15 minutes"
log="$run/logs/verify-merge-$merge.out"
[[ "$end" == FAILED* ]] || fail "the merge job should fail with shard 2 missing, but ended $end ($(cat "$log" 2> /dev/null))"
grep -q "shard(s) 2 of $shards did not finish" "$log" || fail "the failed merge did not name shard 2: $(cat "$log")"
echo "slurm e2e: step 1 ok — the merge ended $end and said: $(grep -m1 'did not finish' "$log")"

# Step 2: a staging folder that a task killed mid-run leaves: shard 2 run to the end elsewhere, then its final files
# and the second half of its records removed.
rm "$run/shard-2"
"$run/bin/Verification.Cli" verify --scale smoke --split --shard 2/$shards --out "$work/shard-2-full" > "$work/shard-2-full.log"
cp -r "$work/shard-2-full" "$run/shard-2.partial"
rm -f "$run/shard-2.partial"/{results.json,report.md,report.html,timings.json,provenance.json}
mapfile -t records < <(find "$run/shard-2.partial/claims" -maxdepth 1 -name '*.json' | sort)
[ ${#records[@]} -ge 2 ] || fail "shard 2 has fewer than two records; the resume step needs a half-done folder"
rm -f "${records[@]:$(( ${#records[@]} / 2 ))}"
RUN=$run deploy/slurm/submit.sh --resubmit | tee "$work/resubmit.log"
merge=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$work/resubmit.log")
end=$(cluster_job_end "$merge" 900) || fail "the second merge job $merge did not end within 15 minutes"
log="$run/logs/verify-merge-$merge.out"
[[ "$end" == "COMPLETED 0:0" ]] || fail "the merge after resubmitting shard 2 ended $end: $(cat "$log")"
grep -q "shard 2: resuming" "$run"/logs/verify-*_1.out || fail "the resubmitted shard 2 did not resume its staging folder"
grep -q "merged report: $run/merged/report.md" "$log" || fail "the merge log does not say where the report is"
echo "slurm e2e: step 2 ok — shard 2 resumed, merge $end; $(grep -m1 'merged report' "$log")"

# Step 3: the same work in one process, same build.
"$run/bin/Verification.Cli" verify --scale smoke --split --out "$work/single" > "$work/single.log" || [ $? -eq 1 ]
cmp "$work/single/results.json" "$run/merged/results.json" || fail "merged results.json differs from the single-process run's ($work)"
echo "slurm e2e: step 3 ok — merged results.json byte-identical to the single-process run ($(grep -c '"id"' "$work/single/results.json") claims)"
echo "slurm e2e: passed in $((SECONDS - start)) s"
