// Sanity checks of ms-echo, ms-requester, ms-channels, ms-cycle and
// examples/ping-pong under Node's WebAssembly engine, with a tiny synchronous
// mock of the message server (not the Java runtime). Asserts the values in
// test-actors/README.md ("Message-server guests") and examples/ping-pong/README.md:
//   node test-actors/ms-echo/ms.sanity.mjs
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url);
const enc = new TextEncoder(), dec = new TextDecoder('utf-8', { fatal: true });
const MSC = 'theater:simple/message-server-client#';

// ---- mock runtime -------------------------------------------------------
const actors = new Map();      // id -> actor
const logs = [];               // "<id>: <line>"
const queue = [];              // deferred deliveries (sends, channel messages)
const pending = new Map();     // request id -> {from, answer}
const channels = new Map();    // channel id -> {a, b, open}
let nextReq = 1, nextChan = 1;

function mem(a) { return { dv: new DataView(a.ex.memory.buffer), u8: new Uint8Array(a.ex.memory.buffer) }; }
function put(a, s) {
  const b = typeof s === 'string' ? enc.encode(s) : s;
  const p = a.ex.cabi_realloc(0, 0, 1, b.length) >>> 0; mem(a).u8.set(b, p); return [p, b.length];
}
function str(a, p, n) { return dec.decode(mem(a).u8.slice(p, p + n)); }
function writeResult(a, ret, ok, payload) {       // result<_|string|json, string> at ret
  const { dv } = mem(a);
  dv.setUint8(ret, ok ? 0 : 1);
  if (payload !== undefined) { const [p, n] = put(a, payload); mem(a).dv.setUint32(ret + 4, p, true); mem(a).dv.setUint32(ret + 8, n, true); }
}

function call(a, fn, ...strs) {                   // state-threading call; returns extra result fields
  assert.ok(!a.busy, `${a.id} re-entered`);
  a.busy = true;
  const st = a.state === null ? [0, 0, 0] : [1, ...put(a, a.state)];
  const args = strs.flatMap((s) => put(a, s));
  const r = a.ex[MSC.startsWith(fn) ? fn : (fn === 'init' ? 'theater:simple/actor#init' : MSC + fn)](...st, ...args) >>> 0;
  const { dv } = mem(a);
  const opt = (o) => dv.getUint8(o) ? str(a, dv.getUint32(o + 4, true), dv.getUint32(o + 8, true)) : null;
  assert.equal(dv.getUint8(r), 0, `${a.id}.${fn} returned err`);
  a.state = opt(r + 4);
  let extra;
  if (fn === 'handle-request') extra = opt(r + 16);
  if (fn === 'handle-channel-open') extra = { accepted: dv.getUint8(r + 16), message: opt(r + 20) };
  const post = fn === 'init' ? 'cabi_post_theater:simple/actor#init' : 'cabi_post_' + MSC + fn;
  a.ex[post](r);
  a.busy = false;
  return extra;
}

function request(from, to, msg) {                 // returns [ok, payload]
  const t = actors.get(to);
  if (!t) return [false, `unknown actor ${to}`];
  if (t.busy) return [false, `request cycle: ${to} is waiting`];
  const rid = `r${nextReq++}`;
  const resp = call(t, 'handle-request', rid, msg);
  if (resp !== null) return [true, resp];
  pending.set(rid, { from, to });
  return [false, `deferred ${rid}`];  // the mock cannot block; tests use requestFromTest
}

async function spawn(id, path) {
  const a = { id, state: null, busy: false };
  const ret = (f) => (...args) => f(...args);
  const imports = {
    'theater:simple/runtime': {
      log: (p, n) => logs.push(`${id}: ${str(a, p, n)}`),
      shutdown: ret((d, p, n, r) => { logs.push(`${id}: <shutdown ${d}>`); writeResult(a, r, true); }),
    },
    'theater:simple/message-server-host': {
      send: (ip, il, mp, ml, r) => {
        const to = str(a, ip, il), msg = str(a, mp, ml);
        if (!actors.has(to)) return writeResult(a, r, false, `unknown actor ${to}`);
        queue.push(() => call(actors.get(to), 'handle-send', msg)); writeResult(a, r, true);
      },
      request: (ip, il, mp, ml, r) => {
        const [ok, v] = request(id, str(a, ip, il), str(a, mp, ml)); writeResult(a, r, ok, v);
      },
      'open-channel': (ip, il, mp, ml, r) => {
        const to = str(a, ip, il), t = actors.get(to);
        if (!t) return writeResult(a, r, false, `unknown actor ${to}`);
        const cid = `c${nextChan++}`;
        const acc = call(t, 'handle-channel-open', cid, str(a, mp, ml));
        if (!acc.accepted) return writeResult(a, r, false, 'channel refused');
        channels.set(cid, { [id]: to, [to]: id, open: true });
        if (acc.message !== null) queue.push(() => call(a, 'handle-channel-message', cid, acc.message));
        writeResult(a, r, true, cid);
      },
      'send-on-channel': (cp, cl, mp, ml, r) => {
        const cid = str(a, cp, cl), c = channels.get(cid), msg = str(a, mp, ml);
        if (!c || !c.open) return writeResult(a, r, false, `channel ${cid} closed`);
        queue.push(() => call(actors.get(c[id]), 'handle-channel-message', cid, msg)); writeResult(a, r, true);
      },
      'close-channel': (cp, cl, r) => {
        const cid = str(a, cp, cl), c = channels.get(cid);
        if (!c || !c.open) return writeResult(a, r, false, `channel ${cid} closed`);
        c.open = false; queue.push(() => call(actors.get(c[id]), 'handle-channel-close', cid)); writeResult(a, r, true);
      },
      'list-outstanding-requests': (r) => {
        const ids = [...pending].filter(([, v]) => v.to === id && !v.answer).map(([k]) => k);
        const arr = a.ex.cabi_realloc(0, 0, 4, 8 * ids.length) >>> 0;
        ids.forEach((s, i) => { const [p, n] = put(a, s); mem(a).dv.setUint32(arr + 8 * i, p, true); mem(a).dv.setUint32(arr + 8 * i + 4, n, true); });
        mem(a).dv.setUint32(r, arr, true); mem(a).dv.setUint32(r + 4, ids.length, true);
      },
      'respond-to-request': (ip, il, mp, ml, r) => {
        const rid = str(a, ip, il), q = pending.get(rid);
        if (!q || q.answer) return writeResult(a, r, false, `no pending request ${rid}`);
        q.answer = ['ok', str(a, mp, ml)]; writeResult(a, r, true);
      },
      'cancel-request': (ip, il, r) => {
        const rid = str(a, ip, il), q = pending.get(rid);
        if (!q || q.answer) return writeResult(a, r, false, `no pending request ${rid}`);
        q.answer = ['cancelled']; writeResult(a, r, true);
      },
    },
  };
  const { instance } = await WebAssembly.instantiate(readFileSync(new URL(path, root)), imports);
  a.ex = instance.exports;
  actors.set(id, a);
  call(a, 'init', id);
  return a;
}
const drain = () => { while (queue.length) queue.shift()(); };
const take = () => logs.splice(0);

// ---- ms-echo + ms-requester ---------------------------------------------
{
  const echo = await spawn('echo', 'test-actors/ms-echo/ms-echo.wasm');
  assert.equal(echo.state, '{"count":0}');
  const rq = await spawn('rq', 'test-actors/ms-requester/ms-requester.wasm');
  assert.equal(rq.state, '{"count":0}');
  call(rq, 'handle-send', 'tell echo hi there'); drain();
  call(rq, 'handle-send', 'ask echo {"x":1}');
  call(rq, 'handle-send', 'ask nobody x');
  call(rq, 'handle-send', 'tell nobody x');
  call(rq, 'handle-send', 'what');
  assert.deepEqual(take(), ['rq: sent', 'echo: echo got: hi there', 'echo: echo request: {"x":1}', 'rq: reply: {"x":1}',
    'rq: request failed: unknown actor nobody', 'rq: send failed: unknown actor nobody', 'rq: unknown command: what']);
  assert.equal(rq.state, '{"count":5}');
  assert.equal(echo.state, '{"count":2}');

  // deferred answers
  assert.equal(call(echo, 'handle-request', 'req-"1"', 'later: please'), null);
  pending.set('req-"1"', { to: 'echo' });
  assert.equal(echo.state, '{"count":3,"pending":"req-\\"1\\""}');
  call(echo, 'handle-send', 'list');
  call(echo, 'handle-send', 'answer');
  call(echo, 'handle-send', 'answer');
  call(echo, 'handle-send', 'cancel');
  assert.deepEqual(pending.get('req-"1"').answer, ['ok', 'answered']);
  assert.equal(call(echo, 'handle-request', 'r9', 'later:'), null);
  pending.set('r9', { to: 'echo' });
  call(echo, 'handle-send', 'cancel');
  call(echo, 'handle-send', 'list');
  assert.deepEqual(take(), ['echo: echo request: later: please', 'echo: deferred req-"1"',
    'echo: echo got: list', 'echo: outstanding: req-"1"',
    'echo: echo got: answer', 'echo: answered req-"1"',
    'echo: echo got: answer', 'echo: answer failed: no pending request req-"1"',
    'echo: echo got: cancel', 'echo: cancel failed: no pending request req-"1"',
    'echo: echo request: later:', 'echo: deferred r9',
    'echo: echo got: cancel', 'echo: cancelled r9', 'echo: echo got: list', 'echo: outstanding: ']);
  assert.equal(echo.state, '{"count":10,"pending":"r9"}');
  const fresh = await spawn('echo2', 'test-actors/ms-echo/ms-echo.wasm');
  call(fresh, 'handle-send', 'answer');
  assert.deepEqual(take(), ['echo2: echo got: answer', 'echo2: nothing pending']);

  // ---- ms-channels against ms-echo
  const ch = await spawn('ch', 'test-actors/ms-channels/ms-channels.wasm');
  assert.equal(ch.state, '{}');
  call(ch, 'handle-send', 'say early');
  call(ch, 'handle-send', 'open echo no');
  assert.equal(ch.state, '{}');
  call(ch, 'handle-send', 'open echo hi'); drain();
  assert.equal(ch.state, '{"channel":"c2"}');
  call(ch, 'handle-send', 'say one'); drain();
  call(ch, 'handle-send', 'close'); drain();
  call(ch, 'handle-send', 'say two');
  call(ch, 'handle-send', 'close');
  assert.deepEqual(take(), ['ch: no channel', 'echo: refused c1', 'ch: open failed: channel refused',
    'echo: accepted c2', 'ch: opened c2', 'ch: heard: welcome',
    'ch: said', 'echo: channel c2: one', 'ch: heard: echo: one',
    'ch: closed', 'echo: closed c2', 'ch: say failed: channel c2 closed', 'ch: close failed: channel c2 closed']);
  assert.equal(ch.state, '{"channel":"c2"}');
  assert.equal(echo.state, '{"count":10,"pending":"r9"}'); // channel events keep the state
}

// ---- ms-cycle
{
  const a = await spawn('A', 'test-actors/ms-cycle/ms-cycle.wasm');
  const b = await spawn('B', 'test-actors/ms-cycle/ms-cycle.wasm');
  await spawn('C', 'test-actors/ms-cycle/ms-cycle.wasm');
  assert.equal(a.state, '{"id":"A"}');
  call(a, 'handle-send', 'start B');
  assert.deepEqual(take(), ['B: asking A', 'B: request failed: request cycle: A is waiting',
    'A: reply: b-saw: request failed: request cycle: A is waiting']);
  call(a, 'handle-send', 'start B C');
  assert.deepEqual(take(), ['B: asking C', 'C: answering hello', 'B: got: hello back', 'A: reply: b-saw: hello back']);
  assert.equal(call(b, 'handle-request', 'x', 'zzz'), 'unknown: zzz');
  call(a, 'handle-send', 'start nobody');
  call(a, 'handle-send', 'go');
  assert.deepEqual(take(), ['A: request failed: unknown actor nobody', 'A: unknown command: go']);
  assert.equal(a.state, '{"id":"A"}');
}

// ---- examples/ping-pong
{
  const pong = await spawn('pong', 'examples/ping-pong/pong.wasm');
  const ping = await spawn('ping', 'examples/ping-pong/ping.wasm');
  drain();
  assert.deepEqual(take(), ['pong: pong ready', 'ping: ping starting', 'pong: pong 1', 'ping: ping got: pong 1',
    'pong: pong 2', 'ping: ping got: pong 2', 'pong: pong 3', 'ping: ping got: pong 3', 'ping: ping done',
    'pong: pong got: hello from ping']);
  assert.equal(ping.state, '{"sent":3}');
  assert.equal(pong.state, '{"count":4}');
  call(ping, 'handle-send', 'again');
  call(ping, 'handle-send', 'what');
  call(ping, 'handle-send', 'stop');
  assert.deepEqual(take(), ['pong: pong 4', 'ping: ping got: pong 4', 'pong: pong 5', 'ping: ping got: pong 5',
    'pong: pong 6', 'ping: ping got: pong 6', 'ping: ping done', 'ping: ping ignored: what',
    'ping: ping stopping', 'ping: <shutdown 0>']);
  assert.equal(ping.state, '{"sent":6}');
  assert.equal(pong.state, '{"count":7}');
  assert.equal(call(pong, 'handle-request', 'q', 'hey'), 'pong hey');
  assert.equal(mem(pong).u8.length, 65536); // stays at 1 page
  take();
}
// ---- a none state in (e.g. a runtime that threads none) reads as empty
{
  const e = await spawn('e3', 'test-actors/ms-echo/ms-echo.wasm'); e.state = null;
  call(e, 'handle-send', 'cancel'); assert.equal(e.state, '{"count":1}');
  e.state = null; call(e, 'handle-channel-close', 'cx'); assert.equal(e.state, null);
  const c = await spawn('c3', 'test-actors/ms-channels/ms-channels.wasm'); c.state = null;
  call(c, 'handle-send', 'close'); assert.equal(c.state, null);
  const y = await spawn('y3', 'test-actors/ms-cycle/ms-cycle.wasm'); y.state = null;
  call(y, 'handle-send', 'start nobody');
  assert.deepEqual(take(), ['e3: echo got: cancel', 'e3: nothing pending', 'e3: closed cx', 'c3: no channel',
    'y3: request failed: unknown actor nobody']);
}
console.log('ms sanity: ok');
