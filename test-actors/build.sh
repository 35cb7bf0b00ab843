#!/usr/bin/env bash
# Rebuild every guest in test-actors/*/ and examples/*/ (each <dir>/<name>/<name>.c
# -> <dir>/<name>/<name>.wasm; in a folder without <name>.c, each <x>.c -> <x>.wasm)
# byte-identically.
#   test-actors/build.sh          rebuild and overwrite the committed .wasm files
#   test-actors/build.sh --check  rebuild into a temp dir; exit 1 naming every
#                                 committed .wasm that differs (or is missing)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CLANG="${CLANG:-clang}"

MODE=build
case "${1:-}" in
  "") ;;
  --check) MODE=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

command -v "$CLANG" >/dev/null || { echo "build.sh: $CLANG not found" >&2; exit 2; }
command -v wasm-ld >/dev/null || { echo "build.sh: wasm-ld not found" >&2; exit 2; }
echo "build.sh: using $("$CLANG" --version | head -n1)"

# Fixed flags. No debug info; --strip-all drops the name/producers sections;
# exports keep their names. 1-page (64 KiB) initial memory with a 16 KiB shadow
# stack; the bump allocator grows memory on demand. No maximum memory.
# -I ../../sdk/c: the C guest SDK (sdk/c), relative to the guest folder
# (every guest sits two levels below the repo root), so no path of this machine
# can end up in the output.
CFLAGS=(--target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -g0
        -fno-ident -Wall -Werror -Wno-unused-function
        -I ../../sdk/c)
LDFLAGS=(-Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=16384
         -Wl,--initial-memory=65536)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fail=0
for src in "$ROOT"/test-actors/*/*.c "$ROOT"/examples/*/*.c; do
  [ -e "$src" ] || continue
  dir="$(dirname "$src")"
  folder="$(basename "$dir")"
  name="$(basename "$src" .c)"
  # a folder with <folder>.c builds only that file; a folder without one (e.g.
  # examples/ping-pong: ping.c, pong.c) builds each of its .c files as a guest
  [ "$name" = "$folder" ] || [ ! -e "$dir/$folder.c" ] || continue
  rel="${dir#"$ROOT"/}"
  out="$TMP/$name.wasm"
  # compile from inside the guest folder with relative file names
  (cd "$dir" && "$CLANG" "${CFLAGS[@]}" "${LDFLAGS[@]}" "$name.c" -o "$out")
  committed="$dir/$name.wasm"
  if [ "$MODE" = check ]; then
    if ! cmp -s "$out" "$committed"; then
      echo "DIFFERS: $rel/$name.wasm (rebuild with test-actors/build.sh)" >&2
      fail=1
    else
      echo "ok      $rel/$name.wasm ($(wc -c <"$out") bytes)"
    fi
  else
    cp "$out" "$committed"
    echo "built   $rel/$name.wasm ($(wc -c <"$out") bytes)"
  fi
done
exit $fail
