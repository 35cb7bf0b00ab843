/*
 * web-probe -- theater:simple/http-framework driven by messages, and every
 * theater:simple/http-handlers export, for the http-framework handler's tests and
 * benchmark. Contract: test-actors/README.md, "web-probe".
 *
 * handle-send: a command whose fields are separated by the byte 0x1f ("-" = none);
 * each logs one line "<cmd> ok[ <value>]" or "<cmd> err <message>":
 *   create port host cert key | info sid | start sid | stop sid | destroy sid
 *   register name | route sid path method hid | unroute rid | mw sid path hid | unmw mid
 *   ws sid path connect-hid message-hid disconnect-hid | unws sid path
 *   wssend sid cid type payload | wsclose sid cid
 * The exports behave by the name the handler id was registered under (a static
 * table: "?" for an id this instance did not register).
 *
 * Variants (test-actors/web-routes, test-actors/web-wsonly) include this file with
 * some http-handlers exports left out: WEB_NO_<EXPORT> defined drops that export.
 */
#include "theater.h"

#define SEP 0x1f
#define MAX_FIELDS 8
#define MAX_HANDLERS 64
#define MAX_NAME 64

/* ---- handler id -> name, and the behaviour the name picks ------------------------------------ */

enum {
  K_OTHER, K_ECHO, K_HELLO, K_STATUS, K_BIG, K_ERR, K_TRAP, K_SLOW, K_COUNT, K_CRASH_IN_HOST,
  K_MW_PASS, K_MW_TAG, K_MW_DENY, K_MW_ERR, K_MW_REWRITE, K_MW_TRAP, K_WS_CONNECT_ERR, K_WS_ECHO, K_WS_ERR,
  K_COUNT_
};
static const char *const kind_names[K_COUNT_] = {
    "",       "echo",   "hello",   "status", "big",        "err",     "trap",           "slow",    "count", "crash-in-host",
    "mw-pass", "mw-tag", "mw-deny", "mw-err", "mw-rewrite", "mw-trap", "ws-connect-err", "ws-echo", "ws-err"};

typedef struct {
  uint64_t id;
  uint32_t kind, len;
  uint8_t name[MAX_NAME]; /* the registered name, cut at MAX_NAME bytes */
} handler_t;

static handler_t handlers[MAX_HANDLERS]; /* static: survives calls (not a restart) */
static uint32_t handler_count;
static const handler_t unknown_handler = {0, K_OTHER, 1, "?"};

static void remember(uint64_t id, theater_string_t name) {
  if (handler_count == MAX_HANDLERS) return; /* full: later ids read as "?" */
  handler_t *h = &handlers[handler_count++];
  h->id = id;
  h->len = name.len < MAX_NAME ? name.len : MAX_NAME;
  memcpy(h->name, name.ptr, h->len);
  h->kind = K_OTHER;
  for (uint32_t k = 1; k < K_COUNT_; k++)
    if (theater_eq(name, kind_names[k])) h->kind = k;
}

static const handler_t *handler_of(uint64_t id) {
  for (uint32_t i = 0; i < handler_count; i++)
    if (handlers[i].id == id) return &handlers[i];
  return &unknown_handler;
}

static theater_string_t name_of(const handler_t *h) { return theater_string_of(h->name, h->len); }

/* ---- handle-send: the commands ------------------------------------------------------------- */

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

static bool none(theater_string_t f) { return theater_eq(f, "-"); }
static theater_option_u64_t opt_id(theater_string_t f) {
  return none(f) ? theater_none_u64() : theater_some_u64(theater_parse_u64(f));
}

/* One line: "<cmd> err <err>", "<cmd> ok" (value empty) or "<cmd> ok <value>". */
static void report(theater_string_t cmd, bool ok, theater_string_t value, theater_string_t err) {
  if (!ok) theater_logf("%s err %s", cmd, err);
  else if (value.len) theater_logf("%s ok %s", cmd, value);
  else theater_logf("%s ok", cmd);
}
static void report_id(theater_string_t cmd, bool ok, uint64_t id, theater_string_t err) {
  report(cmd, ok, theater_format("%U", id), err);
}

/* wssend's message: text|binary|ping|pong|close|connect|other:<name>; false if none of them. */
static bool ws_message_of(theater_string_t type, theater_string_t payload, theater_websocket_message_t *m) {
  if (theater_has_prefix(type, "other:")) {
    *m = theater_websocket_other(theater_skip(type, 6));
    return true;
  }
  for (uint8_t t = 0; t < THEATER_WS_OTHER; t++) {
    if (!theater_eq(type, theater_websocket_type_name(t))) continue;
    *m = theater_websocket_message(t);
    if (t == THEATER_WS_TEXT) m->text = theater_some_string(payload);
    if (t == THEATER_WS_BINARY || ((t == THEATER_WS_PING || t == THEATER_WS_PONG) && payload.len))
      m->data = theater_some(payload);
    return true;
  }
  return false;
}

static bool is(const fields_t *c, const char *name, uint32_t n) { return theater_eq(c->f[0], name) && c->n == n; }

static void command(fields_t c) {
  theater_string_t cmd = c.f[0], err = theater_str(""), *f = c.f;
  theater_string_t nothing = theater_str("");
  uint64_t id = 0;
  if (is(&c, "create", 5)) {
    theater_server_config_t cfg;
    cfg.port = none(f[1]) ? theater_none_u16() : theater_some_u16((uint16_t)theater_parse_u32(f[1]));
    cfg.host = none(f[2]) ? theater_none_string() : theater_some_string(f[2]);
    cfg.tls_config.is_some = !none(f[3]);
    cfg.tls_config.value.cert_path = f[3];
    cfg.tls_config.value.key_path = none(f[4]) ? nothing : f[4];
    bool ok = theater_http_framework_create_server(&cfg, &id, &err);
    report_id(cmd, ok, id, err);
  } else if (is(&c, "info", 2)) {
    theater_server_info_t i;
    if (theater_http_framework_get_server_info(theater_parse_u64(f[1]), &i, &err))
      theater_logf("info ok id=%U port=%u host=%s running=%u routes=%u middleware=%u websocket=%u", i.id, (uint32_t)i.port,
                   i.host, (uint32_t)i.running, i.routes_count, i.middleware_count, (uint32_t)i.websocket_enabled);
    else
      report(cmd, false, nothing, err);
  } else if (is(&c, "start", 2)) {
    uint16_t port = 0;
    bool ok = theater_http_framework_start_server(theater_parse_u64(f[1]), &port, &err);
    report_id(cmd, ok, port, err);
  } else if (is(&c, "stop", 2)) {
    report(cmd, theater_http_framework_stop_server(theater_parse_u64(f[1]), &err), nothing, err);
  } else if (is(&c, "destroy", 2)) {
    report(cmd, theater_http_framework_destroy_server(theater_parse_u64(f[1]), &err), nothing, err);
  } else if (is(&c, "register", 2)) {
    bool ok = theater_http_framework_register_handler(f[1], &id, &err);
    if (ok) remember(id, f[1]);
    report_id(cmd, ok, id, err);
  } else if (is(&c, "route", 5)) {
    bool ok = theater_http_framework_add_route(theater_parse_u64(f[1]), f[2], f[3], theater_parse_u64(f[4]), &id, &err);
    report_id(cmd, ok, id, err);
  } else if (is(&c, "unroute", 2)) {
    report(cmd, theater_http_framework_remove_route(theater_parse_u64(f[1]), &err), nothing, err);
  } else if (is(&c, "mw", 4)) {
    bool ok = theater_http_framework_add_middleware(theater_parse_u64(f[1]), f[2], theater_parse_u64(f[3]), &id, &err);
    report_id(cmd, ok, id, err);
  } else if (is(&c, "unmw", 2)) {
    report(cmd, theater_http_framework_remove_middleware(theater_parse_u64(f[1]), &err), nothing, err);
  } else if (is(&c, "ws", 6)) {
    bool ok = theater_http_framework_enable_websocket(theater_parse_u64(f[1]), f[2], opt_id(f[3]), theater_parse_u64(f[4]),
                                                      opt_id(f[5]), &err);
    report(cmd, ok, nothing, err);
  } else if (is(&c, "unws", 3)) {
    report(cmd, theater_http_framework_disable_websocket(theater_parse_u64(f[1]), f[2], &err), nothing, err);
  } else if (is(&c, "wssend", 5)) {
    theater_websocket_message_t m;
    if (!ws_message_of(f[3], f[4], &m))
      report(cmd, false, nothing, theater_format("unknown message type %s", f[3]));
    else
      report(cmd, theater_http_framework_send_websocket_message(theater_parse_u64(f[1]), theater_parse_u64(f[2]), &m, &err),
             nothing, err);
  } else if (is(&c, "wsclose", 3)) {
    report(cmd, theater_http_framework_close_websocket(theater_parse_u64(f[1]), theater_parse_u64(f[2]), &err), nothing, err);
  } else {
    theater_logf("unknown command %s", cmd);
  }
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  theater_logf("web-probe %s", actor_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  command(split_fields(msg));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

/* ---- handle-request ------------------------------------------------------------------------ */

#define X10 "xxxxxxxxxx"
static const char hello_body[] = "hello, " X10 X10 X10 X10 X10 X10 X10 X10 X10 "xxx";
_Static_assert(sizeof hello_body == 101, "hello is 100 bytes");
static const theater_http_header_t text_plain[] = {{{(const uint8_t *)"content-type", 12}, {(const uint8_t *)"text/plain", 10}}};

static theater_result_t respond(theater_state_t state, uint16_t status, theater_http_headers_t headers,
                                theater_option_bytes_t body) {
  return theater_return_http_response(state, theater_http_response(status, headers, body));
}

/* The request header `name`'s value as a number, or `otherwise` without one. */
static uint64_t header_u64(const theater_http_request_t *q, const char *name, uint64_t otherwise) {
  theater_string_t v;
  return theater_http_find_header(q->headers, name, &v) ? theater_parse_u64(v) : otherwise;
}

static theater_result_t on_request(theater_state_t state, theater_handler_id_t hid, const theater_http_request_t *q) {
  const handler_t *h = handler_of(hid);
  theater_http_headers_t no_headers = theater_http_headers(0, 0);
  if (h->kind == K_HELLO) /* the benchmark's: static data, no log */
    return respond(state, 200, theater_http_headers(text_plain, 1), theater_some(theater_bytes_of(hello_body, 100)));
  theater_string_t name = name_of(h);
  theater_logf("request %s %s %s", name, q->method, q->uri);
  switch (h->kind) {
    case K_ECHO: {
      uint32_t n = q->headers.len;
      theater_http_header_t *out = (theater_http_header_t *)theater_alloc((2 + n) * sizeof *out, 4);
      out[0] = text_plain[0];
      out[1].name = theater_str("x-handler");
      out[1].value = name;
      for (uint32_t i = 0; i < n; i++) {
        out[2 + i].name = theater_format("x-h-%s", q->headers.ptr[i].name);
        out[2 + i].value = q->headers.ptr[i].value;
      }
      theater_bytes_t body = q->body.is_some ? q->body.value : theater_format("%s %s", q->method, q->uri);
      return respond(state, 200, theater_http_headers(out, 2 + n), theater_some(body));
    }
    case K_STATUS:
      return respond(state, (uint16_t)header_u64(q, "x-status", 0), no_headers, theater_none());
    case K_BIG: {
      uint32_t n = (uint32_t)header_u64(q, "x-size", 0);
      uint8_t *p = (uint8_t *)theater_alloc(n ? n : 1, 1);
      memset(p, 'b', n);
      return respond(state, 200, no_headers, theater_some(theater_bytes_of(p, n)));
    }
    case K_ERR:
      return theater_return_err("secret internal detail 42");
    case K_TRAP:
      THEATER_TRAP();
    case K_SLOW: {
      theater_string_t err;
      if (theater_timing_sleep(header_u64(q, "x-sleep-ms", 500), &err)) theater_logf("slow done");
      else theater_logf("slow err %s", err);
      return respond(state, 200, no_headers, theater_some(theater_str("late")));
    }
    case K_COUNT: {
      uint64_t n = (state.is_some ? theater_parse_u64(state.value) : 0) + 1;
      theater_string_t text = theater_format("%U", n);
      return respond(theater_some(text), 200, no_headers, theater_some(text));
    }
    case K_CRASH_IN_HOST: {
      uint16_t port = 0;
      theater_string_t err;
      bool ok = theater_http_framework_start_server(999999, &port, &err);
      theater_string_t body = ok ? theater_format("started %u", (uint32_t)port) : err;
      return respond(state, 200, no_headers, theater_some(body));
    }
    default:
      return respond(state, 200, no_headers, theater_some(name));
  }
}
#ifndef WEB_NO_REQUEST
THEATER_EXPORT_HANDLE_HTTP_REQUEST(on_request)
#endif

/* ---- handle-middleware --------------------------------------------------------------------- */

static theater_result_t on_middleware(theater_state_t state, theater_handler_id_t hid, const theater_http_request_t *q) {
  const handler_t *h = handler_of(hid);
  theater_logf("middleware %s %s", name_of(h), q->uri);
  theater_http_request_t r = *q;
  switch (h->kind) {
    case K_MW_DENY:
      return theater_return_middleware(state, false, q);
    case K_MW_ERR:
      return theater_return_err("middleware secret");
    case K_MW_TRAP:
      THEATER_TRAP();
    case K_MW_TAG: {
      uint32_t n = q->headers.len;
      theater_http_header_t *hs = (theater_http_header_t *)theater_alloc((n + 1) * sizeof *hs, 4);
      if (n) memcpy(hs, q->headers.ptr, n * sizeof *hs);
      hs[n].name = theater_str("x-mw");
      hs[n].value = theater_format("%s-%U", name_of(h), hid);
      r.headers = theater_http_headers(hs, n + 1);
      break;
    }
    case K_MW_REWRITE:
      theater_http_find_header(q->headers, "x-rewrite", &r.uri);
      break;
    default: /* mw-pass and any other name */
      break;
  }
  return theater_return_middleware(state, true, &r);
}
#ifndef WEB_NO_MIDDLEWARE
THEATER_EXPORT_HANDLE_MIDDLEWARE(on_middleware)
#endif

/* ---- websockets ---------------------------------------------------------------------------- */

static theater_result_t on_ws_connect(theater_state_t state, theater_handler_id_t hid, uint64_t cid, theater_string_t path,
                                      theater_option_string_t protocol) {
  const handler_t *h = handler_of(hid);
  theater_logf("ws-connect %s %U %s %s", name_of(h), cid, path, protocol.is_some ? protocol.value : theater_str("-"));
  if (h->kind == K_WS_CONNECT_ERR) return theater_return_err("connect refused");
  return theater_return_keep(state);
}
#ifndef WEB_NO_WEBSOCKET_CONNECT
THEATER_EXPORT_HANDLE_WEBSOCKET_CONNECT(on_ws_connect)
#endif

static theater_result_t replies(theater_state_t state, const theater_websocket_message_t *m, uint32_t n) {
  return theater_return_websocket_messages(state, (theater_websocket_messages_t){m, n});
}

static theater_result_t on_ws_message(theater_state_t state, theater_handler_id_t hid, uint64_t cid,
                                      const theater_websocket_message_t *m) {
  const handler_t *h = handler_of(hid);
  uint8_t tag = m->ty.tag;
  theater_string_t type = tag == THEATER_WS_OTHER ? theater_format("other:%s", m->ty.other)
                                                  : theater_str(theater_websocket_type_name(tag));
  theater_string_t text = m->text.is_some ? m->text.value : theater_str("");
  theater_string_t what = tag != THEATER_WS_TEXT ? theater_format("%u", m->data.is_some ? m->data.value.len : 0)
                          : m->text.is_some     ? text
                                                : theater_str("-");
  theater_logf("ws-message %s %U %s %s", name_of(h), cid, type, what);
  if (h->kind == K_WS_ERR) return theater_return_err("websocket message refused");
  if (h->kind != K_WS_ECHO) return replies(state, 0, 0);
  theater_websocket_message_t out[2];
  if (tag == THEATER_WS_BINARY) {
    out[0] = theater_websocket_binary(m->data.is_some ? m->data.value : theater_str(""));
    return replies(state, out, 1);
  }
  if (tag != THEATER_WS_TEXT || theater_eq(text, "none")) return replies(state, 0, 0);
  if (theater_eq(text, "two")) {
    out[0] = theater_websocket_text(theater_str("one"));
    out[1] = theater_websocket_text(theater_str("two"));
    return replies(state, out, 2);
  }
  if (theater_eq(text, "close-me")) {
    out[0] = theater_websocket_message(THEATER_WS_CLOSE);
    return replies(state, out, 1);
  }
  if (theater_has_prefix(text, "push:")) {
    theater_string_t err;
    out[0] = theater_websocket_text(theater_str("pushed"));
    if (!theater_http_framework_send_websocket_message(theater_parse_u64(theater_skip(text, 5)), cid, &out[0], &err))
      theater_logf("push err %s", err);
    return replies(state, 0, 0);
  }
  out[0] = theater_websocket_text(theater_format("echo: %s", text));
  return replies(state, out, 1);
}
#ifndef WEB_NO_WEBSOCKET_MESSAGE
THEATER_EXPORT_HANDLE_WEBSOCKET_MESSAGE(on_ws_message)
#endif

static theater_result_t on_ws_disconnect(theater_state_t state, theater_handler_id_t hid, uint64_t cid) {
  theater_logf("ws-disconnect %s %U", name_of(handler_of(hid)), cid);
  return theater_return_keep(state);
}
#ifndef WEB_NO_WEBSOCKET_DISCONNECT
THEATER_EXPORT_HANDLE_WEBSOCKET_DISCONNECT(on_ws_disconnect)
#endif
