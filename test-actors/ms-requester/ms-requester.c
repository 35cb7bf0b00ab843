/*
 * ms-requester -- sends one-way messages and requests on command.
 * Contract: test-actors/README.md, section "ms-requester".
 *
 *   handle-send "ask <target> <text>"   request(target, text); logs "reply: <r>" / "request failed: <e>"
 *   handle-send "tell <target> <text>"  send(target, text);    logs "sent" / "send failed: <e>"
 * State: {"count":N}, N = handle-send calls since init.
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "send")
void host_send(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "request")
void host_request(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);

static u32 ret_count(u32 count) {
  buf_t b;
  buf_init(&b);
  buf_cstr(&b, "{\"count\":");
  buf_u32(&b, count);
  buf_cstr(&b, "}");
  return ms_ret_state(1, b.p, b.n);
}

EXPORT("theater:simple/actor#init")
u32 req_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  u32 r = ret_count(0);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void req_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 req_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u32 count = (sd ? json_get_u32(sp, sn, "\"count\":") : 0) + 1;
  int ask = has_prefix(msg, msg_len, "ask "), tell = has_prefix(msg, msg_len, "tell ");
  if (ask || tell) {
    u32 t0 = ask ? 4 : 5, t1 = find_space(msg, msg_len, t0);
    u32 x0 = t1 < msg_len ? t1 + 1 : msg_len; /* text: after the space following the target */
    const u8 *e;
    u32 en;
    if (ask) {
      host_request(msg + t0, t1 - t0, msg + x0, msg_len - x0, ms_imp_begin());
      if (ms_imp_end(&e, &en)) log3("reply: ", e, en, "");
      else log3("request failed: ", e, en, "");
    } else {
      host_send(msg + t0, t1 - t0, msg + x0, msg_len - x0, ms_imp_begin());
      if (ms_imp_end(&e, &en)) log3("sent", 0, 0, "");
      else log3("send failed: ", e, en, "");
    }
  } else {
    log3("unknown command: ", msg, msg_len, "");
  }
  u32 r = ret_count(count);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void req_post_handle_send(u32 ret) { (void)ret; heap_reset(); }
