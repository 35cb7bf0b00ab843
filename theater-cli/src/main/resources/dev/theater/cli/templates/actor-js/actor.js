// {{name}} -- a Theater actor in JavaScript, made by `theater new actor {{name}} --lang js`.
//
//   init(state, [actorId])        logs "{{name}} started as <actorId>", state := {"messages":0}
//   handleSend(state, [msg])      logs "{{name}} got: <msg>", state := {"messages":N+1}
//   handleRequest(state, [id, m]) answers {"messages":N} and keeps the state
//   handleChannelOpen/...         channels are refused; the state is kept
//
// Build with ./build.sh (componentize-js makes {{name}}.wasm, a component); run with
//   theater run --send '{{name}}=world' --exit-after 1s {{name}}.toml
//
// How WIT maps to JavaScript here (componentize-js): `json` (list<u8>) is a Uint8Array; option<json> is a
// Uint8Array or undefined; a tuple is an array; result<T, string> is the return value (T), or a thrown string
// (the error: the call fails, the runtime records it and keeps the state); a record is an object with
// camelCase fields. Every export gets the actor's state and returns the new one.
import { log } from 'theater:simple/runtime';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The state's JSON bytes as an object ({} when there is none yet). */
function load(state) {
  return state === undefined ? {} : JSON.parse(decoder.decode(state));
}

/** An object as the JSON bytes the runtime keeps. */
function save(value) {
  return encoder.encode(JSON.stringify(value));
}

export const actor = {
  init(state, [actorId]) {
    log(`{{name}} started as ${actorId}`);
    return [save({ messages: 0 })];
  },
};

// A component exports every function of an interface it exports, so all five are here.
export const messageServerClient = {
  handleSend(state, [msg]) {
    log(`{{name}} got: ${decoder.decode(msg)}`);
    const s = load(state);
    return [save({ messages: (s.messages ?? 0) + 1 })];
  },

  handleRequest(state, [requestId, msg]) {
    const s = load(state);
    return [state, [save({ messages: s.messages ?? 0 })]];
  },

  handleChannelOpen(state, [channelId, msg]) {
    return [state, [{ accepted: false, message: undefined }]];
  },

  handleChannelMessage(state, [channelId, msg]) {
    return [state];
  },

  handleChannelClose(state, [channelId]) {
    return [state];
  },
};
