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
  if (!theater_message_server_host_send(child, theater_str(msg), &err)) {
    theater_buf_t line;
    theater_buf_init(&line);
    theater_buf_cstr(&line, "could not tell ");
    theater_buf_str(&line, child);
    theater_buf_cstr(&line, ": ");
    theater_buf_str(&line, err);
    theater_log_str(theater_buf_string(&line));
  }
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
    theater_buf_t line;
    theater_buf_init(&line);
    theater_buf_str(&line, children.ptr[i]);
    theater_option_bytes_t child_state;
    theater_string_t err;
    if (theater_supervisor_get_child_state(children.ptr[i], &child_state, &err)) {
      theater_buf_cstr(&line, " has state ");
      if (child_state.is_some) theater_buf_str(&line, child_state.value);
      else theater_buf_cstr(&line, "none");
    } else {
      theater_buf_cstr(&line, ": ");
      theater_buf_str(&line, err);
    }
    theater_log_str(theater_buf_string(&line));
  }
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  if (theater_has_prefix(msg, "crash ")) {
    theater_buf_t child;
    theater_buf_init(&child);
    theater_buf_cstr(&child, "parent.");
    theater_buf_str(&child, theater_skip(msg, 6));
    theater_log_with("telling to crash: ", theater_buf_string(&child));
    tell(theater_buf_string(&child), "crash");
  } else if (theater_eq(msg, "status")) {
    status();
  } else {
    theater_log_with("parent ignored: ", msg);
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t child_error(theater_state_t state, theater_string_t child, theater_wit_actor_error_t error) {
  theater_buf_t line;
  theater_buf_init(&line);
  theater_buf_str(&line, child);
  theater_buf_cstr(&line, " failed (");
  theater_buf_cstr(&line, theater_wit_error_type_name(error.error_type));
  theater_buf_cstr(&line, "); one-for-one restarts it");
  theater_log_str(theater_buf_string(&line));
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
