// The Node side of JsActorHarness (theater-benchmarks/README.md, "JavaScript actor"): the same component that
// Theater runs, transpiled by `jco transpile --instantiation async`, run by Node's own Wasm engine (V8), its
// handle-send called many times with the same payload, the state threaded from call to call as Theater threads it.
// theater:simple/runtime.log is a no-op that counts its calls; the other imports fail if called.
//
//   node handle-send-bench.mjs <transpiled dir> <name> calls=20000 warmup=2000 runs=5 payload=<text>
// Prints one line per run, a "PROBE calls" line for the harness and a "RESULT" line: the median of the runs'
// median per-call times, in µs.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, name, ...rest] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: node handle-send-bench.mjs <transpiled dir> <name> [calls=N] [warmup=N] [runs=N] [payload=TEXT]');
  process.exit(2);
}
const opts = Object.fromEntries(rest.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
const calls = Number(opts.calls ?? 20000);
const warmup = Number(opts.warmup ?? 2000);
const runs = Number(opts.runs ?? 5);
const payload = new TextEncoder().encode(opts.payload ?? 'the quick brown fox jumps over the lazy dog');

let logged = 0;
const unexpected = (fn) => () => { throw new Error(`the benchmark does not expect ${fn} to be called`); };
const runtime = {
  log: () => { logged++; },
  getState: unexpected('get-state'),
  getChain: unexpected('get-chain'),
  shutdown: unexpected('shutdown'),
};
const host = {};
for (const fn of ['send', 'request', 'openChannel', 'sendOnChannel', 'closeChannel', 'listOutstandingRequests',
  'respondToRequest', 'cancelRequest']) {
  host[fn] = unexpected(`message-server-host.${fn}`);
}

const started = process.hrtime.bigint();
const { instantiate } = await import(pathToFileURL(join(resolve(dir), `${name}.js`)).href);
const instance = await instantiate(
  async (file) => WebAssembly.compile(await readFile(join(resolve(dir), file))),
  { 'theater:simple/runtime': runtime, 'theater:simple/message-server-host': host },
);
const ready = Number(process.hrtime.bigint() - started) / 1e6;
const client = instance.messageServerClient ?? instance['theater:simple/message-server-client'];
let [state] = instance.actor.init(undefined, ['bench']);
console.log(`node ${process.version}: compiled and instantiated in ${ready.toFixed(0)} ms; init done`);

for (let i = 0; i < warmup; i++) {
  [state] = client.handleSend(state, [payload]);
}
const medians = [];
const means = [];
const times = new Float64Array(calls);
for (let r = 0; r < runs; r++) {
  const runStart = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    [state] = client.handleSend(state, [payload]);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const mean = Number(process.hrtime.bigint() - runStart) / 1000 / calls;
  means.push(mean);
  const sorted = Float64Array.from(times).sort();
  medians.push(sorted[Math.floor(calls / 2)]);
  console.log(`  run ${r}: p50 ${sorted[Math.floor(calls / 2)].toFixed(2)} µs, p99 ${sorted[Math.floor(calls * 0.99)].toFixed(2)} µs,`
    + ` mean ${mean.toFixed(2)} µs`);
}
const m = [...medians].sort((a, b) => a - b);
const median = m.length % 2 ? m[(m.length - 1) / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
// for JsActorHarness, which parses it as it parses its JVM probes' lines
console.log(`PROBE calls p50Us=${medians.map((x) => x.toFixed(2)).join(',')} meanUs=${means.map((x) => x.toFixed(2)).join(',')}`);
console.log(`node handle-send p50 RESULT: median ${median.toFixed(2)} µs (min ${m[0].toFixed(2)}, max`
  + ` ${m[m.length - 1].toFixed(2)}; runs [${medians.map((x) => x.toFixed(2)).join(', ')}]); log called ${logged} times;`
  + ` state ${state === undefined ? 'none' : state.length + ' bytes'}`);
