#!/usr/bin/env bash
# Builds TorchSharp 0.107.0's native shim (libLibTorchSharp.so) from its own source (third_party/TorchSharp-0.107.0-native,
# MIT) against an installed torch, for when `verify --libtorch DIR` refuses that libtorch (missing symbols): the shipped
# shim was linked against libtorch 2.10. Needs g++ (C++17) and the torch's headers; no CMake, no network, no CUDA
# toolkit (the shim includes no CUDA headers beyond torch/cuda.h). One compiler process per source file, in parallel.
#   usage: deploy/gpu/build-shim.sh TORCH_DIR OUT_DIR [JOBS]
#     TORCH_DIR  a torch installation with include/ and lib/ (a pip torch: .../site-packages/torch)
#     OUT_DIR    where libLibTorchSharp.so is written (the app folder, replacing the shipped one)
# Expect a few source fixes if the torch is newer than 2.10 and changed an API the shim uses: the compiler's errors name them.
set -euo pipefail
torch=${1:?usage: build-shim.sh TORCH_DIR OUT_DIR [JOBS]}
out=${2:?usage: build-shim.sh TORCH_DIR OUT_DIR [JOBS]}
jobs=${3:-$(nproc)}
here=$(cd "$(dirname "$0")/../.." && pwd)
src="$here/third_party/TorchSharp-0.107.0-native/src/Native"
for need in "$torch/include/torch/torch.h" "$torch/include/torch/csrc/api/include/torch/torch.h" "$torch/lib/libtorch_cpu.so" "$torch/lib/libc10.so"; do
  [ -e "$need" ] || { echo "build-shim: $need not found: give a torch installation folder with include/ and lib/ (e.g. site-packages/torch)" >&2; exit 2; }
done
command -v g++ > /dev/null || { echo "build-shim: g++ not found (C++17 compiler needed)" >&2; exit 2; }
# The C++ ABI must be libtorch's: its std::string symbols carry __cxx11 under the new ABI.
if grep -aq '__cxx11' "$torch/lib/libc10.so"; then abi=1; else abi=0; fi
mkdir -p "$out"
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
flags=(-O2 -fPIC -fvisibility=hidden -fstack-protector-strong -D_GLIBCXX_USE_CXX11_ABI=$abi -D_NO_ASYNCRTIMP -D_NO_PPLXIMP -D__LINUX__
       -I"$src" -I"$src/LibTorchSharp" -I"$torch/include" -I"$torch/include/torch/csrc/api/include" -w)
start=$SECONDS
printf '%s\n' "$src"/LibTorchSharp/*.cpp | xargs -P "$jobs" -I{} sh -c 'g++ -std=c++17 "$@" -c "{}" -o "'"$obj"'/$(basename "{}" .cpp).o" || { echo "build-shim: compiling $(basename "{}") failed" >&2; exit 255; }' _ "${flags[@]}"
gcc -O2 -fPIC -fvisibility=hidden -c "$src/LibTorchSharp/crc32c.c" -o "$obj/crc32c.o"
g++ -shared -o "$obj/libLibTorchSharp.so" "$obj"/*.o -L"$torch/lib" -ltorch -ltorch_cpu -lc10 \
  -Wl,-Bsymbolic -Wl,-Bsymbolic-functions -Wl,--build-id=sha1 -Wl,-rpath,'$ORIGIN'
mv "$obj/libLibTorchSharp.so" "$out/libLibTorchSharp.so"
echo "build-shim: $out/libLibTorchSharp.so built against $torch (C++11 ABI $abi) in $((SECONDS - start)) s with $jobs jobs"
