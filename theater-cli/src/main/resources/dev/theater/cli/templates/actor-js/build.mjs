// Builds {{name}}.wasm, a WebAssembly component, from {{name}}.js and the world in wit/ with componentize-js
// (a SpiderMonkey-based JavaScript engine in the component; the script is pre-initialized into it).
// Every WASI feature of the engine is disabled, so the component imports only theater:simple: Theater gives an
// actor the world through its handlers, never through WASI. Run by ./build.sh (after `npm ci`).
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// componentize-js reads and writes files through preview2-shim, which since 0.26 preopens nothing by default.
_setPreopens({ '/': '/' });
const { componentize } = await import('@bytecodealliance/componentize-js');

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, '{{name}}.wasm');
const started = Date.now();
const { component, imports } = await componentize({
  sourcePath: join(here, '{{name}}.js'),
  witPath: join(here, 'wit'),
  worldName: '{{name}}',
  disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
});
await writeFile(out, component);
const used = imports.map(([iface, fn]) => `${iface}.${fn}`).join(', ');
console.log(`build.sh: built {{name}}.wasm (${component.length} bytes in ${Date.now() - started} ms; imports ${used})`);
