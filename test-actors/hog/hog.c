/*
 * hog -- grows its own memory on request, for the guest-memory budget tests.
 *
 * imports  theater:simple/runtime.log
 * exports  theater:simple/actor#init                         state "<pages>" (memory.size after init)
 *          theater:simple/message-server-client#handle-send  "grow N": memory.grow(N); logs "grow N -> R"
 *              (R = the previous size in pages, or -1 when the grow failed) and keeps the state "<pages>"
 *              (memory.size after it); "fill": writes one byte into every page it has (so the host pages are
 *              really used) and logs "filled <pages>"; anything else: logs "unknown <msg>"
 */
#define GUEST_ARENA
#define GUEST_MS
#include "guest.h"

static u32 pages_state(u32 pages) {
  buf_t b;
  buf_init(&b);
  buf_u32(&b, pages);
  return ms_ret_state(1, b.p, b.n);
}

/* Not a tail call: each level keeps a frame, so a large n exhausts the host's stack. */
__attribute__((noinline)) static u32 recurse(u32 n) {
  if (n == 0) return 0;
  return n + recurse(n - 1) * 3u;
}

static u32 parse_u32(const u8 *p, u32 n) {
  u32 v = 0;
  for (u32 i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) v = v * 10 + (u32)(p[i] - '0');
  return v;
}

EXPORT("theater:simple/actor#init")
u32 init(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn) {
  (void)sd; (void)s; (void)sn; (void)id; (void)idn;
  CALL_BEGIN();
  return pages_state((u32)__builtin_wasm_memory_size(0));
}
EXPORT("cabi_post_theater:simple/actor#init")
void init_post(u32 r) { (void)r; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 handle_send(u32 sd, u8 *s, u32 sn, u8 *msg, u32 n) {
  (void)sd; (void)s; (void)sn;
  CALL_BEGIN();
  if (has_prefix(msg, n, "grow ")) {
    u32 want = parse_u32(msg + 5, n - 5);
    s32 before = (s32)__builtin_wasm_memory_grow(0, want);
    buf_t l;
    buf_init(&l);
    buf_cstr(&l, "grow ");
    buf_u32(&l, want);
    buf_cstr(&l, " -> ");
    if (before < 0) buf_cstr(&l, "-1"); else buf_u32(&l, (u32)before);
    host_log(l.p, l.n);
  } else if (bytes_eq(msg, n, "fill")) {
    u32 pages = (u32)__builtin_wasm_memory_size(0);
    for (u32 p = 1; p < pages; p++) *(volatile u8 *)(usize)(p * 65536u + 7u) = (u8)p;
    buf_t l;
    buf_init(&l);
    buf_cstr(&l, "filled ");
    buf_u32(&l, pages);
    host_log(l.p, l.n);
  } else if (has_prefix(msg, n, "recurse ")) {
    u32 sum = recurse(parse_u32(msg + 8, n - 8));
    buf_t l;
    buf_init(&l);
    buf_cstr(&l, "recursed ");
    buf_u32(&l, sum);
    host_log(l.p, l.n);
  } else {
    log3("unknown ", msg, n, "");
  }
  return pages_state((u32)__builtin_wasm_memory_size(0));
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(u32 r) { (void)r; CALL_END(); }
