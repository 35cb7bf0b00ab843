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

static theater_state_t count_state(uint32_t count) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "count", count);
  return theater_some(theater_json_close(&b));
}

static uint32_t next_count(theater_state_t state) {
  uint32_t count = 0;
  theater_json_get_u32(state.value, "count", &count);
  return count + 1;
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  theater_log("pong ready");
  return theater_return_keep(count_state(0));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_log_with("pong got: ", msg);
  return theater_return_keep(count_state(next_count(state)));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  theater_buf_t reply;
  theater_buf_init(&reply);
  theater_buf_cstr(&reply, "pong ");
  theater_buf_str(&reply, theater_skip(msg, theater_has_prefix(msg, "ping ") ? 5 : 0));
  theater_log_str(theater_buf_string(&reply));
  return theater_return_response(count_state(next_count(state)), theater_some(theater_buf_bytes(&reply)));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
