/*
 * pong -- the answering half of the ping-pong example (README.md here).
 *
 *   init            logs "pong ready"; state {"count":0}
 *   handle-send     logs "pong got: <msg>"; count + 1
 *   handle-request  replies "pong <rest>" where <rest> is the message without a
 *                   leading "ping " ("ping 2" -> "pong 2"); logs the reply; count + 1
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

static u32 ret_count(u32 count, buf_t *b) {
  buf_init(b);
  buf_cstr(b, "{\"count\":");
  buf_u32(b, count);
  buf_cstr(b, "}");
  return ms_ret_state(1, b->p, b->n);
}

static u32 next_count(u32 sd, const u8 *sp, u32 sn) {
  return (sd ? json_get_u32(sp, sn, "\"count\":") : 0) + 1;
}

EXPORT("theater:simple/actor#init")
u32 pong_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  log3("pong ready", 0, 0, "");
  buf_t b;
  u32 r = ret_count(0, &b);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void pong_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 pong_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  log3("pong got: ", msg, msg_len, "");
  buf_t b;
  u32 r = ret_count(next_count(sd, sp, sn), &b);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void pong_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-request")
u32 pong_handle_request(u32 sd, const u8 *sp, u32 sn, const u8 *rid, u32 rid_len, const u8 *msg, u32 msg_len) {
  (void)rid; (void)rid_len;
  CALL_BEGIN();
  u32 skip = has_prefix(msg, msg_len, "ping ") ? 5 : 0;
  buf_t reply;
  buf_init(&reply);
  buf_cstr(&reply, "pong ");
  buf_put(&reply, msg + skip, msg_len - skip);
  host_log(reply.p, reply.n);
  buf_t b;
  ret_count(next_count(sd, sp, sn), &b);
  u32 r = ms_ret_state_response(1, b.p, b.n, 1, reply.p, reply.n);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void pong_post_handle_request(u32 ret) { (void)ret; heap_reset(); }
