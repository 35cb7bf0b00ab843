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

/* "<done> <text>" on ok, "<what> failed: <err>" on err. */
static void outcome(bool ok, const char *done, theater_string_t text, const char *what, theater_string_t err) {
  if (ok) theater_logf("%z %s", done, text);
  else theater_logf("%z failed: %s", what, err);
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
  if (failed) theater_logf("spawned %u of %u: %s", ok, count, first);
  else theater_logf("spawned %u of %u", ok, count);
}

/* spawn-init <s> <manifest> / resume <s|-> <manifest> */
static void spawn_with(bool resume, theater_string_t args) {
  theater_string_t init_text, manifest, child, err;
  theater_split(args, ' ', &init_text, &manifest);
  theater_option_bytes_t init = theater_eq(init_text, "-") ? theater_none() : theater_some(init_text);
  bool ok = resume ? theater_supervisor_resume(manifest, init, &child, &err)
                   : theater_supervisor_spawn(manifest, init, &child, &err);
  outcome(ok, resume ? "resumed" : "spawned", child, resume ? "resume" : "spawn", err);
}

static void state_of(theater_string_t id) {
  theater_option_bytes_t s;
  theater_string_t err;
  if (theater_supervisor_get_child_state(id, &s, &err)) theater_logf("state %s: %s", id, theater_or(s, "none"));
  else theater_logf("state failed: %s", err);
}

static void events_of(theater_string_t id) {
  theater_chain_event_list_t events;
  theater_string_t err;
  if (!theater_supervisor_get_child_events(id, &events, &err)) {
    theater_logf("events failed: %s", err);
  } else if (events.len == 0) {
    theater_logf("events %s: 0", id);
  } else {
    const theater_chain_event_t *first = &events.ptr[0], *last = &events.ptr[events.len - 1];
    theater_logf("events %s: %u %s %s %x", id, events.len, first->event_type, last->event_type, last->hash);
  }
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_string_t arg, child, err;
  theater_split(msg, ' ', 0, &arg);
  if (theater_eq(msg, "crash")) THEATER_TRAP();
  if (theater_has_prefix(msg, "spawn-many ")) spawn_many(arg);
  else if (theater_has_prefix(msg, "spawn "))
    outcome(theater_supervisor_spawn(arg, theater_none(), &child, &err), "spawned", child, "spawn", err);
  else if (theater_has_prefix(msg, "spawn-init ")) spawn_with(false, arg);
  else if (theater_has_prefix(msg, "resume ")) spawn_with(true, arg);
  else if (theater_eq(msg, "list")) theater_logf("children: %s", theater_join(theater_supervisor_list_children(), ","));
  else if (theater_has_prefix(msg, "stop ")) outcome(theater_supervisor_stop_child(arg, &err), "stopped", arg, "stop", err);
  else if (theater_has_prefix(msg, "restart "))
    outcome(theater_supervisor_restart_child(arg, &err), "restarted", arg, "restart", err);
  else if (theater_has_prefix(msg, "state ")) state_of(arg);
  else if (theater_has_prefix(msg, "events ")) events_of(arg);
  else theater_logf("unknown command: %s", msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

#ifndef SUP_QUIET
/* supervisor-handlers: each logs what it was told and keeps the state. */

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
#endif
