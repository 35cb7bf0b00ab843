// Sanity check of the kitchen-sink guest under Node, asserting the exact values
// documented in test-actors/README.md:  node test-actors/sanity/kitchen.test.mjs
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const bytes = readFileSync(new URL('../kitchen-sink/kitchen-sink.wasm', import.meta.url));
const enc = new TextEncoder(), dec = new TextDecoder('utf-8', { fatal: true });
let ex;
const dv = () => new DataView(ex.memory.buffer);
const u8 = () => new Uint8Array(ex.memory.buffer);
const alloc = (n, a) => ex.cabi_realloc(0, 0, a, n) >>> 0;
const putStr = (s) => { const b = enc.encode(s); const p = alloc(b.length, 1); u8().set(b, p); return [p, b.length]; };
const str = (p, n) => dec.decode(u8().slice(p, p + n));
const f32bits = (f) => { const d = new DataView(new ArrayBuffer(4)); d.setFloat32(0, f, true); return d.getUint32(0, true); };

const calls = [];
function readItem(p) {
  const d = dv();
  const tags = []; const tp = d.getUint32(p + 8, true), tn = d.getUint32(p + 12, true);
  for (let i = 0; i < tn; i++) tags.push(str(d.getUint32(tp + 8 * i, true), d.getUint32(tp + 8 * i + 4, true)));
  let extra = null;
  if (d.getUint8(p + 40) === 1) extra = d.getUint8(p + 44) === 0 ? { ok: d.getUint32(p + 48, true) } : { err: str(d.getUint32(p + 48, true), d.getUint32(p + 52, true)) };
  return { name: str(d.getUint32(p, true), d.getUint32(p + 4, true)), tags, count: d.getUint32(p + 16, true), weight: d.getFloat64(p + 24, true),
    color: d.getUint8(p + 32), perms: d.getUint16(p + 34, true), initial: d.getUint32(p + 36, true), extra };
}
function writeItem(p, it) {
  const [np, nl] = putStr(it.name);
  const tp = alloc(8 * it.tags.length, 4);
  it.tags.forEach((t, i) => { const [sp, sl] = putStr(t); dv().setUint32(tp + 8 * i, sp, true); dv().setUint32(tp + 8 * i + 4, sl, true); });
  const d = dv();
  for (let i = 0; i < 56; i++) d.setUint8(p + i, 0);
  d.setUint32(p, np, true); d.setUint32(p + 4, nl, true); d.setUint32(p + 8, tp, true); d.setUint32(p + 12, it.tags.length, true);
  d.setUint32(p + 16, it.count, true); d.setFloat64(p + 24, it.weight, true); d.setUint8(p + 32, it.color); d.setUint16(p + 34, it.perms, true);
  d.setUint32(p + 36, it.initial, true);
  if (it.extra) { d.setUint8(p + 40, 1); if ('ok' in it.extra) { d.setUint8(p + 44, 0); d.setUint32(p + 48, it.extra.ok, true); } else { const [ep, el] = putStr(it.extra.err); d.setUint8(p + 44, 1); d.setUint32(p + 48, ep, true); d.setUint32(p + 52, el, true); } }
}
function itemFlat(it) {
  const [np, nl] = putStr(it.name);
  const tp = alloc(8 * it.tags.length, 4);
  it.tags.forEach((t, i) => { const [sp, sl] = putStr(t); dv().setUint32(tp + 8 * i, sp, true); dv().setUint32(tp + 8 * i + 4, sl, true); });
  let e = [0, 0, 0, 0];
  if (it.extra) e = 'ok' in it.extra ? [1, 0, it.extra.ok, 0] : [1, 1, ...putStr(it.extra.err)];
  return [np, nl, tp, it.tags.length, it.count, it.weight, it.color, it.perms, it.initial, ...e];
}
function readMany(p) {
  const d = dv();
  return [d.getInt32(p, true), d.getBigInt64(p + 8, true), d.getUint32(p + 16, true).toString(16), d.getBigUint64(p + 24, true).toString(16),
    str(d.getUint32(p + 32, true), d.getUint32(p + 36, true)), d.getUint8(p + 40), d.getInt16(p + 42, true), d.getUint32(p + 44, true), d.getUint8(p + 48),
    str(d.getUint32(p + 52, true), d.getUint32(p + 56, true)), d.getBigUint64(p + 64, true), d.getUint32(p + 72, true).toString(16),
    d.getBigUint64(p + 80, true).toString(16), d.getUint32(p + 88, true), str(d.getUint32(p + 92, true), d.getUint32(p + 96, true)), d.getInt8(p + 100)];
}
const H = {
  ints: (a, b, c, d, e, f, ret) => { calls.push(['ints', a, b, c, d, e, f]); const v = dv();
    v.setInt8(ret, a); v.setUint8(ret + 1, b); v.setInt16(ret + 2, c, true); v.setUint16(ret + 4, d, true); v.setBigInt64(ret + 8, e, true); v.setBigInt64(ret + 16, f, true); },
  many: (p) => { calls.push(['many', ...readMany(p)]); return 41n; },
  pick: (c, p, sd, p0, p1, ret) => { calls.push(['pick', c, p, sd, p0 >>> 0, p1 >>> 0, sd === 2 ? str(p0, p1) : null]); const v = dv();
    for (let i = 0; i < 16; i++) v.setUint8(ret + i, 0xaa);
    if (sd === 0) { v.setUint8(ret, 1); v.setUint8(ret + 4, 0); v.setUint32(ret + 8, 41, true); }
    else if (sd === 1) { v.setUint8(ret, 0); }
    else if (sd === 2) { const [ep, el] = putStr('bad ' + str(p0, p1)); v.setUint8(ret, 1); v.setUint8(ret + 4, 1); v.setUint32(ret + 8, ep, true); v.setUint32(ret + 12, el, true); }
    else { v.setUint8(ret, 1); v.setUint8(ret + 4, 0); v.setUint32(ret + 8, 0xffffffff, true); } },
  items: (n, ret) => { calls.push(['items', n]); const p = alloc(56 * n, 8);
    for (let i = 0; i < n; i++) writeItem(p + 56 * i, { name: 'it' + i, tags: ['t' + i, 'u'], count: i, weight: i + 0.5, color: i % 3, perms: i, initial: 0x61 + i, extra: i % 2 ? { err: 'e' + i } : { ok: i } });
    dv().setUint32(ret, p, true); dv().setUint32(ret + 4, n, true); },
  describe: (...a) => { const ret = a.pop(); calls.push(['describe', ...a.map((x) => Number.isInteger(x) ? x >>> 0 : x)]); const [p, l] = putStr('described ' + str(a[0], a[1])); dv().setUint32(ret, p, true); dv().setUint32(ret + 4, l, true); },
};
({ instance: { exports: ex } } = await WebAssembly.instantiate(bytes, { 'theater:test/kitchen-host': H }));
const X = (f) => ex['theater:test/kitchen#' + f], P = (f, r) => ex['cabi_post_theater:test/kitchen#' + f](r);
const retStr = (r) => str(dv().getUint32(r, true), dv().getUint32(r + 4, true));

const item = { name: 'Box-é', tags: ['a', 'bb', 'ccc'], count: 0xffffffff, weight: 1.5, color: 2, perms: 0x109, initial: 0xe9, extra: { ok: 7 } };
let r = X('summarize')(...itemFlat(item));
assert.equal(retStr(r), 'name=Box-é;tags=[a,bb,ccc];count=4294967295;weight=0x3ff8000000000000;color=blue;perms={read|admin|rename};initial=é(U+00E9);extra=ok(7)');
P('summarize', r);
r = X('summarize')(...itemFlat({ name: '', tags: [], count: 0, weight: -0, color: 0, perms: 0, initial: 0x1f600, extra: { err: 'x' } }));
assert.equal(retStr(r), 'name=;tags=[];count=0;weight=0x8000000000000000;color=red;perms={};initial=😀(U+1F600);extra=err(x)');
P('summarize', r);
r = X('summarize')(...itemFlat({ name: 'n', tags: [''], count: 1, weight: 0, color: 1, perms: 0x3ff, initial: 0x10ffff, extra: null }));
assert.equal(retStr(r), 'name=n;tags=[];count=1;weight=0x0000000000000000;color=green;perms={read|write|exec|admin|audit|share|delete|create|rename|owner};initial=\u{10ffff}(U+10FFFF);extra=none');
P('summarize', r);

r = X('bump')(...itemFlat(item));
assert.deepEqual(readItem(r), { name: 'BOX-é', tags: ['ccc', 'bb', 'a'], count: 0, weight: 3, color: 0, perms: 0x2f6, initial: 0xea, extra: { ok: 8 } });
P('bump', r);
r = X('bump')(...itemFlat({ name: 'q', tags: [], count: 5, weight: -0.25, color: 0, perms: 0, initial: 0xd7ff, extra: null }));
assert.deepEqual(readItem(r), { name: 'Q', tags: [], count: 6, weight: -0.5, color: 1, perms: 0x3ff, initial: 0xe000, extra: { ok: 0 } });
P('bump', r);
r = X('bump')(...itemFlat({ name: 'q', tags: [], count: 5, weight: 1, color: 1, perms: 0, initial: 0x10ffff, extra: { err: 'gone' } }));
assert.deepEqual(readItem(r), { name: 'Q', tags: [], count: 6, weight: 2, color: 2, perms: 0x3ff, initial: 0, extra: null });
P('bump', r);

calls.length = 0;
r = X('edges')();
assert.deepEqual(calls, [['ints', -128, 255, -32768, 65535, -9223372036854775808n, -1n], ['ints', 127, 0, 32767, 0, 9223372036854775807n, 0n]]);
{ const d = dv(); assert.deepEqual([d.getInt8(r), d.getUint8(r + 1), d.getInt16(r + 2, true), d.getUint16(r + 4, true), d.getBigInt64(r + 8, true), d.getBigUint64(r + 16, true)],
  [-1, 255, -1, 65535, -1n, 18446744073709551615n]); }
P('edges', r);

calls.length = 0;
assert.equal(X('call-many')(), 42n);
assert.deepEqual(calls, [['many', -2147483648, 9223372036854775807n, 'bfc00000', '3fb999999999999a', 'héllo', 200, -300, 0x20ac, 1, '😀', 12345678901234567890n, '7f800000', '8000000000000000', 4000000000, '', -7]]);

// spill: host allocates the 104-byte params tuple
calls.length = 0;
{
  const p = alloc(104, 8); const d = dv();
  const [ep, el] = putStr('E'), [jp, jl] = putStr('jé'), [op, ol] = putStr('');
  const v = dv();
  v.setInt32(p, -5, true); v.setBigInt64(p + 8, -9223372036854775808n, true); v.setFloat32(p + 16, 0.5, true); v.setFloat64(p + 24, -2, true);
  v.setUint32(p + 32, ep, true); v.setUint32(p + 36, el, true); v.setUint8(p + 40, 255); v.setInt16(p + 42, -32768, true); v.setUint32(p + 44, 0x1f600, true);
  v.setUint8(p + 48, 0); v.setUint32(p + 52, jp, true); v.setUint32(p + 56, jl, true); v.setBigUint64(p + 64, 18446744073709551615n, true);
  v.setFloat32(p + 72, NaN, true); v.setFloat64(p + 80, Infinity, true); v.setUint32(p + 88, 0, true); v.setUint32(p + 92, op, true); v.setUint32(p + 96, ol, true); v.setInt8(p + 100, 127);
  r = X('spill')(p);
  assert.equal(retStr(r), '-5,-9223372036854775808,0x3f000000,0xc000000000000000,E,255,-32768,😀,false,jé,18446744073709551615,0x7fc00000,0x7ff0000000000000,0,,127;host=41');
  assert.equal(calls.length, 1); assert.deepEqual(calls[0].slice(1), [-5, -9223372036854775808n, '3f000000', 'c000000000000000', 'E', 255, -32768, 0x1f600, 0, 'jé', 18446744073709551615n, '7fc00000', '7ff0000000000000', 0, '', 127]);
  P('spill', r);
}

calls.length = 0;
r = X('pick-all')();
assert.deepEqual(calls, [['pick', 2, 0x109, 0, 0x3fc00000, 0, null], ['pick', 1, 0, 1, 0x40200000, 0x80000000, null], ['pick', 0, 0x3ff, 2, calls[2][4], 8, 'ünï✓'], ['pick', 2, 4, 3, 0, 0, null]]);
{
  const d = dv(); const lp = d.getUint32(r, true); assert.equal(d.getUint32(r + 4, true), 4);
  const el = (i) => { const q = lp + 16 * i; if (!d.getUint8(q)) return null; return d.getUint8(q + 4) === 0 ? { ok: d.getUint32(q + 8, true) } : { err: str(d.getUint32(q + 8, true), d.getUint32(q + 12, true)) }; };
  assert.deepEqual([0, 1, 2, 3].map(el), [{ ok: 42 }, null, { err: 'E:bad ünï✓' }, { ok: 0 }]);
}
P('pick-all', r);

{
  const p = alloc(12 * 4, 4); const d = dv(); const [lp, ll] = putStr('hi');
  for (let i = 0; i < 48; i++) d.setUint8(p + i, 0);
  d.setUint8(p, 0); d.setFloat32(p + 4, 1.25, true);
  d.setUint8(p + 12, 1); d.setFloat32(p + 16, 3, true); d.setFloat32(p + 20, 4, true);
  d.setUint8(p + 24, 2); d.setUint32(p + 28, lp, true); d.setUint32(p + 32, ll, true);
  d.setUint8(p + 36, 3);
  r = X('reshape')(p, 4);
  const q = dv().getUint32(r, true); assert.equal(dv().getUint32(r + 4, true), 4);
  const v = dv();
  assert.deepEqual([v.getUint8(q), str(v.getUint32(q + 4, true), v.getUint32(q + 8, true))], [2, 'empty']);
  assert.deepEqual([v.getUint8(q + 12), str(v.getUint32(q + 16, true), v.getUint32(q + 20, true))], [2, 'hi!']);
  assert.deepEqual([v.getUint8(q + 24), v.getFloat32(q + 28, true), v.getFloat32(q + 32, true)], [1, 4, 3]);
  assert.deepEqual([v.getUint8(q + 36), v.getFloat32(q + 40, true)], [0, 2.5]);
  P('reshape', r);
}

calls.length = 0;
r = X('fetch')(3);
{
  const d = dv(); const lp = d.getUint32(r, true); assert.equal(d.getUint32(r + 4, true), 3);
  assert.deepEqual([0, 1, 2].map((i) => readItem(lp + 56 * i)), [
    { name: 'IT2', tags: ['u', 't2'], count: 3, weight: 5, color: 0, perms: 0x3fd, initial: 0x64, extra: { ok: 3 } },
    { name: 'IT1', tags: ['u', 't1'], count: 2, weight: 3, color: 2, perms: 0x3fe, initial: 0x63, extra: null },
    { name: 'IT0', tags: ['u', 't0'], count: 1, weight: 1, color: 1, perms: 0x3ff, initial: 0x62, extra: { ok: 1 } }]);
}
P('fetch', r);
r = X('fetch')(0); assert.equal(dv().getUint32(r + 4, true), 0); P('fetch', r);

calls.length = 0;
const fl = itemFlat(item);
r = X('relay')(...fl);
assert.equal(retStr(r), 'host:described Box-é');
assert.deepEqual(calls, [['describe', ...fl]]);
P('relay', r);
assert.equal(ex.memory.buffer.byteLength, 65536);
console.log('kitchen-sink OK');
