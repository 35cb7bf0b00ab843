#!/usr/bin/env bash
# kill -9 loop over `theater run`: starts the ping-pong example (pong, then ping, then ROUNDS x `--send
# ping=again`, so both chains grow all the time) with a fixed --home, kills it with SIGKILL at a random
# moment, and after every kill verifies every chain in the home twice: with theater-chain/tools/verify_chain.py
# and with Java (dev.theater.bench.crash.ChainCheck, ChainStore.verifyFile). A chain must verify, or end in a
# torn tail (the next start cuts it and records a chain/torn-tail-cut event); the two verifiers must agree.
# Anything else, or a start that fails by itself, is a failure. See theater-benchmarks/README.md.
#
# Environment (all optional):
#   KILLS=20            kills
#   SEED=1              seed of the kill moments (bash $RANDOM)
#   MIN_MS=1500 MAX_MS=6000  each kill comes this long after the start (uniform; a start takes ~2.5 s here)
#   TEAR_PERCENT=0      after this share of the kills, also cut one chain file short by 1-300 bytes, as a crash
#                       in the middle of a write leaves it (a SIGKILL alone almost never does: see the README)
#   ROUNDS=5000         `--send ping=again` per run (more than a run lives to see)
#   KILL_HOME=DIR       the Theater home (default: a new folder under /tmp); kept after the run
#   THEATER="cmd"       how to run theater (default: ./theater, which builds the distribution on first use)
#   BENCH_JAR=PATH      the benchmarks jar holding ChainCheck (default theater-benchmarks/target/benchmarks.jar)
# Exit status 0 when there was no failure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/find-jdk25.sh"
KILLS=${KILLS:-20}
SEED=${SEED:-1}
MIN_MS=${MIN_MS:-1500}
MAX_MS=${MAX_MS:-6000}
TEAR_PERCENT=${TEAR_PERCENT:-0}
ROUNDS=${ROUNDS:-5000}
KILL_HOME=${KILL_HOME:-$(mktemp -d /tmp/theater-kill-loop.XXXXXX)}
THEATER=${THEATER:-$root/theater}
BENCH_JAR=${BENCH_JAR:-$root/theater-benchmarks/target/benchmarks.jar}
RANDOM=$SEED

check() { "$JAVA_HOME/bin/java" -cp "$BENCH_JAR" dev.theater.bench.crash.ChainCheck "$@"; }
verdict() { printf '%s\n' "$1" | cut -d: -f1,2; } # the line without its detail

sends=()
for _ in $(seq 1 "$ROUNDS"); do sends+=(--send ping=again); done
manifests=("$root/examples/ping-pong/pong.toml" "$root/examples/ping-pong/ping.toml")
[ -f "$BENCH_JAR" ] || { echo "kill-loop: no $BENCH_JAR; build it first (see theater-benchmarks/README.md)" >&2; exit 2; }
mkdir -p "$KILL_HOME"
echo "kill-loop: home $KILL_HOME, $KILLS kills between $MIN_MS and $MAX_MS ms after each start, seed $SEED"

torn=0 failures=0 checks=0 tears=0
declare -A last_torn # per chain: the torn tail seen after the previous kill (a run killed before it opened the
                     # chains leaves it as it was: counted once)
for kill in $(seq 1 "$KILLS"); do
  # shellcheck disable=SC2086 # THEATER may be a command with arguments
  $THEATER run --home "$KILL_HOME" "${manifests[@]}" "${sends[@]}" >"$KILL_HOME/run-$kill.log" 2>&1 &
  pid=$!
  wait_ms=$((MIN_MS + (RANDOM * 32768 + RANDOM) % (MAX_MS - MIN_MS + 1)))
  sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
  else
    wait "$pid"; status=$?
    echo "kill $kill: FAILURE: theater run ended by itself (exit $status) before the kill: $(tail -n 3 "$KILL_HOME/run-$kill.log")"
    failures=$((failures + 1))
  fi
  files=("$KILL_HOME"/chains/*.chain)
  [ -e "${files[0]}" ] || { echo "kill $kill: after $wait_ms ms, no chain yet"; continue; }
  if [ $((RANDOM % 100)) -lt "$TEAR_PERCENT" ]; then
    victim=${files[$((RANDOM % ${#files[@]}))]}
    size=$(stat -c %s "$victim")
    cut_bytes=$((1 + RANDOM % 300))
    truncate -s $((size > cut_bytes + 8 ? size - cut_bytes : 8)) "$victim"
    tears=$((tears + 1))
    echo "kill $kill: tore $(basename "$victim"): cut $cut_bytes of its $size bytes"
  fi
  mapfile -t java < <(check "${files[@]}")
  line="kill $kill after $wait_ms ms:"
  for i in "${!files[@]}"; do
    f=${files[$i]}
    py=$(python3 "$root/theater-chain/tools/verify_chain.py" "$f")
    checks=$((checks + 1))
    name=$(basename "$f" .chain)
    [[ $(verdict "$py") == *": TORN_TAIL" ]] || last_torn[$name]=
    if [ "$(verdict "$py")" != "$(verdict "${java[$i]:-none}")" ]; then
      echo "kill $kill: FAILURE: $name: python says '$py', java says '${java[$i]:-nothing}'"
      failures=$((failures + 1))
    elif [[ $py == OK* ]]; then
      line="$line $name ${py#OK }"
      line=${line% head *}
    elif [[ $(verdict "$py") == *": TORN_TAIL" ]]; then
      line="$line $name torn tail (${py#BAD })"
      [ "${last_torn[$name]:-}" = "$py" ] || torn=$((torn + 1))
      last_torn[$name]=$py
    else
      echo "kill $kill: FAILURE: $name: $py"
      failures=$((failures + 1))
    fi
  done
  echo "$line"
done

# a last start opens every chain (cutting the torn tails left by the last kill) and stops by itself
# shellcheck disable=SC2086
$THEATER run --home "$KILL_HOME" "${manifests[@]}" --exit-after 500ms >"$KILL_HOME/run-final.log" 2>&1 \
  || { echo "final run: FAILURE: $(tail -n 3 "$KILL_HOME/run-final.log")"; failures=$((failures + 1)); }
files=("$KILL_HOME"/chains/*.chain)
for f in "${files[@]}"; do
  py=$(python3 "$root/theater-chain/tools/verify_chain.py" "$f") || { echo "final: FAILURE: $f: $py"; failures=$((failures + 1)); }
  echo "final: $(basename "$f" .chain): $py"
done
mapfile -t cuts < <(check --cuts "${files[@]}")
recorded=0
for c in "${cuts[@]}"; do recorded=$((recorded + c)); done
if [ "$recorded" -ne "$torn" ]; then # every torn tail is cut by the next start, which records it
  echo "FAILURE: $torn torn tails were found but $recorded chain/torn-tail-cut events recorded"
  failures=$((failures + 1))
fi
echo "kill-loop: $KILLS kills ($tears also tore a file), $checks chain checks (python and java each)," \
  "$torn torn tails found after a kill," \
  "$recorded chain/torn-tail-cut events recorded, $failures failures"
[ "$failures" -eq 0 ]
