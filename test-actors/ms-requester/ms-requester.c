/*
 * ms-requester -- sends one-way messages and requests on command.
 * Contract: test-actors/README.md, section "ms-requester".
 *
 *   handle-send "ask <target> <text>"   request(target, text); logs "reply: <r>" / "request failed: <e>"
 *   handle-send "tell <target> <text>"  send(target, text);    logs "sent" / "send failed: <e>"
 * State: {"count":N}, N = handle-send calls since init.
 */
#include "theater.h"

static theater_result_t count_state(uint32_t count) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "count", count);
  return theater_return_state(theater_json_close(&b));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return count_state(0);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  uint32_t count = 0;
  theater_json_get_u32(state.value, "count", &count);
  bool ask = theater_has_prefix(msg, "ask "), tell = theater_has_prefix(msg, "tell ");
  if (ask || tell) {
    theater_string_t target, text, err;
    theater_split(theater_skip(msg, ask ? 4 : 5), ' ', &target, &text);
    theater_bytes_t reply;
    if (ask) {
      if (theater_message_server_host_request(target, text, &reply, &err)) theater_log_with("reply: ", reply);
      else theater_log_with("request failed: ", err);
    } else {
      if (theater_message_server_host_send(target, text, &err)) theater_log("sent");
      else theater_log_with("send failed: ", err);
    }
  } else {
    theater_log_with("unknown command: ", msg);
  }
  return count_state(count + 1);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
