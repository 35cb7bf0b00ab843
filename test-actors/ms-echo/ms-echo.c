/*
 * ms-echo -- the message-server target: one-way sends, requests (answered at
 * once or later), and channels (accepted or refused).
 * Contract: test-actors/README.md, section "ms-echo".
 *
 * State: {"count":N} or {"count":N,"pending":"<request id>"}; N counts the
 * handle-send and handle-request calls since init.
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

IMPORT("theater:simple/message-server-host", "send-on-channel")
void host_send_on_channel(const u8 *cid, u32 cid_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "list-outstanding-requests")
void host_list_outstanding(void *retptr);
IMPORT("theater:simple/message-server-host", "respond-to-request")
void host_respond(const u8 *rid, u32 rid_len, const u8 *msg, u32 msg_len, void *retptr);
IMPORT("theater:simple/message-server-host", "cancel-request")
void host_cancel(const u8 *rid, u32 rid_len, void *retptr);

static u32 g_list_ret[2] __attribute__((aligned(8))); /* list<string>: ptr, len */

typedef struct { u32 count; int has_pending; u8 *pending; u32 pending_n; } echo_state;

static echo_state read_state(u32 disc, const u8 *p, u32 n) {
  echo_state s = {0, 0, 0, 0};
  if (disc) {
    s.count = json_get_u32(p, n, "\"count\":");
    s.has_pending = json_get_str(p, n, "\"pending\":\"", &s.pending, &s.pending_n);
  }
  return s;
}

/* ok(some(<state JSON>)) */
static u32 ret_state(const echo_state *s, buf_t *out) {
  buf_init(out);
  buf_cstr(out, "{\"count\":");
  buf_u32(out, s->count);
  if (s->has_pending) {
    buf_cstr(out, ",\"pending\":\"");
    buf_json_str(out, s->pending, s->pending_n);
    buf_cstr(out, "\"");
  }
  buf_cstr(out, "}");
  return ms_ret_state(1, out->p, out->n);
}

EXPORT("theater:simple/actor#init")
u32 echo_init(u32 sd, const u8 *sp, u32 sn, const u8 *id, u32 id_len) {
  (void)sd; (void)sp; (void)sn; (void)id; (void)id_len;
  CALL_BEGIN();
  echo_state s = {0, 0, 0, 0};
  buf_t b;
  u32 r = ret_state(&s, &b);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/actor#init")
void echo_post_init(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 echo_handle_send(u32 sd, const u8 *sp, u32 sn, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  echo_state s = read_state(sd, sp, sn);
  s.count++;
  log3("echo got: ", msg, msg_len, "");
  const u8 *e;
  u32 en;
  if (bytes_eq(msg, msg_len, "answer") || bytes_eq(msg, msg_len, "cancel")) {
    int answer = msg[0] == 'a';
    if (!s.has_pending) {
      log3("nothing pending", 0, 0, "");
    } else {
      if (answer) host_respond(s.pending, s.pending_n, (const u8 *)"answered", 8, ms_imp_begin());
      else host_cancel(s.pending, s.pending_n, ms_imp_begin());
      if (ms_imp_end(&e, &en)) log3(answer ? "answered " : "cancelled ", s.pending, s.pending_n, "");
      else log3(answer ? "answer failed: " : "cancel failed: ", e, en, "");
    }
  } else if (bytes_eq(msg, msg_len, "list")) {
    g_list_ret[0] = 0;
    g_list_ret[1] = 0;
    host_list_outstanding(g_list_ret);
    const u32 *ids = (const u32 *)(usize)g_list_ret[0];
    buf_t l;
    buf_init(&l);
    buf_cstr(&l, "outstanding: ");
    for (u32 i = 0; i < g_list_ret[1]; i++) {
      if (i) buf_cstr(&l, ",");
      buf_put(&l, (const u8 *)(usize)ids[2 * i], ids[2 * i + 1]);
    }
    host_log(l.p, l.n);
  }
  buf_t b;
  u32 r = ret_state(&s, &b);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void echo_post_handle_send(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-request")
u32 echo_handle_request(u32 sd, const u8 *sp, u32 sn, const u8 *rid, u32 rid_len, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  echo_state s = read_state(sd, sp, sn);
  s.count++;
  log3("echo request: ", msg, msg_len, "");
  int later = has_prefix(msg, msg_len, "later:");
  if (later) {
    log3("deferred ", rid, rid_len, "");
    s.has_pending = 1;
    s.pending = (u8 *)rid;
    s.pending_n = rid_len;
  }
  buf_t b;
  ret_state(&s, &b);
  /* response: none (answer later) or some(the request bytes, the host's own buffer) */
  u32 r = ms_ret_state_response(1, b.p, b.n, !later, msg, msg_len);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-request")
void echo_post_handle_request(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-channel-open")
u32 echo_handle_channel_open(u32 sd, const u8 *sp, u32 sn, const u8 *cid, u32 cid_len, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  u32 r;
  if (bytes_eq(msg, msg_len, "no")) {
    log3("refused ", cid, cid_len, "");
    r = ms_ret_state_accept(sd, sp, sn, 0, 0, 0, 0);
  } else {
    log3("accepted ", cid, cid_len, "");
    r = ms_ret_state_accept(sd, sp, sn, 1, 1, (const u8 *)"welcome", 7);
  }
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-open")
void echo_post_handle_channel_open(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-channel-message")
u32 echo_handle_channel_message(u32 sd, const u8 *sp, u32 sn, const u8 *cid, u32 cid_len, const u8 *msg, u32 msg_len) {
  CALL_BEGIN();
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "channel ");
  buf_put(&l, cid, cid_len);
  buf_cstr(&l, ": ");
  buf_put(&l, msg, msg_len);
  host_log(l.p, l.n);
  buf_t reply;
  buf_init(&reply);
  buf_cstr(&reply, "echo: ");
  buf_put(&reply, msg, msg_len);
  host_send_on_channel(cid, cid_len, reply.p, reply.n, ms_imp_begin());
  const u8 *e;
  u32 en;
  if (!ms_imp_end(&e, &en)) log3("reply failed: ", e, en, "");
  u32 r = ms_ret_state(sd, sp, sn);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-message")
void echo_post_handle_channel_message(u32 ret) { (void)ret; heap_reset(); }

EXPORT("theater:simple/message-server-client#handle-channel-close")
u32 echo_handle_channel_close(u32 sd, const u8 *sp, u32 sn, const u8 *cid, u32 cid_len) {
  CALL_BEGIN();
  log3("closed ", cid, cid_len, "");
  u32 r = ms_ret_state(sd, sp, sn);
  CALL_END();
  return r;
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-channel-close")
void echo_post_handle_channel_close(u32 ret) { (void)ret; heap_reset(); }
