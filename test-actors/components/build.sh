#!/usr/bin/env bash
# Rebuild the hand-written test components (test-actors/components/*.wat -> *.wasm) with `jco parse`
# (wasm-tools parse) from tools/components (npm ci --prefix tools/components). gen.py writes the .wat files.
#   test-actors/components/build.sh          rebuild and overwrite the committed .wasm files
#   test-actors/components/build.sh --check  rebuild into a temp dir; exit 1 naming each .wasm that differs
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JCO="${JCO:-$ROOT/tools/components/node_modules/.bin/jco}"
MODE=build
case "${1:-}" in
  "") ;;
  --check) MODE=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
[ -x "$JCO" ] || { echo "components/build.sh: $JCO not found (npm ci --prefix tools/components)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail=0
for wat in "$HERE"/*.wat; do
  name="$(basename "$wat" .wat)"
  "$JCO" parse "$wat" -o "$TMP/$name.wasm" >/dev/null
  if [ "$MODE" = check ]; then
    if cmp -s "$TMP/$name.wasm" "$HERE/$name.wasm"; then
      echo "ok      test-actors/components/$name.wasm"
    else
      echo "DIFFERS: test-actors/components/$name.wasm (rebuild with test-actors/components/build.sh)" >&2
      fail=1
    fi
  else
    cp "$TMP/$name.wasm" "$HERE/$name.wasm"
  fi
done
exit $fail
