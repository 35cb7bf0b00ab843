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

static theater_buf_t line(const char *start) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, start);
  return l;
}
static void emit(theater_buf_t *l) { theater_runtime_log(theater_buf_string(l)); }

/* "<verb> ok[ <text>]" on ok, "<verb> failed: <err>" on err. */
static void outcome(bool ok, const char *verb, theater_string_t text, theater_string_t err) {
  theater_buf_t l = line(verb);
  if (ok) {
    theater_buf_cstr(&l, " ok");
    if (text.len) { theater_buf_cstr(&l, " "); theater_buf_str(&l, text); }
  } else {
    theater_buf_cstr(&l, " failed: ");
    theater_buf_str(&l, err);
  }
  emit(&l);
}
static const theater_string_t NOTHING = {0, 0};

static void put_list(theater_buf_t *l, theater_string_list_t items) {
  for (uint32_t i = 0; i < items.len; i++) {
    if (i) theater_buf_cstr(l, ",");
    theater_buf_str(l, items.ptr[i]);
  }
}
static void put_option(theater_buf_t *l, bool is_some, theater_bytes_t value) {
  if (is_some) theater_buf_str(l, value);
  else theater_buf_cstr(l, "none");
}
static void put_hex64(theater_buf_t *l, uint64_t v) {
  uint8_t be[8];
  for (int i = 0; i < 8; i++) be[i] = (uint8_t)(v >> (56 - 8 * i));
  theater_buf_hex(l, theater_bytes_of(be, 8));
}

/* ---- runtime ------------------------------------------------------------------------ */

/* "chain: <n> <linked|broken> <first>|<last>", each event "<type> <hash> <parent|none> <data length>"
 * (hashes as 16 hex digits: the first 8 bytes of the SHA-256, as get-chain gives them). */
static void chain(void) {
  theater_chain_t c = theater_runtime_get_chain();
  bool linked = c.len == 0 || !c.events[0].event.parent.is_some;
  for (uint32_t i = 1; i < c.len; i++)
    if (!c.events[i].event.parent.is_some || c.events[i].event.parent.value != c.events[i - 1].hash) linked = false;
  theater_buf_t l = line("chain: ");
  theater_buf_u32(&l, c.len);
  theater_buf_cstr(&l, linked ? " linked" : " broken");
  for (uint32_t k = 0; k < 2 && c.len; k++) {
    const theater_meta_event_t *e = &c.events[k == 0 ? 0 : c.len - 1];
    theater_buf_cstr(&l, k == 0 ? " " : "|");
    theater_buf_str(&l, e->event.event_type);
    theater_buf_cstr(&l, " ");
    put_hex64(&l, e->hash);
    theater_buf_cstr(&l, " ");
    if (e->event.parent.is_some) put_hex64(&l, e->event.parent.value);
    else theater_buf_cstr(&l, "none");
    theater_buf_cstr(&l, " ");
    theater_buf_u32(&l, e->event.data.len);
  }
  emit(&l);
}

/* shutdown(data) then shutdown(none): the first is accepted, the second is an error */
static void exit_twice(theater_option_bytes_t data) {
  theater_string_t err;
  outcome(theater_runtime_shutdown(data, &err), "shutdown", NOTHING, err);
  outcome(theater_runtime_shutdown(theater_none(), &err), "shutdown", NOTHING, err);
}

/* ---- supervisor -------------------------------------------------------------------- */

/* "<prefix>: <n>" then for the first and last event "|<type> <hash> <parent|none> <timestamp> <description|none> <data>" */
static void child_events(theater_string_t id) {
  theater_chain_event_list_t events;
  theater_string_t err;
  if (!theater_supervisor_get_child_events(id, &events, &err)) {
    outcome(false, "child-events", NOTHING, err);
    return;
  }
  theater_buf_t l = line("child-events ");
  theater_buf_str(&l, id);
  theater_buf_cstr(&l, ": ");
  theater_buf_u32(&l, events.len);
  for (uint32_t k = 0; k < 2 && events.len; k++) {
    const theater_chain_event_t *e = &events.ptr[k == 0 ? 0 : events.len - 1];
    theater_buf_cstr(&l, "|");
    theater_buf_str(&l, e->event_type);
    theater_buf_cstr(&l, " ");
    theater_buf_hex(&l, e->hash);
    theater_buf_cstr(&l, " ");
    if (e->parent_hash.is_some) theater_buf_hex(&l, e->parent_hash.value);
    else theater_buf_cstr(&l, "none");
    theater_buf_cstr(&l, " ");
    theater_buf_u64(&l, e->timestamp);
    theater_buf_cstr(&l, " ");
    put_option(&l, e->description.is_some, e->description.value);
    theater_buf_cstr(&l, " ");
    theater_buf_str(&l, e->data);
  }
  emit(&l);
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
  theater_buf_t l = line("init ");
  theater_buf_str(&l, actor_id);
  theater_buf_cstr(&l, " ");
  put_option(&l, state.is_some, state.value);
  emit(&l);
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
    theater_option_bytes_t s = theater_runtime_get_state();
    theater_buf_t l = line("state: ");
    put_option(&l, s.is_some, s.value);
    emit(&l);
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
    theater_buf_t l = line("outstanding: ");
    put_list(&l, theater_message_server_host_list_outstanding_requests());
    emit(&l);
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
    theater_buf_t l = line("children: ");
    put_list(&l, theater_supervisor_list_children());
    emit(&l);
  } else if (theater_eq(word, "stop-child")) {
    outcome(theater_supervisor_stop_child(rest, &err), "stop-child", rest, err);
  } else if (theater_eq(word, "restart-child")) {
    outcome(theater_supervisor_restart_child(rest, &err), "restart-child", rest, err);
  } else if (theater_eq(word, "child-state")) {
    theater_option_bytes_t s;
    if (theater_supervisor_get_child_state(rest, &s, &err)) {
      theater_buf_t l = line("child-state ");
      theater_buf_str(&l, rest);
      theater_buf_cstr(&l, ": ");
      put_option(&l, s.is_some, s.value);
      emit(&l);
    } else {
      outcome(false, "child-state", NOTHING, err);
    }
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
    theater_buf_t l = line("last: ");
    put_option(&l, has_last, last);
    emit(&l);
  } else if (!command(msg)) {
    theater_log_with("got ", msg);
  }
  return theater_return_keep(probe_state(count + 1, msg, true));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

/* "later": answered later (response none); "fail": err; "misuse": the wrong helper; else "echo: <msg>" */
static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  if (theater_eq(msg, "later")) {
    theater_log_with("deferred ", request_id);
    return theater_return_response(state, theater_none());
  }
  if (theater_eq(msg, "fail")) return theater_return_err("asked to fail");
  if (theater_eq(msg, "misuse")) return theater_return_keep(state);
  theater_buf_t r = line("echo: ");
  theater_buf_str(&r, msg);
  return theater_return_response(theater_none(), theater_some(theater_buf_bytes(&r)));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)

/* "no": refused; "quiet": accepted, no message; else accepted with "welcome <msg>" */
static theater_result_t handle_channel_open(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_log_with("open asked ", channel_id);
  if (theater_eq(msg, "no")) return theater_return_accept(state, false, theater_none());
  if (theater_eq(msg, "quiet")) return theater_return_accept(state, true, theater_none());
  theater_buf_t w = line("welcome ");
  theater_buf_str(&w, msg);
  return theater_return_accept(state, true, theater_some(theater_buf_bytes(&w)));
}
THEATER_EXPORT_HANDLE_CHANNEL_OPEN(handle_channel_open)

static theater_result_t handle_channel_message(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_buf_t l = line("heard ");
  theater_buf_str(&l, channel_id);
  theater_buf_cstr(&l, ": ");
  theater_buf_str(&l, msg);
  emit(&l);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(handle_channel_message)

static theater_result_t handle_channel_close(theater_state_t state, theater_string_t channel_id) {
  theater_log_with("channel closed ", channel_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(handle_channel_close)

static theater_result_t child_error(theater_state_t state, theater_string_t child_id, theater_wit_actor_error_t error) {
  theater_buf_t l = line("child-error ");
  theater_buf_str(&l, child_id);
  theater_buf_cstr(&l, " ");
  theater_buf_cstr(&l, theater_wit_error_type_name(error.error_type));
  theater_buf_cstr(&l, " ");
  put_option(&l, error.data.is_some, error.data.value);
  emit(&l);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_ERROR(child_error)

static theater_result_t child_exit(theater_state_t state, theater_string_t child_id, theater_option_bytes_t data) {
  theater_buf_t l = line("child-exit ");
  theater_buf_str(&l, child_id);
  theater_buf_cstr(&l, " ");
  put_option(&l, data.is_some, data.value);
  emit(&l);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXIT(child_exit)

static theater_result_t child_external_stop(theater_state_t state, theater_string_t child_id) {
  theater_log_with("child-external-stop ", child_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXTERNAL_STOP(child_external_stop)
