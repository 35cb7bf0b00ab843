/*
 * bench-sender -- the sending end of the runtime benchmarks (theater-benchmarks/README-runtime.md).
 * Contract: test-actors/README.md, section "bench guests".
 *
 *   handle-send "<n> <target>"      calls send(target, PAYLOAD) n times
 *   handle-send "req <n> <target>"  calls request(target, PAYLOAD) n times (a response other than
 *                                   PAYLOAD counts as an error)
 *   anything else                   logs "unknown command: <msg>"; ok = errors = 0
 * PAYLOAD: the fixed 100-byte JSON string "xxx...x" (2 quotes + 98 'x').
 * State after each command: {"ok":K,"errors":E} for that command (not cumulative). The first error
 * text of a command is logged as "error: <E>" (one log call at most per command).
 */
#include "theater.h"

#define PAYLOAD_LEN 100
static const uint8_t PAYLOAD[PAYLOAD_LEN + 1] =
    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"";

static theater_result_t counts_state(uint32_t ok, uint32_t errors) {
  return theater_return_state(theater_format("{\"ok\":%u,\"errors\":%u}", ok, errors));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return counts_state(0, 0);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  (void)state;
  bool req = theater_has_prefix(msg, "req ");
  uint32_t i = req ? 4 : 0, digits = 0;
  while (i + digits < msg.len && msg.ptr[i + digits] >= '0' && msg.ptr[i + digits] <= '9') digits++;
  if (digits == 0 || i + digits >= msg.len || msg.ptr[i + digits] != ' ') {
    theater_logf("unknown command: %s", msg);
    return counts_state(0, 0);
  }
  uint32_t n = theater_parse_u32(theater_skip(msg, i));
  theater_string_t target = theater_skip(msg, i + digits + 1);
  theater_bytes_t payload = theater_bytes_of(PAYLOAD, PAYLOAD_LEN);
  uint32_t ok = 0, errors = 0;
  for (uint32_t k = 0; k < n; k++) {
    /* whatever the host allocates for this call's result (err text, response) is dropped after it
     * is checked, so memory does not grow with n */
    uint32_t mark = theater_heap_mark();
    theater_string_t err;
    theater_bytes_t response;
    if (req ? theater_message_server_host_request(target, payload, &response, &err)
            : theater_message_server_host_send(target, payload, &err)) {
      if (!req || theater_eq_str(response, payload)) {
        ok++;
      } else {
        if (errors == 0) theater_logf("error: unexpected response %s", response);
        errors++;
      }
    } else {
      if (errors == 0) theater_logf("error: %s", err);
      errors++;
    }
    theater_heap_release(mark);
  }
  return counts_state(ok, errors);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
