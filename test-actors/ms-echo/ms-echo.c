/*
 * ms-echo -- the message-server target: one-way sends, requests (answered at
 * once or later), and channels (accepted or refused).
 * Contract: test-actors/README.md, section "ms-echo".
 *
 * State: {"count":N} or {"count":N,"pending":"<request id>"}; N counts the
 * handle-send and handle-request calls since init.
 */
#include "theater.h"

typedef struct {
  uint32_t count;
  bool has_pending;
  theater_string_t pending;
} echo_state;

static echo_state read_state(theater_state_t state) {
  echo_state s = {0, false, {0, 0}};
  theater_json_get_u32(state.value, "count", &s.count);
  s.has_pending = theater_json_get_string(state.value, "pending", &s.pending);
  return s;
}

static theater_state_t write_state(const echo_state *s) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "count", s->count);
  if (s->has_pending) theater_json_string_field(&b, "pending", s->pending);
  return theater_some(theater_json_close(&b));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  echo_state s = {0, false, {0, 0}};
  return theater_return_keep(write_state(&s));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  echo_state s = read_state(state);
  s.count++;
  theater_log_with("echo got: ", msg);
  theater_string_t err;
  if (theater_eq(msg, "answer") || theater_eq(msg, "cancel")) {
    bool answer = msg.ptr[0] == 'a';
    if (!s.has_pending) {
      theater_log("nothing pending");
    } else if (answer ? theater_message_server_host_respond_to_request(s.pending, theater_str("answered"), &err)
                      : theater_message_server_host_cancel_request(s.pending, &err)) {
      theater_log_with(answer ? "answered " : "cancelled ", s.pending);
    } else {
      theater_log_with(answer ? "answer failed: " : "cancel failed: ", err);
    }
  } else if (theater_eq(msg, "list")) {
    theater_string_list_t ids = theater_message_server_host_list_outstanding_requests();
    theater_buf_t l;
    theater_buf_init(&l);
    theater_buf_cstr(&l, "outstanding: ");
    for (uint32_t i = 0; i < ids.len; i++) {
      if (i) theater_buf_cstr(&l, ",");
      theater_buf_str(&l, ids.ptr[i]);
    }
    theater_log_str(theater_buf_string(&l));
  }
  return theater_return_keep(write_state(&s));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  echo_state s = read_state(state);
  s.count++;
  theater_log_with("echo request: ", msg);
  bool later = theater_has_prefix(msg, "later:");
  if (later) {
    theater_log_with("deferred ", request_id);
    s.has_pending = true;
    s.pending = request_id;
  }
  /* response: none (answer later) or some(the request bytes, the host's own buffer) */
  return theater_return_response(write_state(&s), later ? theater_none() : theater_some(msg));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)

static theater_result_t handle_channel_open(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  if (theater_eq(msg, "no")) {
    theater_log_with("refused ", channel_id);
    return theater_return_accept(state, false, theater_none());
  }
  theater_log_with("accepted ", channel_id);
  return theater_return_accept(state, true, theater_some(theater_str("welcome")));
}
THEATER_EXPORT_HANDLE_CHANNEL_OPEN(handle_channel_open)

static theater_result_t handle_channel_message(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, "channel ");
  theater_buf_str(&l, channel_id);
  theater_buf_cstr(&l, ": ");
  theater_buf_str(&l, msg);
  theater_log_str(theater_buf_string(&l));
  theater_buf_t reply;
  theater_buf_init(&reply);
  theater_buf_cstr(&reply, "echo: ");
  theater_buf_str(&reply, msg);
  theater_string_t err;
  if (!theater_message_server_host_send_on_channel(channel_id, theater_buf_bytes(&reply), &err))
    theater_log_with("reply failed: ", err);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(handle_channel_message)

static theater_result_t handle_channel_close(theater_state_t state, theater_string_t channel_id) {
  theater_log_with("closed ", channel_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(handle_channel_close)
