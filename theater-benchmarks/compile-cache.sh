#!/usr/bin/env sh
# First and later starts of one module in fresh JVMs, with and without the compile cache (README: "Compile cache").
# usage: theater-benchmarks/compile-cache.sh MODULE.wasm [WARM_RUNS]
# env:   DIST  the distribution folder (default theater-cli/target/theater), JAVA (default Temurin 25),
#        HANDLERS the manifest's handler types (default "runtime message-server"), WORK a scratch folder.
# Each start is `theater run --exit-after 100ms --send actor=hello` of a manifest naming the module, in a new JVM;
# it prints wall time, peak RSS (GNU time) and what the engine logged about the compile or the cache load.
set -eu
module=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
warm=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
dist=${DIST:-$here/theater-cli/target/theater}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
work=${WORK:-$(mktemp -d)}
handlers=${HANDLERS:-runtime message-server}
[ -f "$dist/lib/theater-cli-0.1.0-SNAPSHOT.jar" ] || { echo "no distribution at $dist (build theater-cli, set DIST)" >&2; exit 1; }
cp "$module" "$work/actor.wasm"
{ echo 'name = "actor"'; echo 'component_path = "actor.wasm"'
  for h in $handlers; do echo '[[handlers]]'; echo "type = \"$h\""; done; } > "$work/actor.toml"

start() { # LABEL HOME [run options]: one fresh JVM
  label=$1; home=$2; shift 2
  THEATER_LOG=FINE /usr/bin/time -f "time: %e s wall, %M KB max RSS" "$java" --module-path "$dist/lib" \
    -m dev.theater.cli/dev.theater.cli.TheaterCommand run --home "$home" --exit-after 100ms "$@" \
    --send actor=hello "$work/actor.toml" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  wall=$(sed -n 's/^time: \([0-9.]*\) s wall.*/\1/p' "$work/out.txt")
  rss=$(sed -n 's/.*, \([0-9]*\) KB max RSS/\1/p' "$work/out.txt")
  what=$(grep -o -e 'compiled [0-9]* functions in [0-9]* ms ([0-9]* passes)' -e 'loaded from the compile cache (.*) in [0-9]* ms' \
    -e '[0-9]* of [0-9]* functions run interpreted' "$work/out.txt" | sed 's/ (\/[^)]*)//' | awk '!seen[$0]++' | tr '\n' ';' || true)
  printf '%-14s %8s s %7s MB  %s\n' "$label" "$wall" "$((rss / 1024))" "$what"
}

echo "module: $module ($(wc -c < "$module") bytes), distribution: $dist"
printf '%-14s %10s %10s  %s\n' run wall "max RSS" "engine"
start "first (cold)" "$work/home"
i=1; while [ "$i" -le "$warm" ]; do start "second #$i" "$work/home"; i=$((i + 1)); done
start "no cache" "$work/home-off" --no-compile-cache
echo "cache: $(du -sh "$work/home/cache/compiled" | cut -f1) in $work/home/cache/compiled"
