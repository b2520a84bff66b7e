#!/usr/bin/env bash
# Runs verify on a GPU node from the offline bundle (deploy/gpu/bundle.sh), against the node's own libtorch.
#   ./run.sh [--libtorch DIR] [verify options...]      default: --device cuda, every claim the bundle carries
#   ./run.sh --check [--libtorch DIR] [--device cuda]  the device check only (tensor on the device, matmul vs CPU, switches)
# DIR defaults to $VERIFICATION_LIBTORCH, else the lib folder of the torch that `python3 -c "import torch"` finds.
# If verify refuses the libtorch (symbols missing), build the shim against it: deploy/gpu/build-shim.sh TORCH_DIR app
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_ROOT="$here/dotnet" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export VERIFICATION_CACHE=${VERIFICATION_CACHE:-$here/cache}
check=false
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=true ;;
    --libtorch) VERIFICATION_LIBTORCH=$2; shift ;;
    --libtorch=*) VERIFICATION_LIBTORCH=${1#--libtorch=} ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ -z "${VERIFICATION_LIBTORCH:-}" ]; then
  for py in python3 /opt/torch/.venv/bin/python; do
    VERIFICATION_LIBTORCH=$("$py" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2> /dev/null) && break
  done
fi
[ -n "${VERIFICATION_LIBTORCH:-}" ] || { echo "run.sh: no libtorch: give --libtorch DIR (e.g. .../site-packages/torch/lib)" >&2; exit 2; }
export VERIFICATION_LIBTORCH
has() { for a in "${args[@]}"; do case "$a" in "$1"|"$1"=*) return 0 ;; esac; done; return 1; }
has --device || args+=(--device cuda)
if $check; then exec "$here/dotnet/dotnet" "$here/app/Verification.Cli.dll" verify device "${args[@]}"; fi
# Claims: all but those that need OR-Tools, which the bundle leaves out.
if ! has --claim && ! has --paper && ! has --list && ! has --resume; then args+=(--paper AM --paper LG --paper RG --paper SS --exclude SS.exact-solvers-agree); fi
exec "$here/dotnet/dotnet" "$here/app/Verification.Cli.dll" verify "${args[@]}"
