/*
 * lifecycle -- a guest for the actor runtime's own tests: it misbehaves on request.
 *
 * imports  theater:simple/runtime.log(msg: string)
 * exports  theater:simple/actor#init                    logs "init <id>", state = "started"
 *          theater:simple/message-server-client#handle-send(state, (msg))
 *              msg "spin"  -> loops forever (the runtime must stop it at its deadline)
 *              msg "trap"  -> unreachable
 *              msg "fail"  -> returns err("asked to fail"), state unchanged
 *              msg "clear" -> returns ok with state none
 *              otherwise   -> logs "got <msg>", new state = msg
 * Per-call arena (sdk/c): memory stays at one page however many calls it serves.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_logf("init %s", actor_id);
  return theater_return_state(theater_str("started"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  (void)state;
  if (theater_eq(msg, "spin")) {
    volatile uint32_t spins = 0;
    for (;;) spins++;
  }
  if (theater_eq(msg, "trap")) THEATER_TRAP();
  if (theater_eq(msg, "fail")) return theater_return_err("asked to fail");
  if (theater_eq(msg, "clear")) return theater_return_no_state();
  theater_logf("got %s", msg);
  return theater_return_state(msg);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
