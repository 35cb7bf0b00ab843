/*
 * shapes -- the runtime-shaped guest used by benchmarks and runtime tests.
 * Contract: test-actors/README.md, section "shapes".
 *
 * actor#init and handle-send are theater:simple exports written with the SDK;
 * theater:test/shapes#{call-send,fail} and raw-copy test the raw ABI, so their
 * lowering stays written out here.
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_log_str(theater_format("init %s", actor_id)); /* log stays the first import (README) */
  return theater_return_state(theater_format("{\"id\":\"%j\"}", actor_id));
}
THEATER_EXPORT_ACTOR_INIT(init)

/* new state = some(msg): the host's own buffer, no copy */
static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  (void)state;
  return theater_return_state(msg);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

/* ---- raw ABI ------------------------------------------------------------------- */

THEATER_IMPORT("theater:simple/message-server-host", "send")
void shapes_host_send(const uint8_t *id, uint32_t id_len, const uint8_t *msg, uint32_t msg_len, void *retptr);

static uint32_t g_send_ret[3] __attribute__((aligned(8))); /* result<_, string>: 12 bytes */
static uint32_t g_fail_ret[4] __attribute__((aligned(8))); /* result<tuple<option<list<u8>>>, string>: 16 bytes */

/* theater:test/shapes#call-send: func(n: u32, actor-id: string, msg: list<u8>) -> u32 */
THEATER_EXPORT("theater:test/shapes#call-send")
uint32_t shapes_call_send(uint32_t n, const uint8_t *id, uint32_t id_len, const uint8_t *msg, uint32_t msg_len) {
  theater_call_begin();
  uint32_t ok = 0;
  for (uint32_t i = 0; i < n; i++) {
    g_send_ret[0] = 0xffffffffu; /* poison: the host must write the discriminant */
    shapes_host_send(id, id_len, msg, msg_len, g_send_ret);
    if ((g_send_ret[0] & 0xff) == 0) ok++;
  }
  theater_call_end();
  return ok;
}

/* raw-copy: core (i32 ptr, i32 len) -> i32, not WIT-typed. */
THEATER_EXPORT("raw-copy")
uint32_t shapes_raw_copy(const uint8_t *src, uint32_t len) {
  theater_call_begin();
  uint8_t *dst = (uint8_t *)theater_alloc(len ? len : 1, 1);
  memmove(dst, src, len); /* src may lie in the arena just reset (see README) */
  theater_call_end();
  return THEATER_ADDR(dst);
}

/* theater:test/shapes#fail: func(state: option<list<u8>>, params: tuple<string>)
 *   -> result<tuple<option<list<u8>>>, string> ; always err(the given string) */
THEATER_EXPORT("theater:test/shapes#fail")
uint32_t shapes_fail(uint32_t state_disc, const uint8_t *state_ptr, uint32_t state_len, const uint8_t *s, uint32_t s_len) {
  (void)state_disc; (void)state_ptr; (void)state_len;
  theater_call_begin();
  g_fail_ret[0] = 1;               /* byte 0: result err */
  g_fail_ret[1] = THEATER_ADDR(s); /* +4: string ptr (the host's own buffer) */
  g_fail_ret[2] = s_len;           /* +8: string len */
  g_fail_ret[3] = 0;
  return THEATER_ADDR(g_fail_ret);
}

THEATER_EXPORT("cabi_post_theater:test/shapes#fail")
void shapes_post_fail(uint32_t ret) { (void)ret; theater_call_end(); }
