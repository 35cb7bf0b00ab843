#!/usr/bin/env bash
# Rebuilds runtime-probe.wasm with the flags of test-actors/build.sh (same clang 14 output).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMMON="$(cd "$HERE/../../../../../../test-actors/common" && pwd)"
cd "$HERE"
clang --target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -g0 -fno-ident -Wall -Werror -Wno-unused-function \
  -I "$COMMON" -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=16384 -Wl,--initial-memory=65536 \
  runtime-probe.c -o runtime-probe.wasm
echo "built $HERE/runtime-probe.wasm ($(wc -c < runtime-probe.wasm) bytes)"
