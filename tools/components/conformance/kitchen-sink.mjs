// The kitchen-sink guest's WIT types (test-actors/kitchen-sink/kitchen-sink.wit), written out for the JSON codec,
// and the reference kitchen-host: deterministic functions of their JSON-encoded arguments, the same rules as
// ComponentConformanceTest's Java host (README.md here, "Host functions").
import { t } from './wit-json.mjs';

const color = t.enum('color', ['red', 'green', 'blue']);
const perms = t.flags('perms', ['read', 'write', 'exec', 'admin', 'audit', 'share', 'delete', 'create', 'rename', 'owner']);
const shape = t.variant('shape', [['circle', t.f32], ['rect', t.tuple(t.f32, t.f32)], ['label', t.string], ['empty', null]]);
const optres = t.option(t.result(t.u32, t.string));
const item = t.record('item', [['name', t.string], ['tags', t.list(t.string)], ['count', t.u32], ['weight', t.f64],
  ['color', color], ['perms', perms], ['initial', t.char], ['extra', optres]]);
const ints = t.tuple(t.s8, t.u8, t.s16, t.u16, t.s64, t.u64);
const manyParams = [['a', t.s32], ['b', t.s64], ['c', t.f32], ['d', t.f64], ['e', t.string], ['f', t.u8], ['g', t.s16],
  ['h', t.char], ['i', t.bool], ['j', t.string], ['k', t.u64], ['l', t.f32], ['m', t.f64], ['n', t.u32], ['o', t.string],
  ['p', t.s8]];

export const types = { item };

/** theater:test/kitchen-host: params ([name, type]) and result type. */
export const hostFunctions = {
  ints: { params: [['a', t.s8], ['b', t.u8], ['c', t.s16], ['d', t.u16], ['e', t.s64], ['f', t.u64]], result: ints },
  many: { params: manyParams, result: t.u64 },
  pick: { params: [['c', color], ['p', perms], ['s', shape]], result: optres },
  items: { params: [['n', t.u32]], result: t.list(item) },
  describe: { params: [['it', item]], result: t.string },
};

/** theater:test/kitchen: params and result type; jsName is the function's name on jco's export object. */
export const exportFunctions = {
  summarize: { jsName: 'summarize', params: [['it', item]], result: t.string },
  bump: { jsName: 'bump', params: [['it', item]], result: item },
  edges: { jsName: 'edges', params: [], result: ints },
  spill: { jsName: 'spill', params: manyParams, result: t.string },
  'call-many': { jsName: 'callMany', params: [], result: t.u64 },
  'pick-all': { jsName: 'pickAll', params: [], result: t.list(optres) },
  reshape: { jsName: 'reshape', params: [['s', t.list(shape)]], result: t.list(shape) },
  fetch: { jsName: 'fetch', params: [['n', t.u32]], result: t.list(item) },
  relay: { jsName: 'relay', params: [['it', item]], result: t.string },
};

const utf8Length = (s) => Buffer.byteLength(s, 'utf8');
const wrap = (bits, signed, x) => (signed ? ((x << (32 - bits)) >> (32 - bits)) : x & ((1 << bits) - 1));

/** The host rules on JSON-encoded values; hostItems comes from the call script. */
export function hostRules(hostItems) {
  return {
    // every component + 1, wrapping in its own type
    ints: ([a, b, c, d, e, f]) => [wrap(8, true, a + 1), wrap(8, false, b + 1), wrap(16, true, c + 1),
      wrap(16, false, d + 1), BigInt.asIntN(64, BigInt(e) + 1n).toString(), BigInt.asUintN(64, BigInt(f) + 1n).toString()],
    // the sum of every integer param (signed ones as signed), h's code point, the UTF-8 byte lengths of e, j, o
    // and 1 if i, modulo 2^64 (the floats are not used)
    many: ([a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p]) => BigInt.asUintN(64,
      BigInt(a) + BigInt(b) + BigInt(f) + BigInt(g) + BigInt(k) + BigInt(n) + BigInt(p) + BigInt(h)
      + BigInt(utf8Length(e) + utf8Length(j) + utf8Length(o)) + (i ? 1n : 0n)).toString(),
    // circle: some(ok(number of flags set + 10 * color index)); rect: none; label(s): some(err("bad " + s));
    // empty: some(ok(4294967295))
    pick: ([c, p, s]) => {
      switch (s.case) {
        case 'circle': return { some: { ok: p.length + 10 * ['red', 'green', 'blue'].indexOf(c) } };
        case 'rect': return null;
        case 'label': return { some: { err: 'bad ' + s.value } };
        default: return { some: { ok: 4294967295 } };
      }
    },
    // n items: host-items[k mod len] for k = 0..n-1 (none if host-items is empty)
    items: ([n]) => (hostItems.length === 0 ? [] : Array.from({ length: n }, (_, k) => hostItems[k % hostItems.length])),
    // "described <name> tags=<count of tags> count=<count> color=<color> initial=<code point, decimal>"
    describe: ([it]) => `described ${it.name} tags=${it.tags.length} count=${it.count} color=${it.color} initial=${it.initial}`,
  };
}
