/*
 * relay -- a chain of nested requests, for the execution-model tests: actor relay-N, asked "N", asks
 * relay-(N-1) "N-1" and answers what it got followed by ",N"; relay-0 answers "0". A request to relay-50
 * is 50 nested requests, each actor blocked in its host call until the one below answers.
 *
 * imports  theater:simple/message-server-host.request, theater:simple/runtime.log
 * exports  theater:simple/actor#init                          state {}
 *          theater:simple/message-server-client#handle-send   logs "got <msg>"
 *          theater:simple/message-server-client#handle-request  (rid, "N") -> response as above;
 *              a failed request below answers "failed at N: <error>"; (rid, "bad") returns a response whose
 *              pointer is past the end of memory (the host cannot lift it)
 */
#define GUEST_ARENA
#define GUEST_MS
#include "guest.h"

IMPORT("theater:simple/message-server-host", "request")
void host_request(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *ret);

static const u8 EMPTY[] = "{}";

static u32 parse_u32(const u8 *p, u32 n) {
  u32 v = 0;
  for (u32 i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) v = v * 10 + (u32)(p[i] - '0');
  return v;
}

EXPORT("theater:simple/actor#init")
u32 init(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn) {
  (void)sd; (void)s; (void)sn; (void)id; (void)idn;
  CALL_BEGIN();
  return ms_ret_state(1, EMPTY, 2);
}
EXPORT("cabi_post_theater:simple/actor#init")
void init_post(u32 r) { (void)r; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 handle_send(u32 sd, u8 *s, u32 sn, u8 *msg, u32 n) {
  CALL_BEGIN();
  log3("got ", msg, n, "");
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(u32 r) { (void)r; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-request")
u32 handle_request(u32 sd, u8 *s, u32 sn, u8 *rid, u32 rn, u8 *msg, u32 n) {
  (void)rid; (void)rn;
  CALL_BEGIN();
  if (bytes_eq(msg, n, "bad")) return ms_ret_state_response(sd, s, sn, 1, (const u8 *)(usize)0xfffffff0u, 100);
  u32 depth = parse_u32(msg, n);
  buf_t out;
  buf_init(&out);
  if (depth == 0) {
    buf_cstr(&out, "0");
    return ms_ret_state_response(sd, s, sn, 1, out.p, out.n);
  }
  buf_t target, ask;
  buf_init(&target);
  buf_cstr(&target, "relay-");
  buf_u32(&target, depth - 1);
  buf_init(&ask);
  buf_u32(&ask, depth - 1);
  host_request(target.p, target.n, ask.p, ask.n, ms_imp_begin());
  const u8 *r;
  u32 rlen;
  if (ms_imp_end(&r, &rlen)) {
    buf_put(&out, r, rlen);
    buf_cstr(&out, ",");
    buf_u32(&out, depth);
  } else {
    buf_cstr(&out, "failed at ");
    buf_u32(&out, depth);
    buf_cstr(&out, ": ");
    buf_put(&out, r, rlen);
  }
  return ms_ret_state_response(sd, s, sn, 1, out.p, out.n);
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void handle_request_post(u32 r) { (void)r; CALL_END(); }
