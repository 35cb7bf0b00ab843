// Wraps a core Wasm module into a component: wasm-tools' `component embed` (the WIT world as a custom section)
// then `component new`, through jco's bundled wasm-tools (the steps `jco embed` + `jco new` run).
//
//   node tools/components/wrap.mjs <core.wasm> <wit-folder> <world> <out.component.wasm>
//
// The jco CLI cannot do this with preview2-shim 0.26.1: the shim no longer preopens `/`, so the wasm-tools
// component it runs sees no files ("No such file or directory (os error 44)"). Preopening `/` before jco's
// wasm-tools module is first loaded gives it the host file system again.
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

_setPreopens({ '/': '/' });
const { componentEmbed, componentNew } = await import('@bytecodealliance/jco-transpile/wasm-tools');

const args = process.argv.slice(2);
if (args.length !== 4) {
  console.error('usage: node wrap.mjs <core.wasm> <wit-folder> <world> <out.component.wasm>');
  process.exit(2);
}
const [core, wit, world, out] = args;

// wasm-tools errors arrive as strings or ComponentErrors without the file; name the step and the inputs.
async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    const detail = e && e.payload !== undefined ? e.payload : (e && e.message) || String(e);
    console.error(`wrap: ${what} failed: ${detail}`);
    process.exit(1);
  }
}

const bytes = await step(`reading ${core}`, () => readFile(core));
const embedded = await step(`component embed of ${core} with world '${world}' of ${wit}`,
  () => componentEmbed({ binary: bytes, witPath: resolve(wit), world }));
const component = await step(`component new of ${core}`, () => componentNew(embedded, []));
await step(`writing ${out}`, () => writeFile(out, component));
