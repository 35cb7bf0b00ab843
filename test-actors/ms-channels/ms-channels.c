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
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "open-channel")
void host_open_channel(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "send-on-channel")
void host_send_on_channel(const u8 *cid, u32 cid_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "close-channel")
void host_close_channel(const u8 *cid, u32 cid_len, void *retptr);

EXPORT("theater:simple/actor#init")
u32 ch_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  u32 r = ms_ret_state(1, (const u8 *)"{}", 2);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void ch_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 ch_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u8 *cid = 0;
  u32 cid_n = 0;
  int has = sd ? json_get_str(sp, sn, "\"channel\":\"", &cid, &cid_n) : 0;
  const u8 *e;
  u32 en;
  u32 r = 0;
  if (has_prefix(msg, msg_len, "open ")) {
    u32 t1 = find_space(msg, msg_len, 5);
    u32 x0 = t1 < msg_len ? t1 + 1 : msg_len;
    host_open_channel(msg + 5, t1 - 5, msg + x0, msg_len - x0, ms_imp_begin());
    if (ms_imp_end(&e, &en)) {
      log3("opened ", e, en, "");
      buf_t b;
      buf_init(&b);
      buf_cstr(&b, "{\"channel\":\"");
      buf_json_str(&b, e, en);
      buf_cstr(&b, "\"}");
      r = ms_ret_state(1, b.p, b.n);
    } else {
      log3("open failed: ", e, en, "");
    }
  } else if (has_prefix(msg, msg_len, "say ") || bytes_eq(msg, msg_len, "close")) {
    int say = msg[0] == 's';
    if (!has) {
      log3("no channel", 0, 0, "");
    } else {
      if (say) host_send_on_channel(cid, cid_n, msg + 4, msg_len - 4, ms_imp_begin());
      else host_close_channel(cid, cid_n, ms_imp_begin());
      if (ms_imp_end(&e, &en)) log3(say ? "said" : "closed", 0, 0, "");
      else log3(say ? "say failed: " : "close failed: ", e, en, "");
    }
  } else {
    log3("unknown command: ", msg, msg_len, "");
  }
  if (!r) r = ms_ret_state(sd, sp, sn); /* state unchanged */
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void ch_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-channel-message")
u32 ch_handle_channel_message(u32 sd, const u8 *sp, u32 sn, const u8 *cid, u32 cid_len, const u8 *msg, u32 msg_len) {
  (void)cid; (void)cid_len;
  CALL_BEGIN();
  log3("heard: ", msg, msg_len, "");
  u32 r = ms_ret_state(sd, sp, sn);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-message")
void ch_post_handle_channel_message(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-channel-close")
u32 ch_handle_channel_close(u32 sd, const u8 *sp, u32 sn, const u8 *cid, u32 cid_len) {
  CALL_BEGIN();
  log3("remote closed ", cid, cid_len, "");
  u32 r = ms_ret_state(sd, sp, sn);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-close")
void ch_post_handle_channel_close(u32 ret) { (void)ret; heap_reset(); }
