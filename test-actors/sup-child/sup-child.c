/*
 * sup-child -- a child for the supervisor handler's tests. State: the decimal count of "inc" messages, or what
 * init was given. Contract: test-actors/README.md, "sup-child".
 *
 *   init(state, id)   state "poison" -> err("poisoned"); else logs "init <id> <state|none>", state = it or "0"
 *   handle-send  "inc"          state + 1 (decimal)            "crash"  traps
 *                "exit <data>"  runtime.shutdown(some(data))   "exit"   runtime.shutdown(none)
 *                "spin"         loops forever                  "set <s>" state = s
 *                anything else  logs "got <msg>"
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/runtime", "shutdown") void host_shutdown(u32 dd, const u8 *d, u32 dn, void *ret);

static u32 parse_u32(const u8 *p, u32 n) {
  u32 v = 0;
  for (u32 i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) v = v * 10 + (u32)(p[i] - '0');
  return v;
}

static u32 err_ret(const char *msg) {
  memset(g_ms_ret, 0, sizeof g_ms_ret);
  g_ms_ret[0] = 1;
  g_ms_ret[1] = (u32)(usize)msg;
  g_ms_ret[2] = (u32)strlen(msg);
  return (u32)(usize)g_ms_ret;
}

static const u8 ZERO[] = "0";
static const char POISONED[] = "poisoned";

EXPORT("theater:simple/actor#init")
u32 init(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn) {
  CALL_BEGIN();
  if (sd && bytes_eq(s, sn, "poison")) return err_ret(POISONED);
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "init ");
  buf_put(&l, id, idn);
  buf_cstr(&l, " ");
  if (sd) buf_put(&l, s, sn); else buf_cstr(&l, "none");
  host_log(l.p, l.n);
  return sd ? ms_ret_state(1, s, sn) : ms_ret_state(1, ZERO, 1);
}
EXPORT("cabi_post_theater:simple/actor#init")
void init_post(u32 r) { (void)r; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 handle_send(u32 sd, u8 *s, u32 sn, u8 *m, u32 n) {
  CALL_BEGIN();
  if (bytes_eq(m, n, "crash")) __builtin_trap();
  if (bytes_eq(m, n, "spin")) { volatile u32 k = 0; for (;;) k++; }
  if (bytes_eq(m, n, "inc")) {
    buf_t b;
    buf_init(&b);
    buf_u32(&b, (sd ? parse_u32(s, sn) : 0) + 1);
    return ms_ret_state(1, b.p, b.n);
  }
  if (has_prefix(m, n, "set ")) return ms_ret_state(1, m + 4, n - 4); /* "set poison", then "crash": init fails */
  if (bytes_eq(m, n, "exit") || has_prefix(m, n, "exit ")) {
    int some = n > 5;
    host_shutdown(some ? 1 : 0, some ? m + 5 : 0, some ? n - 5 : 0, ms_imp_begin());
    const u8 *p;
    u32 pn;
    if (!ms_imp_end(&p, &pn)) log3("shutdown failed: ", p, pn, "");
    return ms_ret_state(sd, s, sn);
  }
  log3("got ", m, n, "");
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(u32 r) { (void)r; CALL_END(); }
