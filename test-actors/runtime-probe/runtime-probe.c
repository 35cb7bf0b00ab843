/*
 * runtime-probe -- a guest for the runtime handler's tests (README.md of the
 * runtime handler, "Test guest"). Imports all of theater:simple/runtime.
 *
 *   init(state, (id))       logs "probe <id>"; state {"n":0}
 *   handle-send "state"     get-state(): logs "state: <json>" or "state: none"
 *   handle-send "chain"     get-chain(): logs "chain: <count> <linked|broken> <types,joined,by,comma>"
 *                           (linked: the first event has no parent and every other
 *                           event's parent equals the previous event's hash)
 *   handle-send "stop"      shutdown(some({"bye":1})) twice: logs "shutdown ok" or
 *                           "shutdown failed: <E>" for each call
 *   handle-send other       logs "said: <msg>"
 *   every handle-send returns state {"n":N+1} (N read from the state)
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/runtime", "get-state")
void host_get_state(void *retptr);
IMPORT("theater:simple/runtime", "get-chain")
void host_get_chain(void *retptr);
IMPORT("theater:simple/runtime", "shutdown")
void host_shutdown(u32 data_disc, const u8 *data_ptr, u32 data_len, void *retptr);

static u32 ret_n(u32 n) {
  buf_t b;
  buf_init(&b);
  buf_cstr(&b, "{\"n\":");
  buf_u32(&b, n);
  buf_cstr(&b, "}");
  return ms_ret_state(1, b.p, b.n);
}

EXPORT("theater:simple/actor#init")
u32 probe_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn;
  CALL_BEGIN();
  log3("probe ", id, id_len, "");
  u32 r = ret_n(0);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void probe_post_init(u32 ret) { (void)ret; heap_reset(); }

/* option<json>: u8 disc @0, ptr @4, len @8 */
static void do_state(void) {
  u32 area[3] __attribute__((aligned(8))) = {0xffffffffu, 0, 0};
  host_get_state(area);
  if ((area[0] & 0xff) == 0) log3("state: none", 0, 0, "");
  else if ((area[0] & 0xff) == 1) log3("state: ", (const u8 *)(usize)area[1], area[2], "");
  else __builtin_trap();
}

/* chain { events: list<meta-event> } = (ptr @0, len @4); meta-event (40 bytes, align 8):
 * hash u64 @0; event @8 { event-type string @8 (ptr, len); parent option<u64> @16 (disc u8 @16,
 * value @24); data list<u8> @32 (ptr, len) }. */
static void do_chain(void) {
  u32 area[2] __attribute__((aligned(8))) = {0, 0};
  host_get_chain(area);
  const u8 *events = (const u8 *)(usize)area[0];
  u32 count = area[1];
  int linked = 1;
  buf_t types;
  buf_init(&types);
  for (u32 i = 0; i < count; i++) {
    const u8 *e = events + 40 * i;
    u32 type_ptr = *(const u32 *)(e + 8), type_len = *(const u32 *)(e + 12);
    u8 has_parent = e[16];
    unsigned long long parent = *(const unsigned long long *)(e + 24);
    if (i == 0) {
      if (has_parent != 0) linked = 0;
    } else {
      unsigned long long previous = *(const unsigned long long *)(e - 40);
      if (has_parent != 1 || parent != previous) linked = 0;
      buf_cstr(&types, ",");
    }
    buf_put(&types, (const u8 *)(usize)type_ptr, type_len);
  }
  buf_t line;
  buf_init(&line);
  buf_cstr(&line, "chain: ");
  buf_u32(&line, count);
  buf_cstr(&line, linked ? " linked " : " broken ");
  buf_put(&line, types.p, types.n);
  host_log(line.p, line.n);
}

static void do_stop(void) {
  for (int i = 0; i < 2; i++) {
    host_shutdown(1, (const u8 *)"{\"bye\":1}", 9, ms_imp_begin());
    const u8 *e;
    u32 en;
    if (ms_imp_end(&e, &en)) log3("shutdown ok", 0, 0, "");
    else log3("shutdown failed: ", e, en, "");
  }
}

EXPORT("theater:simple/message-server-client#handle-send")
u32 probe_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u32 n = sd ? json_get_u32(sp, sn, "\"n\":") : 0;
  if (bytes_eq(msg, msg_len, "state")) do_state();
  else if (bytes_eq(msg, msg_len, "chain")) do_chain();
  else if (bytes_eq(msg, msg_len, "stop")) do_stop();
  else log3("said: ", msg, msg_len, "");
  u32 r = ret_n(n + 1);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void probe_post_handle_send(u32 ret) { (void)ret; heap_reset(); }
