/*
 * theater/http_client.h -- theater:simple/http-client (wit/http-client.wit):
 * outgoing HTTP requests; and the C structs of theater:simple/http-types
 * (wit/http-types.wit), which theater/http_framework.h and theater/http_handlers.h
 * share. docs: sdk/c/docs/io.md.
 *
 * The structs a list is made of (theater_http_header_t) and the records the host
 * writes into a return area are laid out exactly as the canonical ABI lays them
 * out in linear memory (the _Static_asserts pin it), so lists cross the boundary
 * in place, without a copy: a guest passes its own array to the host, and reads
 * the host's array after the SDK has checked its bounds.
 */
#ifndef THEATER_HTTP_CLIENT_H
#define THEATER_HTTP_CLIENT_H

#include "theater/import.h"

/* ---- theater:simple/http-types ------------------------------------------------------------ */

/* option<u16> (port): value @2. */
typedef struct {
  bool is_some;
  uint16_t value;
} theater_option_u16_t;

/* tuple<string, string>: one header, name @0, value @8. */
typedef struct {
  theater_string_t name;
  theater_string_t value;
} theater_http_header_t;

/* list<tuple<string, string>>: the headers in order (a name may repeat). */
typedef struct {
  const theater_http_header_t *ptr;
  uint32_t len;
} theater_http_headers_t;

/* record http-request { method, uri, headers, body: option<bytes> } */
typedef struct {
  theater_string_t method;
  theater_string_t uri;
  theater_http_headers_t headers;
  theater_option_bytes_t body;
} theater_http_request_t;

/* record http-response { status: u16, headers, body: option<bytes> } */
typedef struct {
  uint16_t status;
  theater_http_headers_t headers;
  theater_option_bytes_t body;
} theater_http_response_t;

/* record tls-config { cert-path: string, key-path: string } */
typedef struct {
  theater_string_t cert_path;
  theater_string_t key_path;
} theater_tls_config_t;

typedef struct {
  bool is_some;
  theater_tls_config_t value;
} theater_option_tls_config_t;

/* record server-config { port: option<u16>, host: option<string>, tls-config: option<tls-config> } */
typedef struct {
  theater_option_u16_t port;
  theater_option_string_t host;
  theater_option_tls_config_t tls_config;
} theater_server_config_t;

/* record server-info (what get-server-info reports). */
typedef struct {
  uint64_t id;
  uint16_t port;
  theater_string_t host;
  bool running;
  uint32_t routes_count;
  uint32_t middleware_count;
  bool websocket_enabled;
} theater_server_info_t;

/* record middleware-result { proceed: bool, request: http-request } */
typedef struct {
  bool proceed;
  theater_http_request_t request;
} theater_middleware_result_t;

/* ---- small constructors --------------------------------------------------------------- */

static inline theater_option_string_t theater_some_string(theater_string_t s) {
  theater_option_string_t o = {true, s};
  return o;
}
static inline theater_option_string_t theater_none_string(void) {
  theater_option_string_t o = {false, {0, 0}};
  return o;
}
static inline theater_option_u16_t theater_some_u16(uint16_t v) {
  theater_option_u16_t o = {true, v};
  return o;
}
static inline theater_option_u16_t theater_none_u16(void) {
  theater_option_u16_t o = {false, 0};
  return o;
}

static inline theater_http_header_t theater_http_header(const char *name, const char *value) {
  theater_http_header_t h = {theater_str(name), theater_str(value)};
  return h;
}
static inline theater_http_headers_t theater_http_headers(const theater_http_header_t *ptr, uint32_t len) {
  theater_http_headers_t l = {ptr, len};
  return l;
}

/* The first header named `name` (ASCII case-insensitive, as HTTP names are), or false. */
static bool theater_http_find_header(theater_http_headers_t headers, const char *name, theater_string_t *value) {
  uint32_t k = (uint32_t)strlen(name);
  for (uint32_t i = 0; i < headers.len; i++) {
    theater_string_t n = headers.ptr[i].name;
    if (n.len != k) continue;
    uint32_t j = 0;
    for (; j < k; j++) {
      uint8_t a = n.ptr[j], b = (uint8_t)name[j];
      if (a >= 'A' && a <= 'Z') a = (uint8_t)(a + 32);
      if (b >= 'A' && b <= 'Z') b = (uint8_t)(b + 32);
      if (a != b) break;
    }
    if (j == k) {
      if (value) *value = headers.ptr[i].value;
      return true;
    }
  }
  return false;
}

/* ---- reading what the host wrote (in place, checked) ----------------------------------- */

/* Checks a list<tuple<string, string>> the host wrote (16-byte elements, align 4) and returns it. */
static theater_http_headers_t theater_http_check_headers_(uint32_t ptr, uint32_t len) {
  theater_http_headers_t l;
  l.len = len;
  l.ptr = (const theater_http_header_t *)theater_check_list(ptr, len, 16, 4);
  return l;
}

/* The canonical layouts (sdk/c/docs/io.md). */
_Static_assert(sizeof(theater_option_u16_t) == 4 && offsetof(theater_option_u16_t, value) == 2, "option<u16>");
_Static_assert(sizeof(theater_http_header_t) == 16 && _Alignof(theater_http_header_t) == 4, "tuple<string, string>");
_Static_assert(sizeof(theater_http_request_t) == 36 && offsetof(theater_http_request_t, uri) == 8 &&
                   offsetof(theater_http_request_t, headers) == 16 && offsetof(theater_http_request_t, body) == 24,
               "http-request");
_Static_assert(sizeof(theater_http_response_t) == 24 && offsetof(theater_http_response_t, headers) == 4 &&
                   offsetof(theater_http_response_t, body) == 12,
               "http-response");
_Static_assert(sizeof(theater_server_config_t) == 36 && offsetof(theater_server_config_t, host) == 4 &&
                   offsetof(theater_server_config_t, tls_config) == 16,
               "server-config");
_Static_assert(sizeof(theater_server_info_t) == 40 && _Alignof(theater_server_info_t) == 8 &&
                   offsetof(theater_server_info_t, port) == 8 && offsetof(theater_server_info_t, host) == 12 &&
                   offsetof(theater_server_info_t, running) == 20 && offsetof(theater_server_info_t, routes_count) == 24 &&
                   offsetof(theater_server_info_t, middleware_count) == 28 &&
                   offsetof(theater_server_info_t, websocket_enabled) == 32,
               "server-info");
_Static_assert(sizeof(theater_middleware_result_t) == 40 && offsetof(theater_middleware_result_t, request) == 4,
               "middleware-result");

/* ---- theater:simple/http-client ----------------------------------------------------------- */

/* The request flattens to 9 core params (method, uri, headers as (ptr, len) each, body as
 * (disc, ptr, len)) plus the return pointer: under the 16-param limit, nothing spills. */
THEATER_IMPORT("theater:simple/http-client", "send-http")
void theater_import_http_send_(const uint8_t *m, uint32_t mn, const uint8_t *u, uint32_t un, const theater_http_header_t *h,
                               uint32_t hn, uint32_t bd, const uint8_t *b, uint32_t bn, void *ret);

/* Reads an http-response the host wrote at `off` of the import area (status @0, headers @4,
 * body @12), checking the header list and the body discriminant. */
static theater_http_response_t theater_import_http_response_(uint32_t off) {
  theater_http_response_t r;
  r.status = theater_import_u16(off);
  r.headers = theater_http_check_headers_(theater_import_u32(off + 4), theater_import_u32(off + 8));
  r.body = theater_import_option_bytes(off + 12);
  return r;
}

/* send-http: func(req: http-request) -> result<http-response, string>. Ok whatever the status;
 * err when the URI is invalid or not allowed, the connection failed, or it timed out. The
 * request's header array is passed in place (its layout is the canonical one). The result
 * (28 bytes): disc @0; ok: the response @4; err: string @4. */
static bool theater_http_client_send_http(const theater_http_request_t *req, theater_http_response_t *response,
                                          theater_string_t *err) {
  theater_import_http_send_(req->method.ptr, req->method.len, req->uri.ptr, req->uri.len, req->headers.ptr, req->headers.len,
                            req->body.is_some ? 1 : 0, req->body.is_some ? req->body.value.ptr : 0,
                            req->body.is_some ? req->body.value.len : 0, theater_import_area(28));
  if (!theater_import_result(4, err)) return false;
  theater_http_response_t r = theater_import_http_response_(4);
  if (response) *response = r;
  return true;
}

#endif
