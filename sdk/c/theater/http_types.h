/*
 * theater/http_types.h -- C structs for theater:simple/http-types and
 * theater:simple/websocket-types (wit/http-types.wit), shared by
 * theater/http_client.h, theater/http_framework.h and theater/http_handlers.h.
 *
 * The structs a list is made of (theater_http_header_t, theater_websocket_message_t)
 * and the records the host writes into a return area are laid out exactly as
 * the canonical ABI lays them out in linear memory (the _Static_asserts pin
 * it), so lists cross the boundary in place, without a copy: a guest passes
 * its own array to the host, and reads the host's array after the SDK has
 * checked its bounds and discriminants. docs: sdk/c/docs/io.md.
 */
#ifndef THEATER_HTTP_TYPES_H
#define THEATER_HTTP_TYPES_H

#include "theater/import.h"

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

/* variant message-type: the case tag, and `other`'s name when tag is THEATER_WS_OTHER
 * ({0, 0} for every other case). */
enum {
  THEATER_WS_TEXT,
  THEATER_WS_BINARY,
  THEATER_WS_CONNECT,
  THEATER_WS_CLOSE,
  THEATER_WS_PING,
  THEATER_WS_PONG,
  THEATER_WS_OTHER,
  THEATER_WS_TYPE_COUNT_
};
typedef struct {
  uint8_t tag;
  theater_string_t other;
} theater_websocket_message_type_t;

/* record websocket-message { ty: message-type, data: option<list<u8>>, text: option<string> } */
typedef struct {
  theater_websocket_message_type_t ty;
  theater_option_bytes_t data;
  theater_option_string_t text;
} theater_websocket_message_t;

/* list<websocket-message> */
typedef struct {
  const theater_websocket_message_t *ptr;
  uint32_t len;
} theater_websocket_messages_t;

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
static inline theater_option_u64_t theater_some_u64(uint64_t v) {
  theater_option_u64_t o = {true, v};
  return o;
}
static inline theater_option_u64_t theater_none_u64(void) {
  theater_option_u64_t o = {false, 0};
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

/* A text / binary message; theater_websocket_message(tag) for one without payload
 * (connect, close, ping, pong); theater_websocket_other(name) for `other(name)`. */
static inline theater_websocket_message_t theater_websocket_message(uint8_t tag) {
  theater_websocket_message_t m = {{tag, {0, 0}}, {false, {0, 0}}, {false, {0, 0}}};
  return m;
}
static inline theater_websocket_message_t theater_websocket_text(theater_string_t text) {
  theater_websocket_message_t m = theater_websocket_message(THEATER_WS_TEXT);
  m.text = theater_some_string(text);
  return m;
}
static inline theater_websocket_message_t theater_websocket_binary(theater_bytes_t data) {
  theater_websocket_message_t m = theater_websocket_message(THEATER_WS_BINARY);
  m.data = theater_some(data);
  return m;
}
static inline theater_websocket_message_t theater_websocket_other(theater_string_t name) {
  theater_websocket_message_t m = theater_websocket_message(THEATER_WS_OTHER);
  m.ty.other = name;
  return m;
}

/* The WIT name of a message-type tag, e.g. "text" ("?" if out of range). */
static const char *theater_websocket_type_name(uint8_t tag) {
  static const char *const names[] = {"text", "binary", "connect", "close", "ping", "pong", "other"};
  return tag < THEATER_WS_TYPE_COUNT_ ? names[tag] : "?";
}

/* ---- reading what the host wrote (in place, checked) ----------------------------------- */

/* Checks a list<tuple<string, string>> the host wrote (16-byte elements, align 4) and returns it. */
static theater_http_headers_t theater_http_check_headers_(uint32_t ptr, uint32_t len) {
  theater_http_headers_t l;
  l.len = len;
  l.ptr = (const theater_http_header_t *)theater_check_list(ptr, len, 16, 4);
  return l;
}

/* The canonical layouts (sdk/c/docs/io.md, "Layouts"). */
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
_Static_assert(sizeof(theater_websocket_message_type_t) == 12 && offsetof(theater_websocket_message_type_t, other) == 4,
               "message-type");
_Static_assert(sizeof(theater_websocket_message_t) == 36 && offsetof(theater_websocket_message_t, data) == 12 &&
                   offsetof(theater_websocket_message_t, text) == 24,
               "websocket-message");

#endif
