/*
 * shapes -- the runtime-shaped guest used by benchmarks and runtime tests.
 * Contract: test-actors/README.md, section "shapes".
 */
#define GUEST_ARENA 1
#include "guest.h"

IMPORT("theater:simple/runtime", "log")
void host_log(const u8 *msg, u32 len);

IMPORT("theater:simple/message-server-host", "send")
void host_send(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);

/* Return areas (static, like wit-bindgen's RET_AREA). */
static u32 g_ret[4] __attribute__((aligned(8)));      /* result<tuple<option<list<u8>>>, string>: 16 bytes */
static u32 g_send_ret[3] __attribute__((aligned(8))); /* result<_, string>: 12 bytes */

static u8 *put(u8 *d, const char *s) {
  while (*s) *d++ = (u8)*s++;
  return d;
}

/* Writes s as the body of a JSON string ("\"" and "\\" escaped, bytes < 0x20 as \u00XX). */
static u8 *put_json_escaped(u8 *d, const u8 *s, u32 n) {
  static const char hex[] = "0123456789abcdef";
  for (u32 i = 0; i < n; i++) {
    u8 c = s[i];
    if (c == '"' || c == '\\') { *d++ = '\\'; *d++ = c; }
    else if (c < 0x20) { d = put(d, "\\u00"); *d++ = (u8)hex[c >> 4]; *d++ = (u8)hex[c & 15]; }
    else *d++ = c;
  }
  return d;
}

static u32 ok_some(const u8 *p, u32 len) {
  g_ret[0] = 0;              /* byte 0: result ok (bytes 1..3 zero) */
  g_ret[1] = 1;              /* byte 4: option some (bytes 5..7 zero) */
  g_ret[2] = (u32)(usize)p;  /* +8: list ptr */
  g_ret[3] = len;            /* +12: list len */
  return (u32)(usize)g_ret;
}

/* theater:simple/actor#init: func(state: option<list<u8>>, params: tuple<string>)
 *   -> result<tuple<option<list<u8>>>, string> */
EXPORT("theater:simple/actor#init")
u32 shapes_init(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *id, u32 id_len) {
  (void)state_disc; (void)state_ptr; (void)state_len;
  CALL_BEGIN();
  u8 *line = (u8 *)heap_alloc(5 + id_len, 1);
  memcpy(put(line, "init "), id, id_len);
  host_log(line, 5 + id_len);
  u8 *json = (u8 *)heap_alloc(9 + 6 * id_len, 1); /* {"id":" + escaped + "} */
  u8 *e = put(json, "{\"id\":\"");
  e = put_json_escaped(e, id, id_len);
  e = put(e, "\"}");
  CALL_END();
  return ok_some(json, (u32)(e - json));
}

EXPORT("cabi_post_theater:simple/actor#init")
void shapes_post_init(u32 ret) { (void)ret; heap_reset(); }

/* theater:simple/message-server-client#handle-send: func(state: option<json>, params: tuple<json>)
 *   -> result<tuple<option<json>>, string> ; new state = some(msg), the host's own buffer */
EXPORT("theater:simple/message-server-client#handle-send")
u32 shapes_handle_send(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *msg, u32 msg_len) {
  (void)state_disc; (void)state_ptr; (void)state_len;
  CALL_BEGIN();
  CALL_END();
  return ok_some(msg, msg_len);
}

EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void shapes_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

/* theater:test/shapes#call-send: func(n: u32, actor-id: string, msg: list<u8>) -> u32 */
EXPORT("theater:test/shapes#call-send")
u32 shapes_call_send(u32 n, const u8 *id, u32 id_len, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u32 ok = 0;
  for (u32 i = 0; i < n; i++) {
    g_send_ret[0] = 0xffffffffu; /* poison: the host must write the discriminant */
    host_send(id, id_len, msg, msg_len, g_send_ret);
    if ((g_send_ret[0] & 0xff) == 0) ok++;
  }
  CALL_END();
  return ok;
}

/* raw-copy: core (i32 ptr, i32 len) -> i32, not WIT-typed. */
EXPORT("raw-copy")
u32 shapes_raw_copy(const u8 *src, u32 len) {
  CALL_BEGIN();
  u8 *dst = (u8 *)heap_alloc(len ? len : 1, 1);
  memmove(dst, src, len); /* src may lie in the arena just reset (see README) */
  CALL_END();
  return (u32)(usize)dst;
}

/* theater:test/shapes#fail: func(state: option<list<u8>>, params: tuple<string>)
 *   -> result<tuple<option<list<u8>>>, string> ; always err(the given string) */
EXPORT("theater:test/shapes#fail")
u32 shapes_fail(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *s, u32 s_len) {
  (void)state_disc; (void)state_ptr; (void)state_len;
  CALL_BEGIN();
  g_ret[0] = 1;              /* byte 0: result err */
  g_ret[1] = (u32)(usize)s;  /* +4: string ptr (the host's own buffer) */
  g_ret[2] = s_len;          /* +8: string len */
  g_ret[3] = 0;
  CALL_END();
  return (u32)(usize)g_ret;
}

EXPORT("cabi_post_theater:test/shapes#fail")
void shapes_post_fail(u32 ret) { (void)ret; heap_reset(); }
