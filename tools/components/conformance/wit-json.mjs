// The JSON encoding of WIT values used by the conformance test (README.md here, "JSON encoding"), and its mapping
// to and from the JavaScript values of jco-transpiled components. Types are written with the constructors below.

export const t = {
  bool: { kind: 'bool' }, s8: { kind: 's8' }, u8: { kind: 'u8' }, s16: { kind: 's16' }, u16: { kind: 'u16' },
  s32: { kind: 's32' }, u32: { kind: 'u32' }, s64: { kind: 's64' }, u64: { kind: 'u64' },
  f32: { kind: 'f32' }, f64: { kind: 'f64' }, char: { kind: 'char' }, string: { kind: 'string' },
  list: (elem) => ({ kind: 'list', elem }),
  option: (some) => ({ kind: 'option', some }),
  result: (ok, err) => ({ kind: 'result', ok, err }),
  tuple: (...elems) => ({ kind: 'tuple', elems }),
  record: (name, fields) => ({ kind: 'record', name, fields }),
  variant: (name, cases) => ({ kind: 'variant', name, cases }),
  enum: (name, cases) => ({ kind: 'enum', name, cases }),
  flags: (name, names) => ({ kind: 'flags', name, names }),
};

const INT_RANGES = {
  s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535],
  s32: [-2147483648, 2147483647], u32: [0, 4294967295],
};

// jco names record fields and flags in lowerCamelCase.
const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

function fail(path, msg) {
  throw new Error(`${path}: ${msg}`);
}

const view = new DataView(new ArrayBuffer(8));

function bitsToFloat(kind, s, path) {
  const digits = kind === 'f32' ? 8 : 16;
  if (typeof s !== 'string' || !new RegExp(`^0x[0-9a-f]{${digits}}$`).test(s)) {
    fail(path, `${kind} must be its bit pattern as "0x" + ${digits} lower-case hex digits, got ${JSON.stringify(s)}`);
  }
  if (kind === 'f32') {
    view.setUint32(0, parseInt(s.slice(2), 16));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, BigInt(s));
  return view.getFloat64(0);
}

function floatToBits(kind, x) {
  if (Number.isNaN(x)) {
    return 'nan'; // one NaN, as the canonical ABI's value model has it: payloads are not compared
  }
  if (kind === 'f32') {
    view.setFloat32(0, x);
    return '0x' + view.getUint32(0).toString(16).padStart(8, '0');
  }
  view.setFloat64(0, x);
  return '0x' + view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** JSON encoding -> the JavaScript value jco expects for the type. */
export function toJs(type, j, path = '$') {
  switch (type.kind) {
    case 'bool':
      if (typeof j !== 'boolean') fail(path, `bool must be true or false, got ${JSON.stringify(j)}`);
      return j;
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': {
      const [lo, hi] = INT_RANGES[type.kind];
      if (!Number.isInteger(j) || j < lo || j > hi) fail(path, `${type.kind} must be an integer in ${lo}..${hi}, got ${JSON.stringify(j)}`);
      return j;
    }
    case 's64': case 'u64': {
      if (typeof j !== 'string' || !/^-?(0|[1-9][0-9]*)$/.test(j)) fail(path, `${type.kind} must be a decimal string, got ${JSON.stringify(j)}`);
      const v = BigInt(j);
      const ok = type.kind === 's64' ? BigInt.asIntN(64, v) === v : BigInt.asUintN(64, v) === v;
      if (!ok) fail(path, `${j} is out of range for ${type.kind}`);
      return v;
    }
    case 'f32': case 'f64':
      return bitsToFloat(type.kind, j, path);
    case 'char':
      if (!Number.isInteger(j) || j < 0 || j > 0x10ffff || (j >= 0xd800 && j <= 0xdfff)) {
        fail(path, `char must be a Unicode scalar value (code point number), got ${JSON.stringify(j)}`);
      }
      return String.fromCodePoint(j);
    case 'string':
      if (typeof j !== 'string') fail(path, `string expected, got ${JSON.stringify(j)}`);
      return j;
    case 'list': {
      if (!Array.isArray(j)) fail(path, `list must be an array, got ${JSON.stringify(j)}`);
      const elems = j.map((e, i) => toJs(type.elem, e, `${path}[${i}]`));
      return type.elem.kind === 'u8' ? Uint8Array.from(elems) : elems;
    }
    case 'option':
      if (j === null) return undefined;
      if (type.some.kind === 'option') fail(path, 'option<option<T>> is not supported by this runner');
      if (typeof j !== 'object' || Object.keys(j).join() !== 'some') fail(path, `option must be null or {"some": v}, got ${JSON.stringify(j)}`);
      return toJs(type.some, j.some, `${path}.some`);
    case 'result': {
      const tag = j && typeof j === 'object' ? Object.keys(j).join() : '';
      if (tag !== 'ok' && tag !== 'err') fail(path, `result must be {"ok": v} or {"err": v}, got ${JSON.stringify(j)}`);
      const payload = type[tag];
      if (!payload && j[tag] !== null) fail(path, `result ${tag} has no payload: write {"${tag}": null}`);
      return { tag, val: payload ? toJs(payload, j[tag], `${path}.${tag}`) : undefined };
    }
    case 'tuple':
      if (!Array.isArray(j) || j.length !== type.elems.length) fail(path, `tuple of ${type.elems.length} must be an array of that length`);
      return type.elems.map((e, i) => toJs(e, j[i], `${path}[${i}]`));
    case 'record': {
      if (!j || typeof j !== 'object' || Array.isArray(j)) fail(path, `record ${type.name} must be an object`);
      const names = type.fields.map(([n]) => n);
      const extra = Object.keys(j).filter((k) => !names.includes(k));
      if (extra.length) fail(path, `record ${type.name} has no field ${extra[0]}`);
      const out = {};
      for (const [n, ft] of type.fields) {
        if (!(n in j)) fail(path, `record ${type.name} lacks field ${n}`);
        out[camel(n)] = toJs(ft, j[n], `${path}.${n}`);
      }
      return out;
    }
    case 'variant': {
      const c = j && type.cases.find(([n]) => n === j.case);
      if (!c) fail(path, `variant ${type.name} must be {"case": one of ${type.cases.map(([n]) => n).join('|')}[, "value": v]}, got ${JSON.stringify(j)}`);
      if (c[1]) return { tag: c[0], val: toJs(c[1], j.value, `${path}.value`) };
      if ('value' in j) fail(path, `case ${c[0]} of ${type.name} has no payload`);
      return { tag: c[0] };
    }
    case 'enum':
      if (!type.cases.includes(j)) fail(path, `enum ${type.name} must be one of ${type.cases.join('|')}, got ${JSON.stringify(j)}`);
      return j;
    case 'flags': {
      if (!Array.isArray(j)) fail(path, `flags ${type.name} must be an array of flag names`);
      const out = {};
      for (const n of type.names) out[camel(n)] = j.includes(n);
      const unknown = j.filter((n) => !type.names.includes(n));
      if (unknown.length) fail(path, `flags ${type.name} has no flag ${unknown[0]}`);
      return out;
    }
    default:
      fail(path, `unknown type kind ${type.kind}`);
  }
}

/** A JavaScript value jco produced for the type -> the JSON encoding. */
export function fromJs(type, v, path = '$') {
  switch (type.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
      return v;
    case 's64': case 'u64':
      return BigInt(v).toString();
    case 'f32': case 'f64':
      return floatToBits(type.kind, v);
    case 'char': {
      const cp = v.codePointAt(0);
      if (String.fromCodePoint(cp) !== v) fail(path, `char must be one code point, got ${JSON.stringify(v)}`);
      return cp;
    }
    case 'string':
      return v;
    case 'list':
      return Array.from(v, (e, i) => fromJs(type.elem, e, `${path}[${i}]`));
    case 'option':
      return v === undefined || v === null ? null : { some: fromJs(type.some, v, `${path}.some`) };
    case 'result':
      return { [v.tag]: type[v.tag] ? fromJs(type[v.tag], v.val, `${path}.${v.tag}`) : null };
    case 'tuple':
      return type.elems.map((e, i) => fromJs(e, v[i], `${path}[${i}]`));
    case 'record': {
      const out = {};
      for (const [n, ft] of type.fields) out[n] = fromJs(ft, v[camel(n)], `${path}.${n}`);
      return out;
    }
    case 'variant': {
      const c = type.cases.find(([n]) => n === v.tag);
      if (!c) fail(path, `unknown case ${v.tag} of ${type.name}`);
      return c[1] ? { case: c[0], value: fromJs(c[1], v.val, `${path}.value`) } : { case: c[0] };
    }
    case 'enum':
      return v;
    case 'flags':
      return type.names.filter((n) => v[camel(n)]);
    default:
      fail(path, `unknown type kind ${type.kind}`);
  }
}
