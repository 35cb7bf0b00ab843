/*
 * sup-parent -- a parent actor for the supervisor handler's tests: every supervisor function on command, and
 * every supervisor-handlers export logging what it was told. Contract: test-actors/README.md, "sup-parent".
 *
 * handle-send commands (each logs one line):
 *   spawn <manifest>            spawn(manifest, none)          "spawned <id>" / "spawn failed: <e>"
 *   spawn-init <s> <manifest>   spawn(manifest, some(s))       as spawn
 *   resume <s|-> <manifest>     resume(manifest, s or none)    "resumed <id>" / "resume failed: <e>"
 *   list                        list-children()                "children: <id>,<id>"
 *   stop <id> / restart <id>    stop-child / restart-child     "stopped <id>" / "restarted <id>" / "... failed: <e>"
 *   state <id>                  get-child-state                "state <id>: <s>" (or "none") / "state failed: <e>"
 *   events <id>                 get-child-events               "events <id>: <n> <first type> <last type> <hex of last hash>"
 *   spawn-many <n> <manifest>   n spawns in this one call       "spawned <k> of <n>" (k that succeeded), then the first error if any
 *   crash                       traps (the parent fails)
 * A manifest is the rest of the message after the command (and the state), so it may be TOML text.
 * Built with SUP_QUIET (test-actors/sup-quiet): no supervisor-handlers exports.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("{}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

/* Logs "<what> failed: <err>". */
static void log_failed(const char *what, theater_string_t err) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, what);
  theater_buf_cstr(&l, " failed: ");
  theater_buf_str(&l, err);
  theater_log_str(theater_buf_string(&l));
}

/* "<done> <id>" on ok, "<what> failed: <err>" on err. */
static void log_unit(bool ok, const char *done, const char *what, theater_string_t id, theater_string_t err) {
  if (!ok) {
    log_failed(what, err);
    return;
  }
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, done);
  theater_buf_cstr(&l, " ");
  theater_buf_str(&l, id);
  theater_log_str(theater_buf_string(&l));
}

static void spawn_many(theater_string_t args) {
  theater_string_t count_text, manifest, err, first = {0, 0};
  theater_split(args, ' ', &count_text, &manifest);
  uint32_t count = theater_parse_u32(count_text), ok = 0;
  bool failed = false;
  for (uint32_t i = 0; i < count; i++) {
    if (theater_supervisor_spawn(manifest, theater_none(), 0, &err)) ok++;
    else if (!failed) { failed = true; first = err; }
  }
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "spawned ");
  theater_buf_u32(&l, ok);
  theater_buf_cstr(&l, " of ");
  theater_buf_u32(&l, count);
  if (failed) { theater_buf_cstr(&l, ": "); theater_buf_str(&l, first); }
  theater_log_str(theater_buf_string(&l));
}

/* spawn-init <s> <manifest> / resume <s|-> <manifest> */
static void spawn_with(bool resume, theater_string_t args) {
  theater_string_t init_text, manifest, child, err;
  theater_split(args, ' ', &init_text, &manifest);
  theater_option_bytes_t init = theater_eq(init_text, "-") ? theater_none() : theater_some(init_text);
  bool ok = resume ? theater_supervisor_resume(manifest, init, &child, &err)
                   : theater_supervisor_spawn(manifest, init, &child, &err);
  if (ok) theater_log_with(resume ? "resumed " : "spawned ", child);
  else log_failed(resume ? "resume" : "spawn", err);
}

static void list(void) {
  theater_string_list_t children = theater_supervisor_list_children();
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "children: ");
  for (uint32_t i = 0; i < children.len; i++) {
    if (i) theater_buf_cstr(&l, ",");
    theater_buf_str(&l, children.ptr[i]);
  }
  theater_log_str(theater_buf_string(&l));
}

static void state_of(theater_string_t id) {
  theater_option_bytes_t s;
  theater_string_t err;
  if (!theater_supervisor_get_child_state(id, &s, &err)) {
    log_failed("state", err);
    return;
  }
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "state ");
  theater_buf_str(&l, id);
  theater_buf_cstr(&l, ": ");
  if (s.is_some) theater_buf_str(&l, s.value);
  else theater_buf_cstr(&l, "none");
  theater_log_str(theater_buf_string(&l));
}

static void events_of(theater_string_t id) {
  theater_chain_event_list_t events;
  theater_string_t err;
  if (!theater_supervisor_get_child_events(id, &events, &err)) {
    log_failed("events", err);
    return;
  }
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "events ");
  theater_buf_str(&l, id);
  theater_buf_cstr(&l, ": ");
  theater_buf_u32(&l, events.len);
  if (events.len > 0) {
    const theater_chain_event_t *first = &events.ptr[0], *last = &events.ptr[events.len - 1];
    theater_buf_cstr(&l, " ");
    theater_buf_str(&l, first->event_type);
    theater_buf_cstr(&l, " ");
    theater_buf_str(&l, last->event_type);
    theater_buf_cstr(&l, " ");
    theater_buf_hex(&l, last->hash);
  }
  theater_log_str(theater_buf_string(&l));
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_string_t arg, err;
  theater_split(msg, ' ', 0, &arg);
  if (theater_eq(msg, "crash")) THEATER_TRAP();
  if (theater_has_prefix(msg, "spawn-many ")) spawn_many(arg);
  else if (theater_has_prefix(msg, "spawn ")) {
    theater_string_t child;
    if (theater_supervisor_spawn(arg, theater_none(), &child, &err)) theater_log_with("spawned ", child);
    else log_failed("spawn", err);
  } else if (theater_has_prefix(msg, "spawn-init ")) spawn_with(false, arg);
  else if (theater_has_prefix(msg, "resume ")) spawn_with(true, arg);
  else if (theater_eq(msg, "list")) list();
  else if (theater_has_prefix(msg, "stop ")) log_unit(theater_supervisor_stop_child(arg, &err), "stopped", "stop", arg, err);
  else if (theater_has_prefix(msg, "restart ")) log_unit(theater_supervisor_restart_child(arg, &err), "restarted", "restart", arg, err);
  else if (theater_has_prefix(msg, "state ")) state_of(arg);
  else if (theater_has_prefix(msg, "events ")) events_of(arg);
  else theater_log_with("unknown command: ", msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

#ifndef SUP_QUIET
/* supervisor-handlers: each logs what it was told and keeps the state. */

static theater_result_t child_error(theater_state_t state, theater_string_t child_id, theater_wit_actor_error_t error) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "child-error ");
  theater_buf_str(&l, child_id);
  theater_buf_cstr(&l, " ");
  theater_buf_cstr(&l, theater_wit_error_type_name(error.error_type));
  theater_buf_cstr(&l, " ");
  if (error.data.is_some) theater_buf_str(&l, error.data.value);
  else theater_buf_cstr(&l, "none");
  theater_log_str(theater_buf_string(&l));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_ERROR(child_error)

static theater_result_t child_exit(theater_state_t state, theater_string_t child_id, theater_option_bytes_t data) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "child-exit ");
  theater_buf_str(&l, child_id);
  theater_buf_cstr(&l, " ");
  if (data.is_some) theater_buf_str(&l, data.value);
  else theater_buf_cstr(&l, "none");
  theater_log_str(theater_buf_string(&l));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXIT(child_exit)

static theater_result_t child_external_stop(theater_state_t state, theater_string_t child_id) {
  theater_log_with("child-external-stop ", child_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXTERNAL_STOP(child_external_stop)
#endif
