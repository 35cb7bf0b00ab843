// Writes the first core module (section id 1) of a component binary: until the engine runs components, the
// compile-cache measurement (compile-cache.sh) takes the JavaScript actor's big core module this way.
// usage: node extract-core-module.mjs component.wasm core.wasm
import { readFileSync, writeFileSync } from 'node:fs';
const [input, output] = process.argv.slice(2);
const b = readFileSync(input);
if (b.readUInt32LE(0) !== 0x6d736100 || b[4] !== 0x0d) throw new Error(input + ' is not a component');
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
while (p < b.length) {
  const id = b[p++]; const size = leb();
  if (id === 1) { writeFileSync(output, b.subarray(p, p + size)); console.log(output, size, 'bytes'); process.exit(0); }
  p += size;
}
throw new Error('no core module in ' + input);
