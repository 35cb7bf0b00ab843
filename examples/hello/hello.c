/*
 * hello -- the first example Theater actor.
 *
 *   init(state, (actor-id))      logs "hello from <actor-id>", state := {"greeted":1}
 *   handle-send(state, (msg))    logs "got: <msg>", state := {"greeted":N+1}
 *                                where N is read back from the current state.
 *
 * Built freestanding with clang (see test-actors/build.sh); see README.md here.
 */
#define GUEST_ARENA 1
#include "guest.h"

IMPORT("theater:simple/runtime", "log")
void host_log(const u8 *msg, u32 len);

static u32 g_ret[4] __attribute__((aligned(8))); /* result<tuple<option<json>>, string> */

static u8 *put(u8 *d, const char *s) {
  while (*s) *d++ = (u8)*s++;
  return d;
}

static void log_with_prefix(const char *prefix, const u8 *s, u32 n) {
  u32 p = (u32)strlen(prefix);
  u8 *line = (u8 *)heap_alloc(p + n, 1);
  memcpy(line, prefix, p);
  memcpy(line + p, s, n);
  host_log(line, p + n);
}

/* Returns ok(some(<{"greeted":count}>)) in the static return area. */
static u32 ok_state(u32 count) {
  u8 *json = (u8 *)heap_alloc(24, 1);
  u8 digits[10];
  u32 nd = 0;
  do { digits[nd++] = (u8)('0' + count % 10); count /= 10; } while (count);
  u8 *e = put(json, "{\"greeted\":");
  while (nd) *e++ = digits[--nd];
  *e++ = '}';
  g_ret[0] = 0;                 /* ok */
  g_ret[1] = 1;                 /* some */
  g_ret[2] = (u32)(usize)json;
  g_ret[3] = (u32)(e - json);
  return (u32)(usize)g_ret;
}

/* Reads the first run of decimal digits in the state (0 if none / no state). */
static u32 parse_count(u32 disc, const u8 *p, u32 n) {
  if (disc == 0) return 0;
  u32 i = 0, v = 0;
  while (i < n && (p[i] < '0' || p[i] > '9')) i++;
  while (i < n && p[i] >= '0' && p[i] <= '9') v = v * 10 + (u32)(p[i++] - '0');
  return v;
}

EXPORT("theater:simple/actor#init")
u32 hello_init(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *id, u32 id_len) {
  (void)state_disc; (void)state_ptr; (void)state_len;
  CALL_BEGIN();
  log_with_prefix("hello from ", id, id_len);
  u32 r = ok_state(1);
  CALL_END();
  return r;
}

EXPORT("cabi_post_theater:simple/actor#init")
void hello_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 hello_handle_send(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  log_with_prefix("got: ", msg, msg_len);
  u32 r = ok_state(parse_count(state_disc, state_ptr, state_len) + 1);
  CALL_END();
  return r;
}

EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void hello_post_handle_send(u32 ret) { (void)ret; heap_reset(); }
