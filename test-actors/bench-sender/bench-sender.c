/*
 * bench-sender -- the sending end of the runtime benchmarks (theater-benchmarks/README-runtime.md).
 * Contract: test-actors/README.md, section "bench guests".
 *
 *   handle-send "<n> <target>"      calls send(target, PAYLOAD) n times
 *   handle-send "req <n> <target>"  calls request(target, PAYLOAD) n times (a response other than
 *                                   PAYLOAD counts as an error)
 *   anything else                   logs "unknown command: <msg>"; ok = errors = 0
 * PAYLOAD: the fixed 100-byte JSON string "xxx...x" (2 quotes + 98 'x').
 * State after each command: {"ok":K,"errors":E} for that command (not cumulative). The first error
 * text of a command is logged as "error: <E>" (one log call at most per command).
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "send")
void host_send(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "request")
void host_request(const u8 *id, u32 id_len, const u8 *msg, u32 msg_len, void *retptr);

#define PAYLOAD_LEN 100
static const u8 PAYLOAD[PAYLOAD_LEN + 1] =
    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"";

static u32 ret_counts(u32 ok, u32 errors) {
  buf_t b;
  buf_init(&b);
  buf_cstr(&b, "{\"ok\":");
  buf_u32(&b, ok);
  buf_cstr(&b, ",\"errors\":");
  buf_u32(&b, errors);
  buf_cstr(&b, "}");
  return ms_ret_state(1, b.p, b.n);
}

EXPORT("theater:simple/actor#init")
u32 sender_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  u32 r = ret_counts(0, 0);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void sender_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 sender_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  (void)sd; (void)sp; (void)sn;
  CALL_BEGIN();
  int req = has_prefix(msg, msg_len, "req ");
  u32 i = req ? 4 : 0, n = 0, digits = 0;
  while (i < msg_len && msg[i] >= '0' && msg[i] <= '9') { n = n * 10 + (u32)(msg[i++] - '0'); digits++; }
  if (digits == 0 || i >= msg_len || msg[i] != ' ') {
    log3("unknown command: ", msg, msg_len, "");
    u32 r = ret_counts(0, 0);
    CALL_END();
    return r;
  }
  const u8 *target = msg + i + 1;
  u32 target_len = msg_len - i - 1;
  u32 ok = 0, errors = 0;
  for (u32 k = 0; k < n; k++) {
    /* whatever the host allocates for this call's result (err text, response) is dropped after it
     * is checked, so memory does not grow with n */
    u32 mark = g_heap_next;
    const u8 *p;
    u32 pn;
    int good;
    if (req) {
      host_request(target, target_len, PAYLOAD, PAYLOAD_LEN, ms_imp_begin());
      good = ms_imp_end(&p, &pn);
      if (good && (pn != PAYLOAD_LEN || memcmp(p, PAYLOAD, PAYLOAD_LEN) != 0)) {
        good = 0;
        if (errors == 0) log3("error: unexpected response ", p, pn, "");
        errors++;
        g_heap_next = mark;
        continue;
      }
    } else {
      host_send(target, target_len, PAYLOAD, PAYLOAD_LEN, ms_imp_begin());
      good = ms_imp_end(&p, &pn);
    }
    if (good) ok++;
    else {
      if (errors == 0) log3("error: ", p, pn, "");
      errors++;
    }
    g_heap_next = mark;
  }
  u32 r = ret_counts(ok, errors);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void sender_post_handle_send(u32 ret) { (void)ret; heap_reset(); }
