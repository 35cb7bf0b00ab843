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
  if (!s->has_pending) return theater_some(theater_format("{\"count\":%u}", s->count));
  return theater_some(theater_format("{\"count\":%u,\"pending\":\"%j\"}", s->count, s->pending));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("{\"count\":0}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  echo_state s = read_state(state);
  s.count++;
  theater_logf("echo got: %s", msg);
  theater_string_t err;
  if (theater_eq(msg, "answer") || theater_eq(msg, "cancel")) {
    bool answer = msg.ptr[0] == 'a';
    if (!s.has_pending) theater_log("nothing pending");
    else if (answer ? theater_message_server_host_respond_to_request(s.pending, theater_str("answered"), &err)
                    : theater_message_server_host_cancel_request(s.pending, &err))
      theater_logf("%z %s", answer ? "answered" : "cancelled", s.pending);
    else theater_logf("%z failed: %s", answer ? "answer" : "cancel", err);
  } else if (theater_eq(msg, "list")) {
    theater_logf("outstanding: %s", theater_join(theater_message_server_host_list_outstanding_requests(), ","));
  }
  return theater_return_keep(write_state(&s));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  echo_state s = read_state(state);
  s.count++;
  theater_logf("echo request: %s", msg);
  bool later = theater_has_prefix(msg, "later:");
  if (later) {
    theater_logf("deferred %s", request_id);
    s.has_pending = true;
    s.pending = request_id;
  }
  /* response: none (answer later) or some(the request bytes, the host's own buffer) */
  return theater_return_response(write_state(&s), later ? theater_none() : theater_some(msg));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)

static theater_result_t handle_channel_open(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  bool refuse = theater_eq(msg, "no");
  theater_logf("%z %s", refuse ? "refused" : "accepted", channel_id);
  if (refuse) return theater_return_accept(state, false, theater_none());
  return theater_return_accept(state, true, theater_some(theater_str("welcome")));
}
THEATER_EXPORT_HANDLE_CHANNEL_OPEN(handle_channel_open)

static theater_result_t handle_channel_message(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  theater_logf("channel %s: %s", channel_id, msg);
  theater_string_t err;
  if (!theater_message_server_host_send_on_channel(channel_id, theater_format("echo: %s", msg), &err))
    theater_logf("reply failed: %s", err);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(handle_channel_message)

static theater_result_t handle_channel_close(theater_state_t state, theater_string_t channel_id) {
  theater_logf("closed %s", channel_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(handle_channel_close)
