/*
 * sdk-probe -- the proof that the C guest SDK (sdk/c) lowers and lifts correctly:
 * it calls every runtime, message-server-host and supervisor helper on command,
 * logging exactly what the helper lifted, and returns every export shape.
 * Contract: test-actors/README.md, section "sdk-probe"; driven by
 * theater-cli's SdkProbeGuestTest through the real runtime.
 *
 * State: {"count":N,"last":"<the previous handle-send message>"} (N = handle-send
 * calls that kept a state), or none after "forget".
 */
#include "theater.h"

/* ---- state ------------------------------------------------------------------ */

static theater_state_t probe_state(uint32_t count, theater_string_t last, bool has_last) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "count", count);
  if (has_last) theater_json_string_field(&b, "last", last);
  return theater_some(theater_json_close(&b));
}

/* ---- lines -------------------------------------------------------------------- */

/* "<verb> ok[ <text>]" on ok, "<verb> failed: <err>" on err. */
static void outcome(bool ok, const char *verb, theater_string_t text, theater_string_t err) {
  if (!ok) theater_logf("%z failed: %s", verb, err);
  else if (text.len) theater_logf("%z ok %s", verb, text);
  else theater_logf("%z ok", verb);
}
static const theater_string_t NOTHING = {0, 0};

/* A u64 as 16 hex digits (big-endian): how get-chain's hashes are shown. */
static theater_string_t hex64(uint64_t v) {
  uint8_t be[8];
  for (int i = 0; i < 8; i++) be[i] = (uint8_t)(v >> (56 - 8 * i));
  return theater_format("%x", theater_bytes_of(be, 8));
}

/* ---- runtime ------------------------------------------------------------------------ */

/* "<type> <hash> <parent|none> <data length>" of a get-chain event */
static theater_string_t meta_event(const theater_meta_event_t *e) {
  theater_string_t parent = e->event.parent.is_some ? hex64(e->event.parent.value) : theater_str("none");
  return theater_format("%s %s %s %u", e->event.event_type, hex64(e->hash), parent, e->event.data.len);
}

/* "chain: <n> <linked|broken> <first event>|<last event>" */
static void chain(void) {
  theater_chain_t c = theater_runtime_get_chain();
  bool linked = c.len == 0 || !c.events[0].event.parent.is_some;
  for (uint32_t i = 1; i < c.len; i++)
    if (!c.events[i].event.parent.is_some || c.events[i].event.parent.value != c.events[i - 1].hash) linked = false;
  if (c.len == 0) theater_logf("chain: 0 %z", linked ? "linked" : "broken");
  else theater_logf("chain: %u %z %s|%s", c.len, linked ? "linked" : "broken", meta_event(&c.events[0]),
                    meta_event(&c.events[c.len - 1]));
}

/* shutdown(data) then shutdown(none): the first is accepted, the second is an error */
static void exit_twice(theater_option_bytes_t data) {
  theater_string_t err;
  outcome(theater_runtime_shutdown(data, &err), "shutdown", NOTHING, err);
  outcome(theater_runtime_shutdown(theater_none(), &err), "shutdown", NOTHING, err);
}

/* ---- supervisor -------------------------------------------------------------------- */

/* "<type> <hash> <parent|none> <timestamp> <description|none> <data>" of a get-child-events event */
static theater_string_t chain_event(const theater_chain_event_t *e) {
  theater_buf_t b;
  theater_buf_init(&b);
  theater_buf_format(&b, "%s %x ", e->event_type, e->hash);
  if (e->parent_hash.is_some) theater_buf_hex(&b, e->parent_hash.value);
  else theater_buf_cstr(&b, "none");
  theater_buf_format(&b, " %U %s %s", e->timestamp, theater_or(e->description, "none"), e->data);
  return theater_buf_string(&b);
}

/* "child-events <id>: <n>|<first event>|<last event>" */
static void child_events(theater_string_t id) {
  theater_chain_event_list_t events;
  theater_string_t err;
  if (!theater_supervisor_get_child_events(id, &events, &err)) outcome(false, "child-events", NOTHING, err);
  else if (events.len == 0) theater_logf("child-events %s: 0", id);
  else theater_logf("child-events %s: %u|%s|%s", id, events.len, chain_event(&events.ptr[0]),
                    chain_event(&events.ptr[events.len - 1]));
}

/* spawn/resume "<s|-> <manifest>" */
static void start_child(bool resume, theater_string_t args) {
  theater_string_t init_text, manifest, child, err;
  theater_split(args, ' ', &init_text, &manifest);
  theater_option_bytes_t init = theater_eq(init_text, "-") ? theater_none() : theater_some(init_text);
  bool ok = resume ? theater_supervisor_resume(manifest, init, &child, &err)
                   : theater_supervisor_spawn(manifest, init, &child, &err);
  outcome(ok, resume ? "resume" : "spawn", child, err);
}

/* ---- exports ----------------------------------------------------------------------- */

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  theater_logf("init %s %s", actor_id, theater_or(state, "none"));
  if (state.is_some) return theater_return_keep(state);
  return theater_return_keep(probe_state(0, NOTHING, false));
}
THEATER_EXPORT_ACTOR_INIT(init)

/* Runs one command; returns false if msg is not one. */
static bool command(theater_bytes_t msg) {
  theater_string_t word, rest, a, b, err, text;
  theater_bytes_t reply;
  theater_split(msg, ' ', &word, &rest);
  theater_split(rest, ' ', &a, &b); /* "<a> <b>": a target or id, b the rest */
  /* runtime */
  if (theater_eq(msg, "ping")) {
    theater_log("pong");
  } else if (theater_eq(word, "log")) {
    theater_log_str(rest);
  } else if (theater_eq(msg, "state")) {
    theater_logf("state: %s", theater_or(theater_runtime_get_state(), "none"));
  } else if (theater_eq(msg, "chain")) {
    chain();
  } else if (theater_eq(msg, "exit")) {
    exit_twice(theater_none());
  } else if (theater_eq(word, "exit")) {
    exit_twice(theater_some(rest));
  /* message-server-host */
  } else if (theater_eq(word, "send")) {
    outcome(theater_message_server_host_send(a, b, &err), "send", NOTHING, err);
  } else if (theater_eq(word, "request")) {
    bool ok = theater_message_server_host_request(a, b, &reply, &err);
    outcome(ok, "request", reply, err);
  } else if (theater_eq(word, "open")) {
    bool ok = theater_message_server_host_open_channel(a, b, &text, &err);
    outcome(ok, "open", text, err);
  } else if (theater_eq(word, "say")) {
    outcome(theater_message_server_host_send_on_channel(a, b, &err), "say", NOTHING, err);
  } else if (theater_eq(word, "close")) {
    outcome(theater_message_server_host_close_channel(rest, &err), "close", NOTHING, err);
  } else if (theater_eq(msg, "outstanding")) {
    theater_logf("outstanding: %s", theater_join(theater_message_server_host_list_outstanding_requests(), ","));
  } else if (theater_eq(word, "respond")) {
    outcome(theater_message_server_host_respond_to_request(a, b, &err), "respond", NOTHING, err);
  } else if (theater_eq(word, "cancel")) {
    outcome(theater_message_server_host_cancel_request(rest, &err), "cancel", NOTHING, err);
  /* supervisor */
  } else if (theater_eq(word, "spawn")) {
    start_child(false, rest);
  } else if (theater_eq(word, "resume")) {
    start_child(true, rest);
  } else if (theater_eq(msg, "children")) {
    theater_logf("children: %s", theater_join(theater_supervisor_list_children(), ","));
  } else if (theater_eq(word, "stop-child")) {
    outcome(theater_supervisor_stop_child(rest, &err), "stop-child", rest, err);
  } else if (theater_eq(word, "restart-child")) {
    outcome(theater_supervisor_restart_child(rest, &err), "restart-child", rest, err);
  } else if (theater_eq(word, "child-state")) {
    theater_option_bytes_t s;
    if (theater_supervisor_get_child_state(rest, &s, &err)) theater_logf("child-state %s: %s", rest, theater_or(s, "none"));
    else outcome(false, "child-state", NOTHING, err);
  } else if (theater_eq(word, "child-events")) {
    child_events(rest);
  } else {
    return false;
  }
  return true;
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  uint32_t count = 0;
  theater_string_t last;
  theater_json_get_u32(state.value, "count", &count);
  bool has_last = theater_json_get_string(state.value, "last", &last);
  theater_string_t word, rest;
  theater_split(msg, ' ', &word, &rest);
  if (theater_eq(msg, "crash")) THEATER_TRAP();
  if (theater_eq(msg, "forget")) return theater_return_no_state();
  if (theater_eq(word, "fail")) return theater_return_err_str(rest);
  if (theater_eq(msg, "misuse")) return theater_return_response(state, theater_none());
  if (theater_eq(msg, "last")) {
    theater_logf("last: %s", has_last ? last : theater_str("none"));
  } else if (!command(msg)) {
    theater_log_with("got ", msg);
  }
  return theater_return_keep(probe_state(count + 1, msg, true));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

/* "later": answered later (response none); "fail": err; "misuse": the wrong helper; else "echo: <msg>" */
static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  if (theater_eq(msg, "later")) {
    theater_logf("deferred %s", request_id);
    return theater_return_response(state, theater_none());
  }
  if (theater_eq(msg, "fail")) return theater_return_err("asked to fail");
  if (theater_eq(msg, "misuse")) return theater_return_keep(state);
  return theater_return_response(theater_none(), theater_some(theater_format("echo: %s", msg)));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)

/* "no": refused; "quiet": accepted, no message; else accepted with "welcome <msg>" */
static theater_result_t handle_channel_open(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_logf("open asked %s", channel_id);
  if (theater_eq(msg, "no")) return theater_return_accept(state, false, theater_none());
  if (theater_eq(msg, "quiet")) return theater_return_accept(state, true, theater_none());
  return theater_return_accept(state, true, theater_some(theater_format("welcome %s", msg)));
}
THEATER_EXPORT_HANDLE_CHANNEL_OPEN(handle_channel_open)

static theater_result_t handle_channel_message(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_logf("heard %s: %s", channel_id, msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(handle_channel_message)

static theater_result_t handle_channel_close(theater_state_t state, theater_string_t channel_id) {
  theater_logf("channel closed %s", channel_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(handle_channel_close)

static theater_result_t child_error(theater_state_t state, theater_string_t child_id, theater_wit_actor_error_t error) {
  theater_logf("child-error %s %z %s", child_id, theater_wit_error_type_name(error.error_type), theater_or(error.data, "none"));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_ERROR(child_error)

static theater_result_t child_exit(theater_state_t state, theater_string_t child_id, theater_option_bytes_t data) {
  theater_logf("child-exit %s %s", child_id, theater_or(data, "none"));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXIT(child_exit)

static theater_result_t child_external_stop(theater_state_t state, theater_string_t child_id) {
  theater_logf("child-external-stop %s", child_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXTERNAL_STOP(child_external_stop)
