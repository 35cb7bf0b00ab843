/*
 * ms-cycle -- two instances make a synchronous request cycle: A requests B,
 * and B, while handling it, requests A (which is still waiting for B).
 * Contract: test-actors/README.md, section "ms-cycle".
 *
 *   handle-send "start <other>"          request(other, "bounce <self>"); logs "reply: <r>" / "request failed: <e>"
 *   handle-send "start <other> <target>" request(other, "bounce <target>"), same logs
 *   handle-request "bounce <x>"          logs "asking <x>"; request(x, "hello"); logs "got: <r>" /
 *                                        "request failed: <e>"; responds "b-saw: <r>" / "b-saw: request failed: <e>"
 *   handle-request "hello"               logs "answering hello"; responds "hello back"
 *   handle-request anything else         responds "unknown: <msg>"
 * State: {"id":"<self>"} from init, never changed.
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "request")
void host_request(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);

EXPORT("theater:simple/actor#init")
u32 cy_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn;
  CALL_BEGIN();
  buf_t b;
  buf_init(&b);
  buf_cstr(&b, "{\"id\":\"");
  buf_json_str(&b, id, id_len);
  buf_cstr(&b, "\"}");
  u32 r = ms_ret_state(1, b.p, b.n);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void cy_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 cy_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  if (has_prefix(msg, msg_len, "start ")) {
    u32 t1 = find_space(msg, msg_len, 6);
    buf_t q;
    buf_init(&q);
    buf_cstr(&q, "bounce ");
    if (t1 < msg_len) {
      buf_put(&q, msg + t1 + 1, msg_len - t1 - 1); /* explicit target */
    } else {
      u8 *self = 0;
      u32 self_n = 0;
      if (sd) json_get_str(sp, sn, "\"id\":\"", &self, &self_n);
      buf_put(&q, self, self_n);
    }
    host_request(msg + 6, t1 - 6, q.p, q.n, ms_imp_begin());
    const u8 *e;
    u32 en;
    if (ms_imp_end(&e, &en)) log3("reply: ", e, en, "");
    else log3("request failed: ", e, en, "");
  } else {
    log3("unknown command: ", msg, msg_len, "");
  }
  u32 r = ms_ret_state(sd, sp, sn);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void cy_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-request")
u32 cy_handle_request(u32 sd, const u8 *sp, u32 sn, const u8 *rid, u32 rid_len, const u8 *msg, u32 msg_len) {
  (void)rid; (void)rid_len;
  CALL_BEGIN();
  buf_t resp;
  buf_init(&resp);
  if (has_prefix(msg, msg_len, "bounce ")) {
    log3("asking ", msg + 7, msg_len - 7, "");
    host_request(msg + 7, msg_len - 7, (const u8 *)"hello", 5, ms_imp_begin());
    const u8 *e;
    u32 en;
    buf_cstr(&resp, "b-saw: ");
    if (ms_imp_end(&e, &en)) {
      log3("got: ", e, en, "");
    } else {
      log3("request failed: ", e, en, "");
      buf_cstr(&resp, "request failed: ");
    }
    buf_put(&resp, e, en);
  } else if (bytes_eq(msg, msg_len, "hello")) {
    log3("answering hello", 0, 0, "");
    buf_cstr(&resp, "hello back");
  } else {
    buf_cstr(&resp, "unknown: ");
    buf_put(&resp, msg, msg_len);
  }
  u32 r = ms_ret_state_response(sd, sp, sn, 1, resp.p, resp.n);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void cy_post_handle_request(u32 ret) { (void)ret; heap_reset(); }
