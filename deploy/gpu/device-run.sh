#!/usr/bin/env bash
# The prepared GPU run (not yet run: no GPU machine has been available): on a CUDA machine with a pip PyTorch, from the
# bundle built by deploy/gpu/bundle.sh, in one call of at most ~7 minutes. Writes everything under OUT:
#   check.log                 the device check (tensor on cuda, matmul vs host, bit-identical repeat, determinism)
#   shim/                     a rebuilt shim, only if the preflight refuses the machine's libtorch
#   ci-1/, ci-2/              every claim of the bundle at CI scale with --device cuda, twice (same seed: identical?)
#   paper-*/                  paper-scale claims as time allows (the AM grid and RG first: the longest on a CPU)
#   timings.txt               seconds per step
#   usage: deploy/gpu/device-run.sh BUNDLE_TAR_XZ OUT [LIBTORCH_DIR] [SECONDS_BUDGET]
# DEVICE=cpu SCALE=smoke rehearse it on a CPU machine (done here with the CPU libtorch of the NuGet cache).
set -uo pipefail
tarball=${1:?usage: device-run.sh BUNDLE_TAR_XZ OUT [LIBTORCH_DIR] [SECONDS_BUDGET]}
out=${2:?usage: device-run.sh BUNDLE_TAR_XZ OUT [LIBTORCH_DIR] [SECONDS_BUDGET]}
budget=${4:-400}
device=${DEVICE:-cuda}
scale=${SCALE:-ci}
mkdir -p "$out" && out=$(cd "$out" && pwd)
start=$SECONDS
step() { echo "$1 $((SECONDS - start)) s" >> "$out/timings.txt"; }
work=$(mktemp -d)
tar -xJf "$tarball" -C "$work" && step unpacked
node="$work/verification-gpu"
lib=${3:-}
if [ -z "$lib" ]; then
  for py in python3 /opt/torch/.venv/bin/python; do
    lib=$("$py" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2> /dev/null) && break
  done
fi
echo "libtorch: $lib" | tee "$out/libtorch.txt"
nvidia-smi > "$out/nvidia-smi.txt" 2>&1
if ! "$node/run.sh" --check --device "$device" --libtorch "$lib" > "$out/check.log" 2>&1; then
  if grep -q "does not fit TorchSharp" "$out/check.log"; then
    torch_dir=$(dirname "$lib")
    bash "$node/deploy/gpu/build-shim.sh" "$torch_dir" "$node/app" "$(nproc)" > "$out/shim.log" 2>&1; step shim-built
    mkdir -p "$out/shim" && cp "$node/app/libLibTorchSharp.so" "$out/shim/" 2> /dev/null
    "$node/run.sh" --check --device "$device" --libtorch "$lib" > "$out/check.log" 2>&1
  fi
fi
step device-check
grep -q "device check passed" "$out/check.log" || { echo "device check failed: see $out/check.log"; exit 1; }
for i in 1 2; do
  "$node/run.sh" --libtorch "$lib" --device "$device" --scale "$scale" --jobs 4 --out "$out/ci-$i" > "$out/ci-$i.log" 2>&1; step "ci-$i"
done
cmp -s "$out/ci-1/results.json" "$out/ci-2/results.json" && echo identical > "$out/ci-determinism.txt" || echo DIFFERENT > "$out/ci-determinism.txt"
for claim in AM.predicted-kernel-on-pq-grid RG.finetuned-gem-beats-random AM.tied-plateau-is-temporary LG.simplified-model-plateau-is-longer; do
  [ $((SECONDS - start)) -lt "$budget" ] || break
  timeout $((budget - (SECONDS - start) + 30)) "$node/run.sh" --libtorch "$lib" --device "$device" --scale paper --split --jobs 8 \
    --claim "$claim" --out "$out/paper-$claim" > "$out/paper-$claim.log" 2>&1; step "paper-$claim"
done
echo "done in $((SECONDS - start)) s"
