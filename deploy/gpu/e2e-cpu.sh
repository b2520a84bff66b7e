#!/usr/bin/env bash
# The GPU-node flow simulated on this CPU machine (run by .ci/run): build the offline bundle, unpack it elsewhere, and run
# it with `env -i` (no dotnet on PATH, no network needed) against an external libtorch — the CPU libtorch 2.10 of the
# TorchSharp-cpu package, copied out of the NuGet cache, standing in for a node's CUDA PyTorch. Checks:
#   1. the bundle fits in 64 MiB compressed;  2. `run.sh --check` passes on the CPU;
#   3. claims run from the bundle (smoke, the bundle's default selection, plus an MNIST claim at CI scale from the bundled
#      tarball) and their results.json equals, byte for byte, the same run of the ordinary published CLI with its own libtorch;
#   4. provenance names the external libtorch;  5. a libtorch lacking a symbol the shim imports is refused, one line, exit 2.
#   usage: deploy/gpu/e2e-cpu.sh PUBLISHED_CLI_DIR [WORK_DIR]     (PUBLISHED_CLI_DIR: `dotnet publish src/Verification.Cli -c Release -o DIR`)
set -euo pipefail
cd "$(dirname "$0")/../.."
published=$(cd "${1:?usage: e2e-cpu.sh PUBLISHED_CLI_DIR [WORK_DIR]}" && pwd)
work=${2:-$(mktemp -d)}
mkdir -p "$work" && work=$(cd "$work" && pwd)
start=$SECONDS
fail() { echo "gpu bundle e2e: $*" >&2; exit 1; }

bash deploy/gpu/bundle.sh "$work/out" | tail -1
mkdir -p "$work/node" && tar -xJf "$work/out/verification-gpu.tar.xz" -C "$work/node"
node="$work/node/verification-gpu"
nuget=${NUGET_PACKAGES:-$HOME/.nuget/packages}
ext="$work/node/torch-lib"
cp -r "$nuget/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native" "$ext"
run() { env -i HOME="$work/node" PATH=/usr/bin:/bin bash "$node/run.sh" --libtorch "$ext" "$@"; }

run --check --device cpu > "$work/check.log" || fail "run.sh --check failed: $(cat "$work/check.log")"
grep -q "device check passed" "$work/check.log" || fail "the device check did not pass"
echo "gpu bundle e2e: device check passed on the CPU with $ext"

selection=(--paper AM --paper LG --paper RG --paper SS --exclude SS.exact-solvers-agree)
code=0
run --device cpu --scale smoke --out "$work/bundle-smoke" > "$work/bundle-smoke.log" || code=$?
[ "$code" -eq 0 ] || fail "the bundle's smoke run exited $code: $(tail -3 "$work/bundle-smoke.log")"
"$published/Verification.Cli" verify --scale smoke "${selection[@]}" --out "$work/app-smoke" > /dev/null
cmp "$work/bundle-smoke/results.json" "$work/app-smoke/results.json" || fail "results.json differs between the external and the bundled libtorch (smoke)"
run --device cpu --scale ci --claim RG.mask-tied-to-weights --out "$work/bundle-mnist" > /dev/null || fail "the MNIST claim failed from the bundle"
"$published/Verification.Cli" verify --scale ci --claim RG.mask-tied-to-weights --out "$work/app-mnist" > /dev/null
cmp "$work/bundle-mnist/results.json" "$work/app-mnist/results.json" || fail "results.json differs between the external and the bundled libtorch (MNIST)"
grep -q "\"libtorchPath\": \"$ext\"" "$work/bundle-smoke/provenance.json" || fail "provenance.json does not name the external libtorch"
echo "gpu bundle e2e: $(grep -c '"id"' "$work/bundle-smoke/results.json") claims at smoke and RG.mask-tied-to-weights at CI from the bundle: results.json byte-identical to the published CLI's"

# A libtorch of another version: one export the shim needs, renamed in a copy of libc10.so.
bad="$work/node/torch-lib-bad"
cp -r "$ext" "$bad"
python3 - "$bad/libc10.so" <<'PY'
import sys
p = sys.argv[1]
data = bytearray(open(p, 'rb').read())
name = b'\0_ZN3c1019UndefinedTensorImpl10_singletonE\0'
at = data.find(name)
assert at >= 0, 'symbol not found'
data[at + len(name) - 2] ^= 0x20
open(p, 'wb').write(data)
PY
code=0
env -i HOME="$work/node" PATH=/usr/bin:/bin bash "$node/run.sh" --libtorch "$bad" --device cpu --scale smoke --out "$work/bad" 2> "$work/bad.err" > /dev/null || code=$?
[ "$code" -eq 2 ] || fail "a libtorch lacking a symbol should be refused with exit 2, got $code"
[ "$(wc -l < "$work/bad.err")" -eq 1 ] && grep -q "_ZN3c1019UndefinedTensorImpl10_singletonE" "$work/bad.err" || fail "the refusal is not one line naming the symbol: $(cat "$work/bad.err")"
[ ! -e "$work/bad" ] && [ ! -e "$work/bad.partial" ] || fail "a refused run wrote its output folder"
echo "gpu bundle e2e: refused a libtorch lacking a symbol: $(cat "$work/bad.err")"
echo "gpu bundle e2e: passed in $((SECONDS - start)) s"
