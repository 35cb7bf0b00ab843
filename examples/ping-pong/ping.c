/*
 * ping -- the asking half of the ping-pong example (README.md here), written
 * with the C guest SDK (sdk/c).
 *
 *   init                 logs "ping starting"; send("pong", "hello from ping");
 *                        then a round: request("pong", "ping 1") .. "ping 3",
 *                        logging "ping got: <reply>" for each; logs "ping done".
 *                        state {"sent":3}
 *   handle-send "again"  another round: "ping N+1" .. "ping N+3" (N from the
 *                        state), "ping done"; state {"sent":N+3}
 *   handle-send "stop"   logs "ping stopping"; runtime.shutdown(none)
 */
#include "theater.h"

/* Requests "ping <sent+1>" .. "ping <sent+3>" from pong; returns the new count. */
static uint32_t round3(uint32_t sent) {
  for (uint32_t i = 1; i <= 3; i++) {
    theater_bytes_t reply;
    theater_string_t err;
    if (theater_message_server_host_request(theater_str("pong"), theater_format("ping %u", sent + i), &reply, &err))
      theater_logf("ping got: %s", reply);
    else
      theater_logf("ping failed: %s", err);
  }
  theater_log("ping done");
  return sent + 3;
}

static theater_result_t sent_state(uint32_t sent) {
  return theater_return_state(theater_format("{\"sent\":%u}", sent));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  theater_log("ping starting");
  theater_string_t err;
  if (!theater_message_server_host_send(theater_str("pong"), theater_str("hello from ping"), &err))
    theater_logf("send failed: %s", err);
  return sent_state(round3(0));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  uint32_t sent = 0;
  theater_json_get_u32(state.value, "sent", &sent);
  if (theater_eq(msg, "again")) {
    sent = round3(sent);
  } else if (theater_eq(msg, "stop")) {
    theater_log("ping stopping");
    theater_string_t err;
    if (!theater_runtime_shutdown(theater_none(), &err)) theater_logf("shutdown failed: %s", err);
  } else {
    theater_logf("ping ignored: %s", msg);
  }
  return sent_state(sent);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
