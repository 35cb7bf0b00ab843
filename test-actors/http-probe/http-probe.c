/*
 * http-probe -- theater:simple/http-client's send-http, driven by messages. Each
 * handle-send message is a command whose fields are separated by the byte 0x1f.
 * Every command logs "send-http ok <status> <body bytes>" followed by one line
 * per response header "h <name>: <value>" and, when there is a body, one line
 * "b <the body's first 256 bytes>" (printable ASCII) or "x <the first 32 bytes
 * in hex>" (anything else); or one line "send-http err <message>".
 * Contract: test-actors/README.md, "http-probe".
 *
 *   send<US><method><US><uri><US><body or empty><US><has body 0|1>[<US><name><US><value>]...
 *   send-pattern<US><method><US><uri><US><n>    a body of n bytes (k * 7 + 3) & 0xff
 *   get-n<US><n><US><uri>    n GETs; "get-n ok <n> <body bytes of all>" or the first err
 */
#include "theater.h"

#define SEP 0x1f
#define MAX_FIELDS 36

typedef struct {
  theater_string_t f[MAX_FIELDS];
  uint32_t n;
} fields_t;

static fields_t split_fields(theater_bytes_t msg) {
  fields_t r;
  r.n = 0;
  theater_string_t rest = msg;
  while (r.n < MAX_FIELDS) {
    theater_string_t head;
    bool more = theater_split(rest, SEP, &head, &rest);
    r.f[r.n++] = head;
    if (!more) break;
  }
  return r;
}

static void log_err(theater_string_t err) { theater_logf("send-http err %s", err); }

static void log_response(const theater_http_response_t *r) {
  uint32_t len = r->body.is_some ? r->body.value.len : 0;
  theater_logf("send-http ok %u %u", (uint32_t)r->status, len);
  for (uint32_t i = 0; i < r->headers.len; i++) theater_logf("h %s: %s", r->headers.ptr[i].name, r->headers.ptr[i].value);
  if (!r->body.is_some) return;
  theater_bytes_t head = theater_bytes_of(r->body.value.ptr, len > 256 ? 256 : len);
  bool text = true;
  for (uint32_t i = 0; i < head.len; i++) text &= (head.ptr[i] >= 0x20 && head.ptr[i] < 0x7f) || head.ptr[i] == '\n';
  if (text) theater_logf("b %s", head);
  else theater_logf("x %x", theater_bytes_of(head.ptr, head.len > 32 ? 32 : head.len));
}

static void send(theater_http_request_t *req) {
  theater_http_response_t r;
  theater_string_t err;
  if (theater_http_client_send_http(req, &r, &err)) log_response(&r); else log_err(err);
}

static void command(fields_t c) {
  theater_string_t name = c.f[0];
  theater_http_request_t req;
  req.headers = theater_http_headers(0, 0);
  req.body.is_some = false;
  req.body.value = theater_str("");
  if (theater_eq(name, "send") && c.n >= 5 && (c.n - 5) % 2 == 0) {
    req.method = c.f[1];
    req.uri = c.f[2];
    req.body.is_some = theater_eq(c.f[4], "1");
    req.body.value = c.f[3];
    uint32_t k = (c.n - 5) / 2;
    theater_http_header_t *h = (theater_http_header_t *)theater_alloc(k ? k * 16 : 16, 4);
    for (uint32_t i = 0; i < k; i++) {
      h[i].name = c.f[5 + 2 * i];
      h[i].value = c.f[6 + 2 * i];
    }
    req.headers = theater_http_headers(h, k);
    send(&req);
  } else if (theater_eq(name, "send-pattern") && c.n == 4) {
    uint32_t n = theater_parse_u32(c.f[3]);
    uint8_t *p = (uint8_t *)theater_alloc(n ? n : 1, 1);
    for (uint32_t k = 0; k < n; k++) p[k] = (uint8_t)(k * 7u + 3u);
    req.method = c.f[1];
    req.uri = c.f[2];
    req.body.is_some = true;
    req.body.value = theater_bytes_of(p, n);
    send(&req);
  } else if (theater_eq(name, "get-n") && c.n == 3) {
    uint32_t n = theater_parse_u32(c.f[1]);
    uint64_t bytes = 0;
    req.method = theater_str("GET");
    req.uri = c.f[2];
    for (uint32_t i = 0; i < n; i++) {
      uint32_t mark = theater_heap_mark(); /* each response's bytes are dropped before the next */
      theater_http_response_t r;
      theater_string_t err;
      if (!theater_http_client_send_http(&req, &r, &err)) {
        log_err(err);
        return;
      }
      bytes += r.body.is_some ? r.body.value.len : 0;
      theater_heap_release(mark);
    }
    theater_logf("get-n ok %u %U", n, bytes);
  } else {
    theater_logf("unknown command %s", name);
  }
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  theater_logf("http-probe %s", actor_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  command(split_fields(msg));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
