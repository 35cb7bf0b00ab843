/*
 * ms-cycle -- two instances make a synchronous request cycle: A requests B,
 * and B, while handling it, requests A (which is still waiting for B).
 * Contract: test-actors/README.md, section "ms-cycle".
 *
 *   handle-send "start <other>"          request(other, "bounce <self>"); logs "reply: <r>" / "request failed: <e>"
 *   handle-send "start <other> <target>" request(other, "bounce <target>"), same logs
 *   handle-request "bounce <x>"          logs "asking <x>"; request(x, "hello"); logs "got: <r>" /
 *                                        "request failed: <e>"; responds "b-saw: <r>" / "b-saw: request failed: <e>"
 *   handle-request "hello"               logs "answering hello"; responds "hello back"
 *   handle-request anything else         responds "unknown: <msg>"
 * State: {"id":"<self>"} from init, never changed.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_string_field(&b, "id", actor_id);
  return theater_return_state(theater_json_close(&b));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_has_prefix(msg, "start ")) {
    theater_string_t other, target, reply, err;
    theater_buf_t q;
    theater_buf_init(&q);
    theater_buf_cstr(&q, "bounce ");
    if (theater_split(theater_skip(msg, 6), ' ', &other, &target)) {
      theater_buf_str(&q, target); /* explicit target */
    } else {
      theater_string_t self = {0, 0};
      theater_json_get_string(state.value, "id", &self);
      theater_buf_str(&q, self);
    }
    if (theater_message_server_host_request(other, theater_buf_bytes(&q), &reply, &err)) theater_log_with("reply: ", reply);
    else theater_log_with("request failed: ", err);
  } else {
    theater_log_with("unknown command: ", msg);
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  theater_buf_t resp;
  theater_buf_init(&resp);
  if (theater_has_prefix(msg, "bounce ")) {
    theater_string_t x = theater_skip(msg, 7), reply, err;
    theater_log_with("asking ", x);
    theater_buf_cstr(&resp, "b-saw: ");
    if (theater_message_server_host_request(x, theater_str("hello"), &reply, &err)) {
      theater_log_with("got: ", reply);
      theater_buf_str(&resp, reply);
    } else {
      theater_log_with("request failed: ", err);
      theater_buf_cstr(&resp, "request failed: ");
      theater_buf_str(&resp, err);
    }
  } else if (theater_eq(msg, "hello")) {
    theater_log("answering hello");
    theater_buf_cstr(&resp, "hello back");
  } else {
    theater_buf_cstr(&resp, "unknown: ");
    theater_buf_str(&resp, msg);
  }
  return theater_return_response(state, theater_some(theater_buf_bytes(&resp)));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
