// The reference host of the conformance test: transpiles a component with jco (into a temp folder), instantiates
// it under Node with a recording kitchen-host, runs a call script and writes the transcript.
//
//   node tools/components/conformance/run.mjs <component.wasm> <calls.json> <transcript.json>
//
// Formats: README.md here. Exit status 0 when the transcript is written (also when calls trapped: a trap is
// recorded in the transcript), 1 on a bad script or a failed transpile/instantiation, 2 on bad usage.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { fromJs, toJs } from './wit-json.mjs';
import { exportFunctions, hostFunctions, hostRules } from './kitchen-sink.mjs';

const args = process.argv.slice(2);
if (args.length !== 3) {
  console.error('usage: node run.mjs <component.wasm> <calls.json> <transcript.json>');
  process.exit(2);
}
const [componentPath, scriptPath, outPath] = args.map((a) => resolve(a));

function die(msg) {
  console.error(`conformance runner: ${msg}`);
  process.exit(1);
}

let script;
try {
  script = JSON.parse(await readFile(scriptPath, 'utf8'));
} catch (e) {
  die(`cannot read the call script ${scriptPath}: ${e.message}`);
}
if (!Array.isArray(script.calls) || !Array.isArray(script['host-items'])) {
  die(`${scriptPath}: expected {"host-items": [...], "calls": [...]}`);
}

const work = await mkdtemp(join(tmpdir(), 'theater-conformance-'));
try {
  let files;
  try {
    ({ files } = await transpileBytes(await readFile(componentPath), { name: 'component', instantiation: 'async' }));
  } catch (e) {
    die(`jco transpile of ${componentPath} failed: ${e && e.message ? e.message : e}`);
  }
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(work, name)), { recursive: true });
    await writeFile(join(work, name), bytes);
  }
  const { instantiate } = await import(pathToFileURL(join(work, 'component.js')).href);

  // The host calls of the current export call, in order.
  let hostCalls = [];
  const rules = hostRules(script['host-items']);
  const host = {};
  for (const [fn, sig] of Object.entries(hostFunctions)) {
    host[fn] = (...jsArgs) => {
      const json = sig.params.map(([p, type], i) => fromJs(type, jsArgs[i], `${fn}.${p}`));
      const result = rules[fn](json);
      hostCalls.push({ function: fn, args: json, result });
      return toJs(sig.result, result, `${fn} result`);
    };
  }
  const root = await instantiate(
    async (name) => WebAssembly.compile(await readFile(join(work, name))),
    { 'theater:test/kitchen-host': host });
  const kitchen = root['theater:test/kitchen'] || root.kitchen;

  const transcript = [];
  for (const [index, call] of script.calls.entries()) {
    const sig = exportFunctions[call.function];
    if (!sig) die(`${scriptPath}: call ${index}: unknown function ${JSON.stringify(call.function)}`);
    if (!Array.isArray(call.args) || call.args.length !== sig.params.length) {
      die(`${scriptPath}: call ${index} (${call.function}): expected ${sig.params.length} args`);
    }
    let jsArgs;
    try {
      jsArgs = sig.params.map(([p, type], i) => toJs(type, call.args[i], `call ${index} (${call.function}).${p}`));
    } catch (e) {
      die(`${scriptPath}: ${e.message}`);
    }
    hostCalls = [];
    const entry = { index, function: call.function };
    try {
      const value = kitchen[sig.jsName](...jsArgs);
      entry.host = hostCalls;
      entry.result = fromJs(sig.result, value, `call ${index} (${call.function}) result`);
    } catch (e) {
      // a trap (or a value jco refused); the message is the engine's and is not compared
      entry.host = hostCalls;
      entry.error = 'trap';
      console.error(`call ${index} (${call.function}) failed: ${e && e.message ? e.message : e}`);
    }
    transcript.push(entry);
  }
  // one entry per line, so that a diff of two transcripts reads call by call
  await writeFile(outPath, '[\n' + transcript.map((e) => JSON.stringify(e)).join(',\n') + '\n]\n');
  console.error(`conformance runner: ${transcript.length} calls, ${transcript.filter((e) => e.error).length} failed; transcript ${outPath}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
