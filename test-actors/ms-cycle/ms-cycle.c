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
  return theater_return_state(theater_format("{\"id\":\"%j\"}", actor_id));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_has_prefix(msg, "start ")) {
    theater_string_t other, target, reply, err;
    if (!theater_split(theater_skip(msg, 6), ' ', &other, &target)) { /* no explicit target: self */
      target = theater_string_of(0, 0);
      theater_json_get_string(state.value, "id", &target);
    }
    if (theater_message_server_host_request(other, theater_format("bounce %s", target), &reply, &err))
      theater_logf("reply: %s", reply);
    else theater_logf("request failed: %s", err);
  } else {
    theater_logf("unknown command: %s", msg);
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  theater_string_t resp;
  if (theater_has_prefix(msg, "bounce ")) {
    theater_string_t x = theater_skip(msg, 7), reply, err;
    theater_logf("asking %s", x);
    if (theater_message_server_host_request(x, theater_str("hello"), &reply, &err)) {
      theater_logf("got: %s", reply);
      resp = theater_format("b-saw: %s", reply);
    } else {
      theater_logf("request failed: %s", err);
      resp = theater_format("b-saw: request failed: %s", err);
    }
  } else if (theater_eq(msg, "hello")) {
    theater_log("answering hello");
    resp = theater_str("hello back");
  } else {
    resp = theater_format("unknown: %s", msg);
  }
  return theater_return_response(state, theater_some(resp));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
