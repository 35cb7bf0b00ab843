/*
 * pong -- the answering half of the ping-pong example (README.md here), written
 * with the C guest SDK (sdk/c).
 *
 *   init            logs "pong ready"; state {"count":0}
 *   handle-send     logs "pong got: <msg>"; count + 1
 *   handle-request  replies "pong <rest>" where <rest> is the message without a
 *                   leading "ping " ("ping 2" -> "pong 2"); logs the reply; count + 1
 */
#include "theater.h"

/* {"count":N+1}, N read from the state (0 if none) */
static theater_state_t counted(theater_state_t state) {
  uint32_t count = 0;
  theater_json_get_u32(state.value, "count", &count);
  return theater_some(theater_format("{\"count\":%u}", count + 1));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  theater_log("pong ready");
  return theater_return_state(theater_str("{\"count\":0}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_logf("pong got: %s", msg);
  return theater_return_keep(counted(state));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  theater_string_t reply = theater_format("pong %s", theater_skip(msg, theater_has_prefix(msg, "ping ") ? 5 : 0));
  theater_log_str(reply);
  return theater_return_response(counted(state), theater_some(reply));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
