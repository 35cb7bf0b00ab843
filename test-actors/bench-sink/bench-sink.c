/*
 * bench-sink -- the receiving end of the runtime benchmarks (theater-benchmarks/README-runtime.md).
 * Contract: test-actors/README.md, section "bench guests".
 *
 *   init            state "0"
 *   handle-send     state = decimal count + 1 (the message is ignored)
 *   handle-request  responds some(msg) (the request bytes unchanged); state unchanged
 * State: the decimal count of handle-send calls as JSON bytes ("0", "1", ...); none reads as 0.
 * Imports nothing.
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

static u32 parse_u32(const u8 *p, u32 n) {
  u32 v = 0;
  for (u32 i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) v = v * 10 + (u32)(p[i] - '0');
  return v;
}

static u32 ret_count(u32 count) {
  buf_t b;
  buf_init(&b);
  buf_u32(&b, count);
  return ms_ret_state(1, b.p, b.n);
}

EXPORT("theater:simple/actor#init")
u32 sink_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  u32 r = ret_count(0);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void sink_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 sink_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  (void)msg; (void)msg_len;
  CALL_BEGIN();
  u32 r = ret_count((sd ? parse_u32(sp, sn) : 0) + 1);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void sink_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-request")
u32 sink_handle_request(u32 sd, const u8 *sp, u32 sn, const u8 *rid, u32 rid_len, const u8 *msg, u32 msg_len) {
  (void)rid; (void)rid_len;
  CALL_BEGIN();
  u32 r = ms_ret_state_response(sd, sp, sn, 1, msg, msg_len);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void sink_post_handle_request(u32 ret) { (void)ret; heap_reset(); }
