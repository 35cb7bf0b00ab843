/*
 * parent -- the supervising half of the supervision example (README.md here), written with the C guest SDK.
 *
 *   init                  spawns three workers from worker.toml (parent.worker-1 .. -3) and gives worker-n
 *                         n jobs; state {"workers":3}
 *   handle-send           "crash worker-<n>"  tells parent.worker-<n> to crash
 *                         "status"            logs each child and its state (supervisor.get-child-state)
 *                         anything else       logs "parent ignored: <msg>"
 *   handle-child-error    logs the failure; the one-for-one strategy in parent.toml restarts the child
 *   handle-child-exit     logs the exit
 *   handle-child-external-stop  logs the stop
 */
#include "theater.h"

static void tell(theater_string_t child, const char *msg) {
  theater_string_t err;
  if (!theater_message_server_host_send(child, theater_str(msg), &err)) theater_logf("could not tell %s: %s", child, err);
}

static theater_result_t init(theater_state_t state, theater_string_t id) {
  (void)state;
  (void)id;
  for (uint32_t n = 1; n <= 3; n++) {
    theater_string_t child, err;
    if (!theater_supervisor_spawn(theater_str("worker.toml"), theater_none(), &child, &err)) {
      theater_log_with("spawn failed: ", err);
      return theater_return_err_str(err);
    }
    theater_log_with("spawned ", child);
    for (uint32_t job = 0; job < n; job++) tell(child, "job");
  }
  return theater_return_state(theater_str("{\"workers\":3}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static void status(void) {
  theater_string_list_t children = theater_supervisor_list_children();
  for (uint32_t i = 0; i < children.len; i++) {
    theater_option_bytes_t child_state;
    theater_string_t err;
    if (theater_supervisor_get_child_state(children.ptr[i], &child_state, &err))
      theater_logf("%s has state %s", children.ptr[i], theater_or(child_state, "none"));
    else
      theater_logf("%s: %s", children.ptr[i], err);
  }
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_has_prefix(msg, "crash ")) {
    theater_string_t child = theater_format("parent.%s", theater_skip(msg, 6));
    theater_log_with("telling to crash: ", child);
    tell(child, "crash");
  } else if (theater_eq(msg, "status")) {
    status();
  } else {
    theater_log_with("parent ignored: ", msg);
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t child_error(theater_state_t state, theater_string_t child, theater_wit_actor_error_t error) {
  theater_logf("%s failed (%z); one-for-one restarts it", child, theater_wit_error_type_name(error.error_type));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_ERROR(child_error)

static theater_result_t child_exit(theater_state_t state, theater_string_t child, theater_option_bytes_t data) {
  (void)data;
  theater_log_with("exited: ", child);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXIT(child_exit)

static theater_result_t child_stopped(theater_state_t state, theater_string_t child) {
  theater_log_with("stopped: ", child);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHILD_EXTERNAL_STOP(child_stopped)
