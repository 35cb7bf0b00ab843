/*
 * sup-child -- a child for the supervisor handler's tests. State: the decimal count of "inc" messages, or what
 * init was given. Contract: test-actors/README.md, "sup-child".
 *
 *   init(state, id)   state "poison" -> err("poisoned"); else logs "init <id> <state|none>", state = it or "0"
 *   handle-send  "inc"          state + 1 (decimal)            "crash"  traps
 *                "exit <data>"  runtime.shutdown(some(data))   "exit"   runtime.shutdown(none)
 *                "spin"         loops forever                  "set <s>" state = s
 *                anything else  logs "got <msg>"
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  if (state.is_some && theater_eq(state.value, "poison")) return theater_return_err("poisoned");
  theater_logf("init %s %s", actor_id, theater_or(state, "none"));
  return state.is_some ? theater_return_keep(state) : theater_return_state(theater_str("0"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_eq(msg, "crash")) THEATER_TRAP();
  if (theater_eq(msg, "spin")) {
    volatile uint32_t k = 0;
    for (;;) k++;
  }
  if (theater_eq(msg, "inc")) {
    return theater_return_state(theater_format("%u", theater_parse_u32(state.value) + 1));
  }
  if (theater_has_prefix(msg, "set ")) return theater_return_state(theater_skip(msg, 4)); /* "set poison", then "crash": init fails */
  if (theater_eq(msg, "exit") || theater_has_prefix(msg, "exit ")) {
    theater_option_bytes_t data = msg.len > 5 ? theater_some(theater_skip(msg, 5)) : theater_none();
    theater_string_t err;
    if (!theater_runtime_shutdown(data, &err)) theater_logf("shutdown failed: %s", err);
    return theater_return_keep(state);
  }
  theater_logf("got %s", msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
