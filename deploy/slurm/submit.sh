#!/usr/bin/env bash
# Publishes the CLI once into $RUN/bin, submits the array (deploy/slurm/verify-array.sbatch) with the given verify
# options, and a merge job that starts after every array task succeeded.
#   RUN=runs/paper deploy/slurm/submit.sh --scale paper --split --seed 1 --seed 2 --seed 3
#   TORCH_BACKEND=cuda RUN=runs/gpu deploy/slurm/submit.sh --scale paper --device cuda   (and --gres in the .sbatch)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${RUN:?set RUN to the run folder, e.g. RUN=runs/paper}"
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
dotnet publish src/Verification.Cli -c Release -p:TorchBackend="${TORCH_BACKEND:-cpu}" -o "$RUN/bin"
"$RUN/bin/Verification.Cli" verify --list > /dev/null   # loads TorchSharp once: applies the native fix before the tasks start
array=$(sbatch --parsable --export=ALL,RUN="$RUN" deploy/slurm/verify-array.sbatch "$@")
sbatch --dependency=afterok:"${array%%;*}" --export=ALL,RUN="$RUN" deploy/slurm/verify-merge.sbatch
echo "array job ${array%%;*}: shards in $RUN/shard-*, merged report in $RUN/merged"
