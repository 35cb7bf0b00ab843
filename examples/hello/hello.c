/*
 * hello -- the first example Theater actor, written with the C guest SDK (sdk/c).
 *
 *   init(state, (actor-id))      logs "hello from <actor-id>", state := {"greeted":1}
 *   handle-send(state, (msg))    logs "got: <msg>", state := {"greeted":N+1}
 *                                where N is read back from the current state.
 *
 * Built freestanding with clang (see test-actors/build.sh); see README.md here.
 */
#include "theater.h"

/* The first run of decimal digits in the state (0 if none / no state). */
static uint32_t first_number(theater_state_t state) {
  theater_bytes_t s = state.value;
  uint32_t i = 0;
  while (i < s.len && (s.ptr[i] < '0' || s.ptr[i] > '9')) i++;
  return theater_parse_u32(theater_skip(s, i));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_logf("hello from %s", actor_id);
  return theater_return_state(theater_str("{\"greeted\":1}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_logf("got: %s", msg);
  return theater_return_state(theater_format("{\"greeted\":%u}", first_number(state) + 1));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
