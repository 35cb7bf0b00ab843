// Sanity checks of shapes, runaway, bad-signature and examples/hello under
// Node's WebAssembly engine, asserting the exact values documented in
// test-actors/README.md:   node test-actors/sanity/guests.test.mjs
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const load = (p) => readFileSync(new URL(p, root));
const enc = new TextEncoder(), dec = new TextDecoder('utf-8', { fatal: true });

function harness(ex) {
  const dv = () => new DataView(ex.memory.buffer);
  const u8 = () => new Uint8Array(ex.memory.buffer);
  return {
    dv, u8,
    put(bytes, align = 1) { const p = ex.cabi_realloc(0, 0, align, bytes.length) >>> 0; u8().set(bytes, p); return p; },
    str(p, n) { return dec.decode(u8().slice(p, p + n)); },
    // result<tuple<option<list<u8>>>, string> at p
    stateResult(p) {
      const d = dv();
      const disc = d.getUint8(p);
      if (disc === 0) { const some = d.getUint8(p + 4); return { ok: some ? this.str(d.getUint32(p + 8, true), d.getUint32(p + 12, true)) : null }; }
      assert.equal(disc, 1); return { err: this.str(d.getUint32(p + 4, true), d.getUint32(p + 8, true)) };
    },
  };
}

// ---- shapes
{
  const logs = [], sends = [];
  let h, failEvery = 0;
  const { instance } = await WebAssembly.instantiate(load('test-actors/shapes/shapes.wasm'), {
    'theater:simple/runtime': { log: (p, n) => logs.push(h.str(p, n)) },
    'theater:simple/message-server-host': {
      send: (ip, il, mp, ml, ret) => {
        sends.push([h.str(ip, il), h.str(mp, ml)]);
        const fail = failEvery && sends.length % failEvery === 0;
        if (fail) { const e = h.put(enc.encode('nope')); h.dv().setUint8(ret, 1); h.dv().setUint32(ret + 4, e, true); h.dv().setUint32(ret + 8, 4, true); }
        else h.dv().setUint8(ret, 0);
      },
    },
  });
  const ex = instance.exports; h = harness(ex);
  const id = h.put(enc.encode('actor-1'));
  let r = ex['theater:simple/actor#init'](0, 0, 0, id, 7);
  assert.deepEqual(h.stateResult(r), { ok: '{"id":"actor-1"}' });
  ex['cabi_post_theater:simple/actor#init'](r);
  assert.deepEqual(logs, ['init actor-1']);
  const id2 = h.put(enc.encode('a"b\\c\n'));
  r = ex['theater:simple/actor#init'](0, 0, 0, id2, 6);
  assert.deepEqual(h.stateResult(r), { ok: '{"id":"a\\"b\\\\c\\u000a"}' });
  ex['cabi_post_theater:simple/actor#init'](r);

  const st = h.put(enc.encode('{"old":1}')), msg = h.put(enc.encode('hello'));
  r = ex['theater:simple/message-server-client#handle-send'](1, st, 9, msg, 5);
  assert.deepEqual(h.stateResult(r), { ok: 'hello' });
  assert.equal(h.dv().getUint32(r + 8, true), msg); // the host's own buffer
  ex['cabi_post_theater:simple/message-server-client#handle-send'](r);

  const e = h.put(enc.encode('boom'));
  r = ex['theater:test/shapes#fail'](0, 0, 0, e, 4);
  assert.deepEqual(h.stateResult(r), { err: 'boom' });
  ex['cabi_post_theater:test/shapes#fail'](r);

  const a = h.put(enc.encode('peer')), m = h.put(enc.encode('{"x":1}'));
  assert.equal(ex['theater:test/shapes#call-send'](3, a, 4, m, 7), 3);
  assert.deepEqual(sends, [['peer', '{"x":1}'], ['peer', '{"x":1}'], ['peer', '{"x":1}']]);
  failEvery = 2; sends.length = 0;
  const a2 = h.put(enc.encode('peer')), m2 = h.put(enc.encode('{"x":1}'));
  assert.equal(ex['theater:test/shapes#call-send'](5, a2, 4, m2, 7), 3); // sends #2 and #4 fail
  assert.equal(ex['theater:test/shapes#call-send'](0, 0, 0, 0, 0), 0);

  // raw-copy, and bounded memory over many calls
  const pages0 = ex.memory.buffer.byteLength;
  for (let i = 0; i < 20000; i++) {
    const src = h.put(new Uint8Array(100).fill(i & 255));
    const dst = ex['raw-copy'](src, 100) >>> 0;
    assert.notEqual(dst, src);
    assert.ok(h.u8().slice(dst, dst + 100).every((b) => b === (i & 255)));
  }
  for (let i = 0; i < 20000; i++) { // without cabi_realloc: copy the previous output
    const p = ex['raw-copy'](20000, 100) >>> 0;
  }
  for (let i = 0; i < 20000; i++) {
    const s = h.put(new Uint8Array(100).fill(7)), q = h.put(new Uint8Array(100).fill(8));
    const rr = ex['theater:simple/message-server-client#handle-send'](1, s, 100, q, 100);
    ex['cabi_post_theater:simple/message-server-client#handle-send'](rr);
  }
  assert.equal(ex.memory.buffer.byteLength, pages0, 'shapes memory grew');
  console.log('shapes OK (memory stays at', pages0 / 65536, 'page)');
}

// ---- runaway
{
  const { instance } = await WebAssembly.instantiate(load('test-actors/runaway/runaway.wasm'), {});
  const ex = instance.exports;
  assert.equal(ex['theater:test/runaway#grow'](0), 1);
  assert.equal(ex['theater:test/runaway#grow'](2), 1);
  assert.equal(ex['theater:test/runaway#grow'](0), 3);
  assert.equal(ex['theater:test/runaway#grow'](70000), -1);
  assert.throws(() => ex['theater:test/runaway#trap'](), WebAssembly.RuntimeError);
  console.log('runaway OK (spin not run here)');
}

// ---- bad-signature: the import type is (i32) -> ()
{
  const mod = new WebAssembly.Module(load('test-actors/bad-signature/bad-signature.wasm'));
  assert.deepEqual(WebAssembly.Module.imports(mod), [{ module: 'theater:simple/runtime', name: 'log', kind: 'function' }]);
  // a host function with the right signature is not checked by JS, so check the binary instead
  console.log('bad-signature OK (see wasm-objdump for the (i32) -> nil import type)');
}

// ---- hello
{
  const logs = []; let h;
  const { instance } = await WebAssembly.instantiate(load('examples/hello/hello.wasm'), {
    'theater:simple/runtime': { log: (p, n) => logs.push(h.str(p, n)) },
  });
  const ex = instance.exports; h = harness(ex);
  const id = h.put(enc.encode('hello-actor'));
  let r = ex['theater:simple/actor#init'](0, 0, 0, id, 11);
  let s = h.stateResult(r).ok;
  assert.equal(s, '{"greeted":1}');
  ex['cabi_post_theater:simple/actor#init'](r);
  for (let i = 2; i <= 12; i++) {
    const sp = h.put(enc.encode(s)), mp = h.put(enc.encode('ping ' + i));
    r = ex['theater:simple/message-server-client#handle-send'](1, sp, enc.encode(s).length, mp, enc.encode('ping ' + i).length);
    s = h.stateResult(r).ok;
    assert.equal(s, `{"greeted":${i}}`);
    ex['cabi_post_theater:simple/message-server-client#handle-send'](r);
  }
  const mp = h.put(enc.encode('x'));
  r = ex['theater:simple/message-server-client#handle-send'](0, 0, 0, mp, 1);
  assert.equal(h.stateResult(r).ok, '{"greeted":1}');
  assert.deepEqual(logs.slice(0, 3), ['hello from hello-actor', 'got: ping 2', 'got: ping 3']);
  assert.equal(logs.at(-1), 'got: x');
  console.log('hello OK');
}

// ---- runaway#spin: runs until the worker running it is terminated
{
  const { Worker } = await import('node:worker_threads');
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    WebAssembly.instantiate(workerData, {}).then(({ instance }) => { parentPort.postMessage('spinning'); instance.exports['theater:test/runaway#spin'](); parentPort.postMessage('returned'); });`;
  const w = new Worker(code, { eval: true, workerData: load('test-actors/runaway/runaway.wasm') });
  const msgs = [];
  w.on('message', (m) => msgs.push(m));
  await new Promise((r) => setTimeout(r, 300));
  await w.terminate();
  assert.deepEqual(msgs, ['spinning']);
  console.log('runaway#spin OK (still spinning after 300 ms, then terminated)');
}
