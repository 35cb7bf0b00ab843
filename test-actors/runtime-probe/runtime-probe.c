/*
 * runtime-probe -- a guest for the runtime handler's tests (README.md of the
 * runtime handler, "Test guest"). Imports all of theater:simple/runtime.
 *
 *   init(state, (id))       logs "probe <id>"; state {"n":0}
 *   handle-send "state"     get-state(): logs "state: <json>" or "state: none"
 *   handle-send "chain"     get-chain(): logs "chain: <count> <linked|broken> <types,joined,by,comma>"
 *                           (linked: the first event has no parent and every other
 *                           event's parent equals the previous event's hash)
 *   handle-send "stop"      shutdown(some({"bye":1})) twice: logs "shutdown ok" or
 *                           "shutdown failed: <E>" for each call
 *   handle-send other       logs "said: <msg>"
 *   every handle-send returns state {"n":N+1} (N read from the state)
 */
#include "theater.h"

static theater_result_t n_state(uint32_t n) {
  return theater_return_state(theater_format("{\"n\":%u}", n));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_logf("probe %s", actor_id);
  return n_state(0);
}
THEATER_EXPORT_ACTOR_INIT(init)

static void do_state(void) {
  theater_logf("state: %s", theater_or(theater_runtime_get_state(), "none"));
}

static void do_chain(void) {
  theater_chain_t chain = theater_runtime_get_chain();
  bool linked = true;
  theater_buf_t types;
  theater_buf_init(&types);
  for (uint32_t i = 0; i < chain.len; i++) {
    const theater_meta_event_t *e = &chain.events[i];
    if (i == 0) {
      if (e->event.parent.is_some) linked = false;
    } else {
      if (!e->event.parent.is_some || e->event.parent.value != chain.events[i - 1].hash) linked = false;
      theater_buf_cstr(&types, ",");
    }
    theater_buf_str(&types, e->event.event_type);
  }
  theater_logf("chain: %u %z %s", chain.len, linked ? "linked" : "broken", theater_buf_string(&types));
}

static void do_stop(void) {
  for (int i = 0; i < 2; i++) {
    theater_string_t err;
    if (theater_runtime_shutdown(theater_some(theater_str("{\"bye\":1}")), &err)) theater_log("shutdown ok");
    else theater_logf("shutdown failed: %s", err);
  }
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  uint32_t n = 0;
  theater_json_get_u32(state.value, "n", &n);
  if (theater_eq(msg, "state")) do_state();
  else if (theater_eq(msg, "chain")) do_chain();
  else if (theater_eq(msg, "stop")) do_stop();
  else theater_logf("said: %s", msg);
  return n_state(n + 1);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
