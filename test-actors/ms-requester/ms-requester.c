/*
 * ms-requester -- sends one-way messages and requests on command.
 * Contract: test-actors/README.md, section "ms-requester".
 *
 *   handle-send "ask <target> <text>"   request(target, text); logs "reply: <r>" / "request failed: <e>"
 *   handle-send "tell <target> <text>"  send(target, text);    logs "sent" / "send failed: <e>"
 * State: {"count":N}, N = handle-send calls since init.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("{\"count\":0}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  uint32_t count = 0;
  theater_json_get_u32(state.value, "count", &count);
  theater_string_t target, text, err;
  theater_bytes_t reply;
  if (theater_has_prefix(msg, "ask ")) {
    theater_split(theater_skip(msg, 4), ' ', &target, &text);
    if (theater_message_server_host_request(target, text, &reply, &err)) theater_logf("reply: %s", reply);
    else theater_logf("request failed: %s", err);
  } else if (theater_has_prefix(msg, "tell ")) {
    theater_split(theater_skip(msg, 5), ' ', &target, &text);
    if (theater_message_server_host_send(target, text, &err)) theater_log("sent");
    else theater_logf("send failed: %s", err);
  } else {
    theater_logf("unknown command: %s", msg);
  }
  return theater_return_state(theater_format("{\"count\":%u}", count + 1));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
