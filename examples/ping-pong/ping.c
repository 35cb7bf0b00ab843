/*
 * ping -- the asking half of the ping-pong example (README.md here).
 *
 *   init                 logs "ping starting"; send("pong", "hello from ping");
 *                        then a round: request("pong", "ping 1") .. "ping 3",
 *                        logging "ping got: <reply>" for each; logs "ping done".
 *                        state {"sent":3}
 *   handle-send "again"  another round: "ping N+1" .. "ping N+3" (N from the
 *                        state), "ping done"; state {"sent":N+3}
 *   handle-send "stop"   logs "ping stopping"; runtime.shutdown(none)
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "send")
void host_send(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "request")
void host_request(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/runtime", "shutdown")
void host_shutdown(u32 data_disc, const u8 *data_ptr, u32 data_len, void *retptr);

#define PONG ((const u8 *)"pong")

/* Requests "ping <sent+1>" .. "ping <sent+3>" from pong; returns the new count. */
static u32 round3(u32 sent) {
  for (u32 i = 1; i <= 3; i++) {
    buf_t q;
    buf_init(&q);
    buf_cstr(&q, "ping ");
    buf_u32(&q, sent + i);
    host_request(PONG, 4, q.p, q.n, ms_imp_begin());
    const u8 *e;
    u32 en;
    if (ms_imp_end(&e, &en)) log3("ping got: ", e, en, "");
    else log3("ping failed: ", e, en, "");
  }
  log3("ping done", 0, 0, "");
  return sent + 3;
}

static u32 ret_sent(u32 sent) {
  buf_t b;
  buf_init(&b);
  buf_cstr(&b, "{\"sent\":");
  buf_u32(&b, sent);
  buf_cstr(&b, "}");
  return ms_ret_state(1, b.p, b.n);
}

EXPORT("theater:simple/actor#init")
u32 ping_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  log3("ping starting", 0, 0, "");
  host_send(PONG, 4, (const u8 *)"hello from ping", 15, ms_imp_begin());
  const u8 *e;
  u32 en;
  if (!ms_imp_end(&e, &en)) log3("send failed: ", e, en, "");
  u32 r = ret_sent(round3(0));
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void ping_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 ping_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u32 sent = sd ? json_get_u32(sp, sn, "\"sent\":") : 0;
  if (bytes_eq(msg, msg_len, "again")) {
    sent = round3(sent);
  } else if (bytes_eq(msg, msg_len, "stop")) {
    log3("ping stopping", 0, 0, "");
    host_shutdown(0, 0, 0, ms_imp_begin());
    const u8 *e;
    u32 en;
    if (!ms_imp_end(&e, &en)) log3("shutdown failed: ", e, en, "");
  } else {
    log3("ping ignored: ", msg, msg_len, "");
  }
  u32 r = ret_sent(sent);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void ping_post_handle_send(u32 ret) { (void)ret; heap_reset(); }
