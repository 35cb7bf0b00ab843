#!/usr/bin/env sh
# Builds {{name}}.wasm from {{name}}.c: clang for wasm32 with the Theater C guest SDK, the flags Theater
# builds its own guests with (test-actors/build.sh). Needs clang and lld (Debian: clang lld).
#   THEATER_SDK  the SDK folder, the one holding theater.h (default: the distribution that made this folder)
#   CLANG        the compiler (default: clang)
set -eu
cd "$(dirname "$0")"
sdk="${THEATER_SDK:-{{sdk}}}"
clang="${CLANG:-clang}"
[ -f "$sdk/theater.h" ] || { echo "build.sh: no theater.h in $sdk; set THEATER_SDK to the SDK folder (sdk/c)" >&2; exit 2; }
command -v "$clang" >/dev/null 2>&1 || { echo "build.sh: $clang not found; install clang and lld" >&2; exit 2; }
"$clang" --target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -g0 -fno-ident \
  -Wall -Werror -Wno-unused-function -I "$sdk" \
  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=16384 -Wl,--initial-memory=65536 \
  {{name}}.c -o {{name}}.wasm
echo "build.sh: built {{name}}.wasm"
