/*
 * theater/http_framework.h -- theater:simple/http-framework (wit/http-framework.wit):
 * HTTP and WebSocket servers the host runs for the actor. The host then calls
 * the actor's http-handlers exports (macros in theater/http_handlers.h). Also
 * the C structs of theater:simple/websocket-types (the HTTP records are in
 * theater/http_client.h). docs: sdk/c/docs/io.md.
 *
 * Results as in message_server_host.h: true on ok (out-params filled), false
 * on err (*err filled); any out-param may be NULL. Ids are u64, issued by the
 * host. A result<u64, string> is 16 bytes (disc @0, the u64 or the err string
 * @8: the payload is aligned to 8); a result<_, string> or result<u16, string>
 * is 12 (payload @4).
 */
#ifndef THEATER_HTTP_FRAMEWORK_H
#define THEATER_HTTP_FRAMEWORK_H

#include "theater/http_client.h"

/* ---- theater:simple/websocket-types (wit/http-types.wit) ---------------------------------- */

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

/* option<u64> (handler ids of enable-websocket). */
static inline theater_option_u64_t theater_some_u64(uint64_t v) {
  theater_option_u64_t o = {true, v};
  return o;
}
static inline theater_option_u64_t theater_none_u64(void) {
  theater_option_u64_t o = {false, 0};
  return o;
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

/* The canonical layouts (sdk/c/docs/io.md). */
_Static_assert(sizeof(theater_websocket_message_type_t) == 12 && offsetof(theater_websocket_message_type_t, other) == 4,
               "message-type");
_Static_assert(sizeof(theater_websocket_message_t) == 36 && offsetof(theater_websocket_message_t, data) == 12 &&
                   offsetof(theater_websocket_message_t, text) == 24,
               "websocket-message");

/* ---- theater:simple/http-framework ------------------------------------------------------- */

typedef uint64_t theater_server_id_t;
typedef uint64_t theater_handler_id_t;
typedef uint64_t theater_route_id_t;
typedef uint64_t theater_middleware_id_t;

#define THEATER_HF_ "theater:simple/http-framework"
THEATER_IMPORT(THEATER_HF_, "create-server")
void theater_import_hf_create_server_(uint32_t pd, uint32_t pv, uint32_t hd, const uint8_t *hp, uint32_t hn, uint32_t td,
                                      const uint8_t *cp, uint32_t cn, const uint8_t *kp, uint32_t kn, void *ret);
THEATER_IMPORT(THEATER_HF_, "get-server-info") void theater_import_hf_get_server_info_(uint64_t sid, void *ret);
THEATER_IMPORT(THEATER_HF_, "start-server") void theater_import_hf_start_server_(uint64_t sid, void *ret);
THEATER_IMPORT(THEATER_HF_, "stop-server") void theater_import_hf_stop_server_(uint64_t sid, void *ret);
THEATER_IMPORT(THEATER_HF_, "destroy-server") void theater_import_hf_destroy_server_(uint64_t sid, void *ret);
THEATER_IMPORT(THEATER_HF_, "register-handler")
void theater_import_hf_register_handler_(const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_HF_, "add-route")
void theater_import_hf_add_route_(uint64_t sid, const uint8_t *pp, uint32_t pn, const uint8_t *mp, uint32_t mn, uint64_t hid,
                                  void *ret);
THEATER_IMPORT(THEATER_HF_, "remove-route") void theater_import_hf_remove_route_(uint64_t rid, void *ret);
THEATER_IMPORT(THEATER_HF_, "add-middleware")
void theater_import_hf_add_middleware_(uint64_t sid, const uint8_t *pp, uint32_t pn, uint64_t hid, void *ret);
THEATER_IMPORT(THEATER_HF_, "remove-middleware") void theater_import_hf_remove_middleware_(uint64_t mid, void *ret);
THEATER_IMPORT(THEATER_HF_, "enable-websocket")
void theater_import_hf_enable_websocket_(uint64_t sid, const uint8_t *pp, uint32_t pn, uint32_t cd, uint64_t cv, uint64_t mh,
                                         uint32_t dd, uint64_t dv, void *ret);
THEATER_IMPORT(THEATER_HF_, "disable-websocket")
void theater_import_hf_disable_websocket_(uint64_t sid, const uint8_t *pp, uint32_t pn, void *ret);
THEATER_IMPORT(THEATER_HF_, "send-websocket-message")
void theater_import_hf_send_websocket_message_(uint64_t sid, uint64_t cid, uint32_t td, const uint8_t *tp, uint32_t tn,
                                               uint32_t dd, const uint8_t *dp, uint32_t dn, uint32_t xd, const uint8_t *xp,
                                               uint32_t xn, void *ret);
THEATER_IMPORT(THEATER_HF_, "close-websocket") void theater_import_hf_close_websocket_(uint64_t sid, uint64_t cid, void *ret);

/* A result<u64, string> in the import area: the u64 @8. */
static bool theater_hf_result_u64_(uint64_t *out, theater_string_t *err) {
  if (!theater_import_result(8, err)) return false;
  if (out) *out = theater_import_u64(8);
  return true;
}

/* create-server: func(config: server-config) -> result<server-id, string>. The config
 * flattens to 10 core params: port (disc, u16), host (disc, ptr, len), tls-config (disc,
 * cert ptr, len, key ptr, len). */
static bool theater_http_framework_create_server(const theater_server_config_t *config, theater_server_id_t *server_id,
                                                 theater_string_t *err) {
  const theater_option_u16_t *p = &config->port;
  const theater_option_string_t *h = &config->host;
  const theater_option_tls_config_t *t = &config->tls_config;
  theater_import_hf_create_server_(p->is_some ? 1 : 0, p->is_some ? p->value : 0, h->is_some ? 1 : 0,
                                   h->is_some ? h->value.ptr : 0, h->is_some ? h->value.len : 0, t->is_some ? 1 : 0,
                                   t->is_some ? t->value.cert_path.ptr : 0, t->is_some ? t->value.cert_path.len : 0,
                                   t->is_some ? t->value.key_path.ptr : 0, t->is_some ? t->value.key_path.len : 0,
                                   theater_import_area(16));
  return theater_hf_result_u64_(server_id, err);
}

/* get-server-info: func(server-id) -> result<server-info, string>. The result (48 bytes):
 * disc @0; ok: server-info @8 (id @8, port @16, host @20, running @28, routes-count @32,
 * middleware-count @36, websocket-enabled @40); err: string @8. */
static bool theater_http_framework_get_server_info(theater_server_id_t server_id, theater_server_info_t *info,
                                                   theater_string_t *err) {
  theater_import_hf_get_server_info_(server_id, theater_import_area(48));
  if (!theater_import_result(8, err)) return false;
  theater_server_info_t i;
  memset(&i, 0, sizeof i);
  i.id = theater_import_u64(8);
  i.port = theater_import_u16(16);
  i.host = theater_import_slice(20);
  i.running = theater_import_bool(28);
  i.routes_count = theater_import_u32(32);
  i.middleware_count = theater_import_u32(36);
  i.websocket_enabled = theater_import_bool(40);
  if (info) *info = i;
  return true;
}

/* start-server: func(server-id) -> result<u16, string>: the port it listens on (u16 @4). */
static bool theater_http_framework_start_server(theater_server_id_t server_id, uint16_t *port, theater_string_t *err) {
  theater_import_hf_start_server_(server_id, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  if (port) *port = theater_import_u16(4);
  return true;
}

/* stop-server: func(server-id) -> result<_, string> (it can be started again). */
static bool theater_http_framework_stop_server(theater_server_id_t server_id, theater_string_t *err) {
  theater_import_hf_stop_server_(server_id, theater_import_area(12));
  return theater_import_result(4, err);
}

/* destroy-server: func(server-id) -> result<_, string>. */
static bool theater_http_framework_destroy_server(theater_server_id_t server_id, theater_string_t *err) {
  theater_import_hf_destroy_server_(server_id, theater_import_area(12));
  return theater_import_result(4, err);
}

/* register-handler: func(handler-name: string) -> result<handler-id, string>. */
static bool theater_http_framework_register_handler(theater_string_t handler_name, theater_handler_id_t *handler_id,
                                                    theater_string_t *err) {
  theater_import_hf_register_handler_(handler_name.ptr, handler_name.len, theater_import_area(16));
  return theater_hf_result_u64_(handler_id, err);
}

/* add-route: func(server-id, path, method, handler-id) -> result<route-id, string>. */
static bool theater_http_framework_add_route(theater_server_id_t server_id, theater_string_t path, theater_string_t method,
                                             theater_handler_id_t handler_id, theater_route_id_t *route_id,
                                             theater_string_t *err) {
  theater_import_hf_add_route_(server_id, path.ptr, path.len, method.ptr, method.len, handler_id, theater_import_area(16));
  return theater_hf_result_u64_(route_id, err);
}

/* remove-route: func(route-id) -> result<_, string>. */
static bool theater_http_framework_remove_route(theater_route_id_t route_id, theater_string_t *err) {
  theater_import_hf_remove_route_(route_id, theater_import_area(12));
  return theater_import_result(4, err);
}

/* add-middleware: func(server-id, path, handler-id) -> result<middleware-id, string>. */
static bool theater_http_framework_add_middleware(theater_server_id_t server_id, theater_string_t path,
                                                  theater_handler_id_t handler_id, theater_middleware_id_t *middleware_id,
                                                  theater_string_t *err) {
  theater_import_hf_add_middleware_(server_id, path.ptr, path.len, handler_id, theater_import_area(16));
  return theater_hf_result_u64_(middleware_id, err);
}

/* remove-middleware: func(middleware-id) -> result<_, string>. */
static bool theater_http_framework_remove_middleware(theater_middleware_id_t middleware_id, theater_string_t *err) {
  theater_import_hf_remove_middleware_(middleware_id, theater_import_area(12));
  return theater_import_result(4, err);
}

/* enable-websocket: func(server-id, path, connect-handler-id: option<handler-id>,
 * message-handler-id: handler-id, disconnect-handler-id: option<handler-id>) -> result<_, string>.
 * Each option<u64> flattens to (i32 disc, i64 value). */
static bool theater_http_framework_enable_websocket(theater_server_id_t server_id, theater_string_t path,
                                                    theater_option_u64_t connect_handler_id,
                                                    theater_handler_id_t message_handler_id,
                                                    theater_option_u64_t disconnect_handler_id, theater_string_t *err) {
  theater_import_hf_enable_websocket_(server_id, path.ptr, path.len, connect_handler_id.is_some ? 1 : 0,
                                      connect_handler_id.is_some ? connect_handler_id.value : 0, message_handler_id,
                                      disconnect_handler_id.is_some ? 1 : 0,
                                      disconnect_handler_id.is_some ? disconnect_handler_id.value : 0, theater_import_area(12));
  return theater_import_result(4, err);
}

/* disable-websocket: func(server-id, path) -> result<_, string>. */
static bool theater_http_framework_disable_websocket(theater_server_id_t server_id, theater_string_t path,
                                                     theater_string_t *err) {
  theater_import_hf_disable_websocket_(server_id, path.ptr, path.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* send-websocket-message: func(server-id, connection-id: u64, message: websocket-message) ->
 * result<_, string>. The message flattens to 9 core params: ty (disc, other's ptr, len; 0, 0
 * for the cases without payload), data (disc, ptr, len), text (disc, ptr, len). A tag past
 * `other` traps (it is not a message-type). */
static bool theater_http_framework_send_websocket_message(theater_server_id_t server_id, uint64_t connection_id,
                                                          const theater_websocket_message_t *message, theater_string_t *err) {
  const theater_websocket_message_t *m = message;
  if (m->ty.tag >= THEATER_WS_TYPE_COUNT_) THEATER_TRAP();
  bool other = m->ty.tag == THEATER_WS_OTHER;
  theater_import_hf_send_websocket_message_(
      server_id, connection_id, m->ty.tag, other ? m->ty.other.ptr : 0, other ? m->ty.other.len : 0, m->data.is_some ? 1 : 0,
      m->data.is_some ? m->data.value.ptr : 0, m->data.is_some ? m->data.value.len : 0, m->text.is_some ? 1 : 0,
      m->text.is_some ? m->text.value.ptr : 0, m->text.is_some ? m->text.value.len : 0, theater_import_area(12));
  return theater_import_result(4, err);
}

/* close-websocket: func(server-id, connection-id: u64) -> result<_, string>. */
static bool theater_http_framework_close_websocket(theater_server_id_t server_id, uint64_t connection_id,
                                                   theater_string_t *err) {
  theater_import_hf_close_websocket_(server_id, connection_id, theater_import_area(12));
  return theater_import_result(4, err);
}

#endif
