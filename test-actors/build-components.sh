#!/usr/bin/env bash
# Wrap the committed core modules of the guests listed below into components, with jco's bundled wasm-tools
# (`component embed` with the guest's world, then `component new`): test-actors/<g>/<g>.wasm ->
# test-actors/<g>/<g>.component.wasm. Which guests and why only these: test-actors/README.md, "Component forms".
#   test-actors/build-components.sh          wrap and overwrite the committed .component.wasm files
#   test-actors/build-components.sh --check  wrap into a temp dir; exit 1 naming every committed
#                                            .component.wasm that differs (or is missing)
# Needs node and the pinned tools: npm ci --prefix tools/components
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TOOLS="$ROOT/tools/components"

MODE=build
case "${1:-}" in
  "") ;;
  --check) MODE=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

command -v node >/dev/null || { echo "build-components.sh: node not found (Node 20+ is needed)" >&2; exit 2; }
[ -d "$TOOLS/node_modules/@bytecodealliance/jco" ] || {
  echo "build-components.sh: $TOOLS/node_modules is missing; run: npm ci --prefix tools/components" >&2; exit 2; }
echo "build-components.sh: node $(node --version), jco $(node -p "require('$TOOLS/node_modules/@bytecodealliance/jco/package.json').version")"

# guest  world. The world is in the guest's own <g>.wit, or in its component-world.wit when the guest uses only
# theater:simple interfaces. Only guests that export every function of each interface they export can be
# components (a component instance export must have the interface's whole type).
GUESTS=(
  "echo         echo-guest"
  "wide         wide-guest"
  "runaway      runaway-guest"
  "kitchen-sink kitchen-sink"
  "ms-echo      ms-echo"
  "sdk-probe    sdk-probe"
  "bench-timer  bench-timer"
)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fail=0
for entry in "${GUESTS[@]}"; do
  read -r g world <<<"$entry"
  dir="$HERE/$g"
  # Only *.wit files: the guest folder holds .c/.wasm, and wit/ also holds pom.xml and src/, which the WIT
  # parser would try to read. theater:simple goes in as a dependency package.
  wit="$TMP/$g/wit"
  mkdir -p "$wit/deps/theater-simple"
  cp "$dir"/*.wit "$wit/"
  cp "$ROOT"/wit/*.wit "$wit/deps/theater-simple/"
  out="$TMP/$g/$g.component.wasm"
  node "$TOOLS/wrap.mjs" "$dir/$g.wasm" "$wit" "$world" "$out"
  committed="$dir/$g.component.wasm"
  if [ "$MODE" = check ]; then
    if ! cmp -s "$out" "$committed"; then
      echo "DIFFERS: test-actors/$g/$g.component.wasm (rewrap with test-actors/build-components.sh)" >&2
      fail=1
    else
      echo "ok      test-actors/$g/$g.component.wasm ($(wc -c <"$out") bytes)"
    fi
  else
    cp "$out" "$committed"
    echo "wrapped test-actors/$g/$g.component.wasm ($(wc -c <"$out") bytes)"
  fi
done
exit $fail
