/*
 * bench-sink -- the receiving end of the runtime benchmarks (theater-benchmarks/README-runtime.md).
 * Contract: test-actors/README.md, section "bench guests".
 *
 *   init            state "0"
 *   handle-send     state = decimal count + 1 (the message is ignored)
 *   handle-request  responds some(msg) (the request bytes unchanged); state unchanged
 * State: the decimal count of handle-send calls as JSON bytes ("0", "1", ...); none reads as 0.
 * Imports nothing.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("0"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  (void)msg;
  return theater_return_state(theater_format("%u", theater_parse_u32(state.value) + 1));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  return theater_return_response(state, theater_some(msg));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
