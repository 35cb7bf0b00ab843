/*
 * theater/http_handlers.h -- the theater:simple/http-handlers exports
 * (wit/http-handlers.wit): what an http-framework server routes to the actor.
 * One macro per export, each taking a C function with a typed signature, and
 * the return helpers for their results. docs: sdk/c/docs/io.md.
 *
 *   static theater_result_t hello(theater_state_t state, theater_handler_id_t handler,
 *                                 const theater_http_request_t *req) {
 *     static const theater_http_header_t h[] = {{{(const uint8_t *)"content-type", 12},
 *                                               {(const uint8_t *)"text/plain", 10}}};
 *     return theater_return_http_response(state, theater_http_response(200, theater_http_headers(h, 1),
 *                                                                      theater_some(theater_str("hi"))));
 *   }
 *   THEATER_EXPORT_HANDLE_HTTP_REQUEST(hello)
 *
 * Each macro emits the export with its exact core signature (all five flatten
 * to at most 14 params: none spills), its static return area, its cabi_post_*
 * and the per-call arena, through THEATER_DEFINE_EXPORT (theater/exports.h).
 * What the host passed in (the request, its headers and body, the path) is in
 * guest memory until the call's cabi_post_*; it may be returned as is.
 */
#ifndef THEATER_HTTP_HANDLERS_H
#define THEATER_HTTP_HANDLERS_H

#include "theater/exports.h"
#include "theater/http_framework.h"

/* ---- return helpers ----------------------------------------------------------------------- */

/* An http-response value (no copy). */
static inline theater_http_response_t theater_http_response(uint16_t status, theater_http_headers_t headers,
                                                            theater_option_bytes_t body) {
  theater_http_response_t r = {status, headers, body};
  return r;
}

/* A copy of n elements of `size` bytes on the arena, so an array on the C stack may be returned. */
static const void *theater_http_copy_array_(const void *ptr, uint32_t n, uint32_t size, uint32_t align) {
  void *p = theater_alloc(n * size, align);
  if (n) memcpy(p, ptr, n * size);
  return p;
}

/* handle-request: ok((state, (response))). The response struct and its header array are copied
 * onto the arena (a local array is fine); the strings and bytes they point at are not (static
 * data, the arena, or what the host passed in). */
static theater_result_t theater_return_http_response(theater_state_t state, theater_http_response_t response) {
  theater_http_response_t *p = (theater_http_response_t *)theater_alloc(sizeof *p, 4);
  *p = response;
  p->headers.ptr = (const theater_http_header_t *)theater_http_copy_array_(response.headers.ptr, response.headers.len, 16, 4);
  theater_result_t r = theater_return_keep(state);
  r.kind = THEATER_RESULT_HTTP_RESPONSE;
  r.payload = p;
  return r;
}

/* handle-middleware: ok((state, (middleware-result { proceed, request }))): go on (proceed) with
 * `request` (the one received, or a changed one), or not (the server answers 403). Copied as in
 * theater_return_http_response. */
static theater_result_t theater_return_middleware(theater_state_t state, bool proceed, const theater_http_request_t *request) {
  theater_middleware_result_t *p = (theater_middleware_result_t *)theater_alloc(sizeof *p, 4);
  p->proceed = proceed;
  p->request = *request;
  p->request.headers.ptr =
      (const theater_http_header_t *)theater_http_copy_array_(request->headers.ptr, request->headers.len, 16, 4);
  theater_result_t r = theater_return_keep(state);
  r.kind = THEATER_RESULT_MIDDLEWARE;
  r.payload = p;
  return r;
}

/* handle-websocket-message: ok((state, (list<websocket-message>))): the messages to send back on
 * the connection (none: {NULL, 0}). The array is copied onto the arena; a tag past
 * THEATER_WS_OTHER traps (it is a guest bug, not a message-type). */
static theater_result_t theater_return_websocket_messages(theater_state_t state, theater_websocket_messages_t messages) {
  for (uint32_t i = 0; i < messages.len; i++)
    if (messages.ptr[i].ty.tag >= THEATER_WS_TYPE_COUNT_) THEATER_TRAP();
  theater_websocket_messages_t *p = (theater_websocket_messages_t *)theater_alloc(sizeof *p, 4);
  p->len = messages.len;
  p->ptr = (const theater_websocket_message_t *)theater_http_copy_array_(messages.ptr, messages.len, 36, 4);
  theater_result_t r = theater_return_keep(state);
  r.kind = THEATER_RESULT_WEBSOCKET_MESSAGES;
  r.payload = p;
  return r;
}

/* handle-websocket-connect and -disconnect return the state only: theater_return_state,
 * theater_return_no_state, theater_return_keep (theater/exports.h); every export may return
 * theater_return_err / theater_return_err_str (the server answers 500 or closes the connection). */

/* ---- lifting and lowering (used by the macros) ------------------------------------------------ */

static inline void theater_http_put_u32_(uint8_t *area, uint32_t off, uint32_t v) { *(uint32_t *)(area + off) = v; }

/* option<list<u8>> / option<string> at off: disc @off, ptr @+4, len @+8 (zeros when none). */
static void theater_http_put_option_(uint8_t *area, uint32_t off, bool is_some, theater_bytes_t v) {
  area[off] = is_some ? 1 : 0;
  theater_http_put_u32_(area, off + 4, is_some ? THEATER_ADDR(v.ptr) : 0);
  theater_http_put_u32_(area, off + 8, is_some ? v.len : 0);
}

/* An http-request at off (36 bytes: method @0, uri @8, headers @16, body @24). */
static void theater_http_put_request_(uint8_t *area, uint32_t off, const theater_http_request_t *q) {
  theater_http_put_u32_(area, off, THEATER_ADDR(q->method.ptr));
  theater_http_put_u32_(area, off + 4, q->method.len);
  theater_http_put_u32_(area, off + 8, THEATER_ADDR(q->uri.ptr));
  theater_http_put_u32_(area, off + 12, q->uri.len);
  theater_http_put_u32_(area, off + 16, THEATER_ADDR(q->headers.ptr));
  theater_http_put_u32_(area, off + 20, q->headers.len);
  theater_http_put_option_(area, off + 24, q->body.is_some, q->body.value);
}

/* The ok payload @16 of handle-request's 40-byte area: http-response (status @16, headers @20,
 * body @28). */
static void theater_http_lower_response_(uint8_t *area, const theater_result_t *r) {
  const theater_http_response_t *p = (const theater_http_response_t *)r->payload;
  *(uint16_t *)(area + 16) = p->status;
  theater_http_put_u32_(area, 20, THEATER_ADDR(p->headers.ptr));
  theater_http_put_u32_(area, 24, p->headers.len);
  theater_http_put_option_(area, 28, p->body.is_some, p->body.value);
}

/* The ok payload @16 of handle-middleware's 56-byte area: proceed @16, request @20. */
static void theater_http_lower_middleware_(uint8_t *area, const theater_result_t *r) {
  const theater_middleware_result_t *p = (const theater_middleware_result_t *)r->payload;
  area[16] = p->proceed ? 1 : 0;
  theater_http_put_request_(area, 20, &p->request);
}

/* The ok payload @16 of handle-websocket-message's 24-byte area: the list (ptr @16, len @20);
 * its 36-byte elements are the C structs themselves (the canonical layout). */
static void theater_http_lower_messages_(uint8_t *area, const theater_result_t *r) {
  const theater_websocket_messages_t *p = (const theater_websocket_messages_t *)r->payload;
  theater_http_put_u32_(area, 16, THEATER_ADDR(p->ptr));
  theater_http_put_u32_(area, 20, p->len);
}

/* A flat http-request: (method ptr, len, uri ptr, len, headers ptr, len, body disc, ptr, len). */
static theater_http_request_t theater_http_lift_request_(uint32_t mp, uint32_t mn, uint32_t up, uint32_t un, uint32_t hp,
                                                         uint32_t hn, uint32_t bd, uint32_t bp, uint32_t bn) {
  theater_http_request_t q;
  q.method = theater_lift_string_(mp, mn);
  q.uri = theater_lift_string_(up, un);
  q.headers = theater_http_check_headers_(hp, hn);
  q.body = theater_lift_option_bytes_(bd, bp, bn);
  return q;
}

static inline theater_option_string_t theater_http_lift_option_string_(uint32_t d, uint32_t p, uint32_t n) {
  theater_option_bytes_t o = theater_lift_option_bytes_(d, p, n);
  theater_option_string_t s = {o.is_some, o.value};
  return s;
}

/* A flat websocket-message: (ty disc, other ptr, len, data disc, ptr, len, text disc, ptr, len);
 * a tag past `other` or an option discriminant past 1 traps. */
static theater_websocket_message_t theater_http_lift_message_(uint32_t td, uint32_t tp, uint32_t tn, uint32_t dd, uint32_t dp,
                                                              uint32_t dn, uint32_t xd, uint32_t xp, uint32_t xn) {
  if (td >= THEATER_WS_TYPE_COUNT_) THEATER_TRAP();
  theater_websocket_message_t m = theater_websocket_message((uint8_t)td);
  if (td == THEATER_WS_OTHER) m.ty.other = theater_lift_string_(tp, tn);
  m.data = theater_lift_option_bytes_(dd, dp, dn);
  m.text = theater_http_lift_option_string_(xd, xp, xn);
  return m;
}

#define THEATER_HH_ "theater:simple/http-handlers#"
#define THEATER_HH_REQUEST_PARAMS_ \
  uint32_t mp_, uint32_t mn_, uint32_t up_, uint32_t un_, uint32_t hp_, uint32_t hn_, uint32_t bd_, uint32_t bp_, uint32_t bn_
#define THEATER_HH_REQUEST_ theater_http_lift_request_(mp_, mn_, up_, un_, hp_, hn_, bd_, bp_, bn_)

/* handle-request: fn(theater_state_t state, theater_handler_id_t handler_id, const theater_http_request_t *request),
 * returning theater_return_http_response(state, response). Core: (i32 x3, i64, i32 x9) -> i32; area 40 bytes. */
#define THEATER_EXPORT_HANDLE_HTTP_REQUEST(fn)                                                                        \
  static theater_result_t theater_call_http_request_(theater_state_t s_, uint64_t h_, theater_http_request_t q_) {   \
    return fn(s_, h_, &q_);                                                                                            \
  }                                                                                                                    \
  THEATER_DEFINE_EXPORT(http_request, THEATER_HH_ "handle-request", 40, THEATER_RESULT_HTTP_RESPONSE,                 \
                        THEATER_MUST_("http-handlers#handle-request", "theater_return_http_response"),                \
                        theater_http_lower_response_, (THEATER_SD_, uint64_t hid_, THEATER_HH_REQUEST_PARAMS_),          \
                        theater_call_http_request_(THEATER_STATE_, hid_, THEATER_HH_REQUEST_))

/* handle-middleware: fn(theater_state_t state, theater_handler_id_t handler_id, const theater_http_request_t *request),
 * returning theater_return_middleware(state, proceed, request). Core: as handle-request; area 56 bytes. */
#define THEATER_EXPORT_HANDLE_MIDDLEWARE(fn)                                                                     \
  static theater_result_t theater_call_http_middleware_(theater_state_t s_, uint64_t h_, theater_http_request_t q_) { \
    return fn(s_, h_, &q_);                                                                                            \
  }                                                                                                                    \
  THEATER_DEFINE_EXPORT(http_middleware, THEATER_HH_ "handle-middleware", 56, THEATER_RESULT_MIDDLEWARE,              \
                        THEATER_MUST_("http-handlers#handle-middleware", "theater_return_middleware"),                \
                        theater_http_lower_middleware_, (THEATER_SD_, uint64_t hid_, THEATER_HH_REQUEST_PARAMS_),        \
                        theater_call_http_middleware_(THEATER_STATE_, hid_, THEATER_HH_REQUEST_))

/* handle-websocket-connect: fn(theater_state_t state, theater_handler_id_t handler_id, uint64_t connection_id,
 * theater_string_t path, theater_option_string_t protocol) -> state kinds. Core: (i32 x3, i64, i64, i32 x5) -> i32. */
#define THEATER_EXPORT_HANDLE_WEBSOCKET_CONNECT(fn)                                                              \
  THEATER_DEFINE_EXPORT(http_websocket_connect, THEATER_HH_ "handle-websocket-connect", 16, THEATER_RESULT_STATE,     \
                        THEATER_MUST_("http-handlers#handle-websocket-connect", THEATER_STATE_HELPERS_),              \
                        theater_no_payload_,                                                                           \
                        (THEATER_SD_, uint64_t hid_, uint64_t cid_, uint32_t pp_, uint32_t pn_, uint32_t xd_,          \
                         uint32_t xp_, uint32_t xn_),                                                                  \
                        fn(THEATER_STATE_, hid_, cid_, theater_lift_string_(pp_, pn_),                                 \
                           theater_http_lift_option_string_(xd_, xp_, xn_)))

/* handle-websocket-message: fn(theater_state_t state, theater_handler_id_t handler_id, uint64_t connection_id,
 * const theater_websocket_message_t *message), returning theater_return_websocket_messages(state, replies).
 * Core: (i32 x3, i64, i64, i32 x9) -> i32; area 24 bytes. */
#define THEATER_EXPORT_HANDLE_WEBSOCKET_MESSAGE(fn)                                                              \
  static theater_result_t theater_call_http_websocket_message_(theater_state_t s_, uint64_t h_, uint64_t c_,          \
                                                               theater_websocket_message_t m_) {                      \
    return fn(s_, h_, c_, &m_);                                                                                        \
  }                                                                                                                    \
  THEATER_DEFINE_EXPORT(http_websocket_message, THEATER_HH_ "handle-websocket-message", 24,                          \
                        THEATER_RESULT_WEBSOCKET_MESSAGES,                                                             \
                        THEATER_MUST_("http-handlers#handle-websocket-message", "theater_return_websocket_messages"), \
                        theater_http_lower_messages_,                                                                  \
                        (THEATER_SD_, uint64_t hid_, uint64_t cid_, uint32_t td_, uint32_t tp_, uint32_t tn_,          \
                         uint32_t dd_, uint32_t dp_, uint32_t dn_, uint32_t xd_, uint32_t xp_, uint32_t xn_),          \
                        theater_call_http_websocket_message_(                                                          \
                            THEATER_STATE_, hid_, cid_,                                                                \
                            theater_http_lift_message_(td_, tp_, tn_, dd_, dp_, dn_, xd_, xp_, xn_)))

/* handle-websocket-disconnect: fn(theater_state_t state, theater_handler_id_t handler_id, uint64_t connection_id)
 * -> state kinds. Core: (i32 x3, i64, i64) -> i32. */
#define THEATER_EXPORT_HANDLE_WEBSOCKET_DISCONNECT(fn)                                                           \
  THEATER_DEFINE_EXPORT(http_websocket_disconnect, THEATER_HH_ "handle-websocket-disconnect", 16,                    \
                        THEATER_RESULT_STATE,                                                                          \
                        THEATER_MUST_("http-handlers#handle-websocket-disconnect", THEATER_STATE_HELPERS_),           \
                        theater_no_payload_, (THEATER_SD_, uint64_t hid_, uint64_t cid_),                               \
                        fn(THEATER_STATE_, hid_, cid_))

#endif
