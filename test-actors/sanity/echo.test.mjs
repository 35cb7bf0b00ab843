// Sanity/property check of the echo guest under Node's WebAssembly engine:
//   node test-actors/sanity/echo.test.mjs
// Generates random descriptors and values, lowers them with an independent JS
// implementation of the canonical ABI, calls echo#copy and checks the copy.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const here = new URL('..', import.meta.url);
const bytes = readFileSync(new URL('echo/echo.wasm', here));
const { instance } = await WebAssembly.instantiate(bytes, {});
const ex = instance.exports;
const mem = () => new DataView(ex.memory.buffer);
const enc = new TextEncoder();

let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

function alignTo(x, a) { return Math.ceil(x / a) * a; }
function discSize(n) { return n <= 256 ? 1 : n <= 65536 ? 2 : 4; }

// type model: {k, ...}
function genType(depth) {
  const prims = 'zbBhHiIlLfdcs';
  const c = depth > 3 ? 0 : rnd(10);
  if (c < 5) return { k: prims[rnd(prims.length)] };
  switch (rnd(8)) {
    case 0: return { k: '[', e: genType(depth + 1) };
    case 1: return { k: '?', e: genType(depth + 1) };
    case 2: return { k: 'r', ok: rnd(3) ? genType(depth + 1) : null, err: rnd(3) ? genType(depth + 1) : null };
    case 3: { const n = 1 + rnd(4); return { k: '(', f: Array.from({ length: n }, () => genType(depth + 1)) }; }
    case 4: { const n = 1 + rnd(4); return { k: '<', c: Array.from({ length: n }, () => rnd(3) ? genType(depth + 1) : null) }; }
    case 5: return { k: 'e', n: [1, 2, 255, 256, 257, 65536, 65537][rnd(7)] };
    case 6: return { k: 'F', n: 1 + rnd(32) };
    default: return { k: 's' };
  }
}
function desc(t) {
  const x = (t) => t ? desc(t) : '_';
  switch (t.k) {
    case '[': case '?': return t.k + desc(t.e);
    case 'r': return 'r' + x(t.ok) + x(t.err);
    case '(': return '(' + t.f.length + ':' + t.f.map(desc).join('');
    case '<': return '<' + t.c.length + ':' + t.c.map(x).join('');
    case 'e': case 'F': return t.k + t.n + ':';
    default: return t.k;
  }
}
function cases(t) {
  if (t.k === '?') return [null, t.e];
  if (t.k === 'r') return [t.ok, t.err];
  return t.c;
}
function sa(t) {
  switch (t.k) {
    case 'z': case 'b': case 'B': return [1, 1];
    case 'h': case 'H': return [2, 2];
    case 'i': case 'I': case 'f': case 'c': return [4, 4];
    case 'l': case 'L': case 'd': return [8, 8];
    case 's': case '[': return [8, 4];
    case '(': { let s = 0, a = 1; for (const f of t.f) { const [fs, fa] = sa(f); s = alignTo(s, fa) + fs; a = Math.max(a, fa); } return [alignTo(s, a), a]; }
    case 'e': { const d = discSize(t.n); return [d, d]; }
    case 'F': { const s = t.n <= 8 ? 1 : t.n <= 16 ? 2 : 4; return [s, s]; }
    default: { // variant-like
      const cs = cases(t); const d = discSize(cs.length);
      let ma = 1, ms = 0; for (const c of cs) if (c) { const [s, a] = sa(c); ma = Math.max(ma, a); ms = Math.max(ms, s); }
      const a = Math.max(d, ma); return [alignTo(alignTo(d, ma) + ms, a), a];
    }
  }
}
function payloadOff(t) { const cs = cases(t); let ma = 1; for (const c of cs) if (c) ma = Math.max(ma, sa(c)[1]); return alignTo(discSize(cs.length), ma); }
function genVal(t) {
  switch (t.k) {
    case 'z': return rnd(2);
    case 'b': case 'B': return rnd(256);
    case 'h': case 'H': return rnd(65536);
    case 'i': case 'I': case 'f': return (rnd(65536) << 16 | rnd(65536)) >>> 0;
    case 'l': case 'L': case 'd': return (BigInt(rnd(1 << 30)) << 34n) | BigInt(rnd(1 << 30));
    case 'c': { const pool = [0, 0x41, 0xe9, 0xd7ff, 0xe000, 0x1f600, 0x10ffff]; return pool[rnd(pool.length)]; }
    case 's': return ['', 'a', 'héllo', '😀x', 'ünïcödé ✓'][rnd(5)];
    case '[': return Array.from({ length: rnd(4) }, () => genVal(t.e));
    case '(': return t.f.map(genVal);
    case 'e': return rnd(t.n);
    case 'F': return t.n === 32 ? (rnd(65536) << 16 | rnd(65536)) >>> 0 : rnd(2 ** Math.min(t.n, 30));
    default: { const cs = cases(t); const d = rnd(cs.length); return { d, v: cs[d] ? genVal(cs[d]) : null }; }
  }
}
function alloc(size, align) { return ex.cabi_realloc(0, 0, align, size) >>> 0; }
function store(t, v, p) {
  const m = mem();
  switch (t.k) {
    case 'z': case 'b': case 'B': m.setUint8(p, v); return;
    case 'h': case 'H': m.setUint16(p, v, true); return;
    case 'i': case 'I': case 'f': case 'c': m.setUint32(p, v, true); return;
    case 'l': case 'L': case 'd': m.setBigUint64(p, v, true); return;
    case 'e': case 'F': { const s = sa(t)[0]; if (s === 1) m.setUint8(p, v); else if (s === 2) m.setUint16(p, v, true); else m.setUint32(p, v, true); return; }
    case 's': { const b = enc.encode(v); const q = alloc(b.length, 1); new Uint8Array(ex.memory.buffer).set(b, q); mem().setUint32(p, q, true); mem().setUint32(p + 4, b.length, true); return; }
    case '[': { const [es, ea] = sa(t.e); const q = alloc(es * v.length, ea); v.forEach((x, i) => store(t.e, x, q + i * es)); mem().setUint32(p, q, true); mem().setUint32(p + 4, v.length, true); return; }
    case '(': { let o = 0; t.f.forEach((f, i) => { const [fs, fa] = sa(f); o = alignTo(o, fa); store(f, v[i], p + o); o += fs; }); return; }
    default: { const cs = cases(t); const d = discSize(cs.length); if (d === 1) m.setUint8(p, v.d); else if (d === 2) m.setUint16(p, v.d, true); else m.setUint32(p, v.d, true); if (cs[v.d]) store(cs[v.d], v.v, p + payloadOff(t)); }
  }
}
const ptrs = new Set();
function load(t, p, collect) {
  const m = mem();
  switch (t.k) {
    case 'z': case 'b': case 'B': return m.getUint8(p);
    case 'h': case 'H': return m.getUint16(p, true);
    case 'i': case 'I': case 'f': case 'c': return m.getUint32(p, true);
    case 'l': case 'L': case 'd': return m.getBigUint64(p, true);
    case 'e': case 'F': { const s = sa(t)[0]; return s === 1 ? m.getUint8(p) : s === 2 ? m.getUint16(p, true) : m.getUint32(p, true); }
    case 's': { const q = m.getUint32(p, true), n = m.getUint32(p + 4, true); collect.push(q); return new TextDecoder().decode(new Uint8Array(ex.memory.buffer, q, n)); }
    case '[': { const q = m.getUint32(p, true), n = m.getUint32(p + 4, true); collect.push(q); const [es] = sa(t.e); return Array.from({ length: n }, (_, i) => load(t.e, q + i * es, collect)); }
    case '(': { let o = 0; return t.f.map((f) => { const [fs, fa] = sa(f); o = alignTo(o, fa); const r = load(f, p + o, collect); o += fs; return r; }); }
    default: { const cs = cases(t); const ds = discSize(cs.length); const d = ds === 1 ? m.getUint8(p) : ds === 2 ? m.getUint16(p, true) : m.getUint32(p, true); return { d, v: cs[d] ? load(cs[d], p + payloadOff(t), collect) : null }; }
  }
}
function callStr(fn, s, ...rest) { const b = enc.encode(s); const q = alloc(b.length, 1); new Uint8Array(ex.memory.buffer).set(b, q); return fn(q, b.length, ...rest); }

// fixed size-align expectations
const fixed = { 'z': [1, 1], 's': [8, 4], '?z': [2, 1], '?s': [12, 4], '?l': [16, 8], 'r__': [1, 1], 'ri_': [8, 4],
  '(3:bld': [24, 8], '<3:_h_': [4, 2], 'e256:': [1, 1], 'e257:': [2, 2], 'e65537:': [4, 4], 'F8:': [1, 1], 'F9:': [2, 2], 'F17:': [4, 4], 'F32:': [4, 4],
  '(2:[ss': [16, 4], 'r(2:Bh)?c': [0, 0] };
for (const [d, [s, a]] of Object.entries(fixed)) {
  ex['theater:test/echo#reset']();
  if (s === 0) { assert.throws(() => callStr(ex['theater:test/echo#size-align'], d)); continue; }
  const r = callStr(ex['theater:test/echo#size-align'], d);
  assert.deepEqual([Number(r >> 32n), Number(r & 0xffffffffn)], [s, a], d);
}
for (const bad of ['', 'x', '(0:', '(1:', 'F33:', 'F0:', 'e0:', 'zz', '[', '?', 'r_', '<2:_', '(01:z', 'e1', '(4294967296:z', '(4294967295:z', '<1073741824:_']) {
  ex['theater:test/echo#reset']();
  assert.throws(() => callStr(ex['theater:test/echo#size-align'], bad), WebAssembly.RuntimeError, 'descriptor ' + JSON.stringify(bad));
}
// invalid values trap
for (const [d, setup] of [['z', (p) => mem().setUint8(p, 2)], ['c', (p) => mem().setUint32(p, 0xd800, true)], ['c', (p) => mem().setUint32(p, 0x110000, true)],
  ['?z', (p) => mem().setUint8(p, 2)], ['e3:', (p) => mem().setUint8(p, 3)], ['F3:', (p) => mem().setUint8(p, 8)],
  ['s', (p) => { const q = alloc(2, 1); mem().setUint8(q, 0xc3); mem().setUint8(q + 1, 0x28); mem().setUint32(p, q, true); mem().setUint32(p + 4, 2, true); }],
  ['s', (p) => { const q = alloc(3, 1); mem().setUint8(q, 0xed); mem().setUint8(q + 1, 0xa0); mem().setUint8(q + 2, 0x80); mem().setUint32(p, q, true); mem().setUint32(p + 4, 3, true); }]]) {
  ex['theater:test/echo#reset']();
  const p = alloc(16, 8); setup(p);
  assert.throws(() => callStr(ex['theater:test/echo#copy'], d, p), WebAssembly.RuntimeError, 'value for ' + d);
}
// property run
let n = 0;
for (let i = 0; i < 3000; i++) {
  ex['theater:test/echo#reset']();
  const t = genType(0); const d = desc(t); const [s, a] = sa(t);
  const r = callStr(ex['theater:test/echo#size-align'], d);
  assert.deepEqual([Number(r >> 32n), Number(r & 0xffffffffn)], [s, a], d);
  const v = genVal(t);
  const p = alloc(s, a); store(t, v, p);
  const srcPtrs = []; const before = load(t, p, srcPtrs);
  const q = callStr(ex['theater:test/echo#copy'], d, p) >>> 0;
  assert.equal(q % a, 0);
  const dstPtrs = []; const after = load(t, q, dstPtrs);
  assert.deepEqual(after, before, d);
  for (const x of dstPtrs) assert.ok(!srcPtrs.includes(x), 'pointer reused in ' + d);
  assert.equal(new Set(dstPtrs).size, dstPtrs.length, 'duplicate new pointers in ' + d);
  n++;
}
console.log(`echo: fixed size-align, malformed descriptors, invalid values and ${n} random round trips OK`);

// memory growth: list<u64> of 100000 elements (800 KB) from a 1-page start
{
  ex['theater:test/echo#reset']();
  const n = 100000; const lp = alloc(8 * n, 8);
  for (let i = 0; i < n; i++) mem().setBigUint64(lp + 8 * i, BigInt(i) * 0x100000001n, true);
  const p = alloc(8, 4); mem().setUint32(p, lp, true); mem().setUint32(p + 4, n, true);
  const q = callStr(ex['theater:test/echo#copy'], '[L', p) >>> 0;
  const np = mem().getUint32(q, true);
  assert.equal(mem().getUint32(q + 4, true), n); assert.notEqual(np, lp);
  for (let i = 0; i < n; i += 997) assert.equal(mem().getBigUint64(np + 8 * i, true), BigInt(i) * 0x100000001n);
  // misaligned list pointer and out-of-bounds list trap
  mem().setUint32(p, lp + 4, true);
  assert.throws(() => callStr(ex['theater:test/echo#copy'], '[L', p), WebAssembly.RuntimeError);
  mem().setUint32(p, lp, true); mem().setUint32(p + 4, 0x10000000, true);
  assert.throws(() => callStr(ex['theater:test/echo#copy'], '[L', p), WebAssembly.RuntimeError);
  console.log('echo: growth to', ex.memory.buffer.byteLength / 65536, 'pages OK; misaligned/out-of-bounds lists trap');
}
