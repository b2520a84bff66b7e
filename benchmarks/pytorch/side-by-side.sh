#!/usr/bin/env bash
# Issue #18 item 5: TorchSharp vs PyTorch, one session, same units (docs/PERFORMANCE.md, "PyTorch side by side").
# Runs benchmarks/pytorch/side_by_side.py (CPU, one thread) and the BenchmarkDotNet class PyTorchSideBySideBenchmarks
# one after the other, then prints mean ± sd of each and the ratio TorchSharp / PyTorch (< 1: TorchSharp faster).
#
#   apt-get update && apt-get install -y python3-torch       # Debian 12: PyTorch 1.13.1 on the reference BLAS
#   benchmarks/pytorch/side-by-side.sh [OUT_DIR]              # default OUT_DIR: BenchmarkDotNet.Artifacts/side-by-side
#
# PyTorch is also timed on OpenBLAS (one thread) when a Debian OpenBLAS directory is found: OPENBLAS_DIR, else
# /usr/lib/x86_64-linux-gnu/openblas-pthread (apt-get install -y libopenblas0-pthread). It is put first on
# LD_LIBRARY_PATH for that run only; the system's libblas.so.3 choice is not touched.
# Environment: PYTHON (default /usr/bin/python3, the interpreter python3-torch installs into), ITERATIONS (10).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-BenchmarkDotNet.Artifacts/side-by-side}
python=${PYTHON:-/usr/bin/python3}
iterations=${ITERATIONS:-10}
openblas=${OPENBLAS_DIR:-/usr/lib/x86_64-linux-gnu/openblas-pthread}
mkdir -p "$out"
rm -f "$out"/*.json

echo "load before: $(uptime)" | tee "$out/load.txt"
"$python" benchmarks/pytorch/side_by_side.py --iterations "$iterations" --out "$out/pytorch.json"
if [[ -f "$openblas/libblas.so.3" ]]; then
    LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1 \
        "$python" benchmarks/pytorch/side_by_side.py --iterations "$iterations" --only am_training_step \
        --only am_forward_loss --only am_optimizer_steps --only gem_miner_epoch --out "$out/pytorch-openblas.json"
fi
echo "load between: $(uptime)" | tee -a "$out/load.txt"
dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*PyTorchSideBySide*' \
    --exporters json --artifacts "$out/bdn"
echo "load after: $(uptime)" | tee -a "$out/load.txt"

"$python" - "$out" <<'EOF'
import glob, json, os, sys
out = sys.argv[1]
pairs = {"AmTrainingStep": "am_training_step", "AmForwardLoss": "am_forward_loss", "AmOptimizerSteps": "am_optimizer_steps",
         "GemMinerEpoch": "gem_miner_epoch", "TinyAdd": "tiny_add"}
[bdn_file] = glob.glob(os.path.join(out, "bdn", "results", "*PyTorchSideBySide*.json"))
bdn = {b["Method"]: b["Statistics"] for b in json.load(open(bdn_file))["Benchmarks"]}
pythons = {"pytorch": json.load(open(os.path.join(out, "pytorch.json")))}
if os.path.exists(os.path.join(out, "pytorch-openblas.json")):
    pythons["pytorch+openblas"] = json.load(open(os.path.join(out, "pytorch-openblas.json")))

def fmt(seconds):
    return f"{seconds * 1e3:.3f} ms" if seconds >= 1e-4 else f"{seconds * 1e6:.2f} µs"

rows = []
for method, unit in pairs.items():
    ts_mean, ts_sd = bdn[method]["Mean"] * 1e-9, bdn[method]["StandardDeviation"] * 1e-9
    for label, py in pythons.items():
        if unit not in py["results"]:
            continue
        r = py["results"][unit]
        ratio = ts_mean / r["mean_s"]
        rows.append({"unit": unit, "pytorch": label, "torchsharp_mean_s": ts_mean, "torchsharp_sd_s": ts_sd,
                     "pytorch_mean_s": r["mean_s"], "pytorch_sd_s": r["sd_s"], "ratio_torchsharp_over_pytorch": ratio})
        print(f"{unit:18} TorchSharp {fmt(ts_mean)} ± {fmt(ts_sd)}   {label} {fmt(r['mean_s'])} ± {fmt(r['sd_s'])}"
              f"   ratio TorchSharp/PyTorch {ratio:.2f}")
json.dump({"rows": rows, "load": open(os.path.join(out, "load.txt")).read().splitlines(),
           "pytorch": {k: {"torch": v["torch"], "blas": v["blas"], "threads": v["threads"]} for k, v in pythons.items()}},
          open(os.path.join(out, "side-by-side.json"), "w"), indent=2)
print(f"written: {os.path.join(out, 'side-by-side.json')}")
EOF
