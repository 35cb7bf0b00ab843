/*
 * ms-channels -- opens a channel, talks on it and closes it, on command.
 * Contract: test-actors/README.md, section "ms-channels".
 *
 *   handle-send "open <target> <text>"  open-channel(target, text); logs "opened <id>" / "open failed: <e>"
 *   handle-send "say <text>"            send-on-channel(stored id, text); logs "said" / "say failed: <e>"
 *   handle-send "close"                 close-channel(stored id); logs "closed" / "close failed: <e>"
 *   handle-channel-message              logs "heard: <msg>"
 *   handle-channel-close                logs "remote closed <id>"
 * State: {} until a channel is opened, then {"channel":"<id>"} (kept after close).
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("{}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_string_t channel, err;
  bool has = theater_json_get_string(state.value, "channel", &channel);
  if (theater_has_prefix(msg, "open ")) {
    theater_string_t target, text, opened;
    theater_split(theater_skip(msg, 5), ' ', &target, &text);
    if (theater_message_server_host_open_channel(target, text, &opened, &err)) {
      theater_logf("opened %s", opened);
      return theater_return_state(theater_format("{\"channel\":\"%j\"}", opened));
    }
    theater_logf("open failed: %s", err);
  } else if (theater_has_prefix(msg, "say ") || theater_eq(msg, "close")) {
    bool say = msg.ptr[0] == 's';
    if (!has) theater_log("no channel");
    else if (say ? theater_message_server_host_send_on_channel(channel, theater_skip(msg, 4), &err)
                 : theater_message_server_host_close_channel(channel, &err))
      theater_log(say ? "said" : "closed");
    else theater_logf("%z failed: %s", say ? "say" : "close", err);
  } else {
    theater_logf("unknown command: %s", msg);
  }
  return theater_return_keep(state); /* state unchanged */
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_channel_message(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg) {
  (void)channel_id;
  theater_logf("heard: %s", msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(handle_channel_message)

static theater_result_t handle_channel_close(theater_state_t state, theater_string_t channel_id) {
  theater_logf("remote closed %s", channel_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(handle_channel_close)
