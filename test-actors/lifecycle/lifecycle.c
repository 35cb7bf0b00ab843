/*
 * lifecycle -- a guest for the actor runtime's own tests: it misbehaves on request.
 *
 * imports  theater:simple/runtime.log(msg: string)
 * exports  theater:simple/actor#init                    logs "init <id>", state = "started"
 *          theater:simple/message-server-client#handle-send(state, (msg))
 *              msg "spin"  -> loops forever (the runtime must stop it at its deadline)
 *              msg "trap"  -> unreachable
 *              msg "fail"  -> returns err("asked to fail"), state unchanged
 *              msg "clear" -> returns ok with state none
 *              otherwise   -> logs "got <msg>", new state = msg
 * Both exports return a pointer to result<tuple<option<list<u8>>>, string>; cabi_post_* ends the
 * call's arena (GUEST_ARENA), so memory stays at one page however many calls it serves.
 */
#define GUEST_ARENA /* each call starts from an empty heap: memory stays at one page */
#include "guest.h"

IMPORT("theater:simple/runtime", "log") void runtime_log(const u8 *ptr, u32 len);

/* result<tuple<option<list<u8>>>, string>: disc u8 at 0; ok: option disc at 4, ptr 8, len 12; err: ptr 4, len 8 */
static u32 ret_area[4];

static u32 *ok_state(const u8 *ptr, u32 len, int some) {
  ret_area[0] = 0;
  ret_area[1] = some ? 1 : 0;
  ret_area[2] = (u32)(usize)ptr;
  ret_area[3] = len;
  return ret_area;
}

static u32 *err(const char *msg) {
  ret_area[0] = 1;
  ret_area[1] = (u32)(usize)msg;
  ret_area[2] = strlen(msg);
  return ret_area;
}

static int equals(const u8 *p, u32 n, const char *s) {
  return strlen(s) == n && memcmp(p, s, n) == 0;
}

static void log2(const char *prefix, const u8 *p, u32 n) {
  u32 k = strlen(prefix);
  u8 *line = (u8 *)heap_alloc(k + n, 1);
  memcpy(line, prefix, k);
  memcpy(line + k, p, n);
  runtime_log(line, k + n);
}

static const char STARTED[] = "started";

EXPORT("theater:simple/actor#init")
u32 *init(u32 state_disc, u8 *state, u32 state_len, u8 *id, u32 id_len) {
  (void)state_disc; (void)state; (void)state_len;
  CALL_BEGIN();
  log2("init ", id, id_len);
  return ok_state((const u8 *)STARTED, sizeof STARTED - 1, 1);
}

EXPORT("cabi_post_theater:simple/actor#init")
void init_post(u32 *ret) { (void)ret; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 *handle_send(u32 state_disc, u8 *state, u32 state_len, u8 *msg, u32 msg_len) {
  (void)state_disc; (void)state; (void)state_len;
  CALL_BEGIN();
  if (equals(msg, msg_len, "spin")) {
    volatile u32 spins = 0;
    for (;;) spins++;
  }
  if (equals(msg, msg_len, "trap")) __builtin_trap();
  if (equals(msg, msg_len, "fail")) return err("asked to fail");
  if (equals(msg, msg_len, "clear")) return ok_state(0, 0, 0);
  log2("got ", msg, msg_len);
  return ok_state(msg, msg_len, 1);
}

EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(u32 *ret) { (void)ret; CALL_END(); }
