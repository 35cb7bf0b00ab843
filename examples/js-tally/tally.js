// tally -- a Theater actor in JavaScript: counts the words of the messages it gets, and answers questions
// about them. Its state is JSON that the runtime threads through every call:
//   {"messages": 2, "words": {"the": 3, "cat": 1, ...}}
// so the actor keeps nothing in memory between calls (a restart with --resume picks up the counts).
//
//   send <text>          counts the words of <text>; logs "message N: W words (K new)"
//                        an empty message is an error result: the call fails, the state stays as it was
//   request count        answers {"messages":N,"words":D} (D distinct words)
//   request top [N]      answers the N (default 3) most frequent words, [{"word":"the","count":3},...]
//   request reset        forgets everything, answers {"reset":true}
//   anything else        an error result naming the request
//
// Built into tally.wasm (a component) by ./build.sh; see README.md.
import { log } from 'theater:simple/runtime';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The state's JSON bytes as an object (a fresh tally when there is none yet). */
function load(state) {
  return state === undefined ? { messages: 0, words: {} } : JSON.parse(decoder.decode(state));
}

function json(value) {
  return encoder.encode(JSON.stringify(value));
}

/** Lower-case words: what lies between white space and ASCII punctuation (the engine has no Unicode regexp classes). */
function words(text) {
  return text.toLowerCase().split(/[\s!-&(-\/:-@\[-`{-~]+/).filter((w) => w !== '');
}

/** The n most frequent words, the most frequent first, ties in alphabetical order. */
function top(tally, n) {
  return Object.entries(tally.words)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}

export const actor = {
  init(state, [actorId]) {
    const tally = load(state);
    log(`tally started as ${actorId} (${tally.messages} messages so far)`);
    return [json(tally)];
  },
};

export const messageServerClient = {
  handleSend(state, [msg]) {
    const found = words(decoder.decode(msg));
    if (found.length === 0) {
      throw 'empty message: nothing to count'; // a string thrown is the error result
    }
    const tally = load(state);
    let fresh = 0;
    for (const word of found) {
      fresh += tally.words[word] === undefined ? 1 : 0;
      tally.words[word] = (tally.words[word] ?? 0) + 1;
    }
    tally.messages += 1;
    log(`message ${tally.messages}: ${found.length} words (${fresh} new)`);
    return [json(tally)];
  },

  handleRequest(state, [requestId, msg]) {
    const [verb, arg, ...rest] = decoder.decode(msg).trim().split(/\s+/);
    const tally = load(state);
    if (verb === 'count' && arg === undefined) {
      return [state, [json({ messages: tally.messages, words: Object.keys(tally.words).length })]];
    }
    if (verb === 'top' && rest.length === 0 && (arg === undefined || /^[1-9][0-9]{0,2}$/.test(arg))) {
      return [state, [json(top(tally, arg === undefined ? 3 : Number(arg)))]];
    }
    if (verb === 'reset' && arg === undefined) {
      log(`reset after ${tally.messages} messages`);
      return [json({ messages: 0, words: {} }), [json({ reset: true })]];
    }
    throw `unknown request '${decoder.decode(msg)}': ask 'count', 'top [N]' (N from 1 to 999) or 'reset'`;
  },

  // tally takes no channels; a component exports every function of its interfaces, so these are here too.
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
