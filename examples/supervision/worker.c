/*
 * worker -- a child of the supervision example (README.md here), written with the C guest SDK.
 * State: {"jobs":N}, the jobs it has done.
 *
 *   init         no state (a first start): logs "ready", state {"jobs":0};
 *                a state (a restart: the supervisor hands over the last state): logs "back with <state>"
 *   handle-send  "job"    jobs + 1, logs "did job <N>"
 *                "crash"  logs "crashing" and traps: the actor fails and its parent is told
 *                else     logs "worker ignored: <msg>"
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t id) {
  (void)id;
  if (!state.is_some) {
    theater_log("ready");
    return theater_return_state(theater_str("{\"jobs\":0}"));
  }
  theater_log_with("back with ", state.value);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_eq(msg, "crash")) {
    theater_log("crashing");
    THEATER_TRAP();
  }
  if (!theater_eq(msg, "job")) {
    theater_log_with("worker ignored: ", msg);
    return theater_return_keep(state);
  }
  uint32_t jobs = 0;
  if (state.is_some) theater_json_get_u32(state.value, "jobs", &jobs);
  jobs++;
  theater_buf_t line;
  theater_buf_init(&line);
  theater_buf_cstr(&line, "did job ");
  theater_buf_u32(&line, jobs);
  theater_log_str(theater_buf_string(&line));
  theater_buf_t next;
  theater_buf_init(&next);
  theater_json_object(&next);
  theater_json_u32_field(&next, "jobs", jobs);
  return theater_return_state(theater_json_close(&next));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
