/*
 * sdk-io-probe -- the ABI conformance guest of the C SDK's I/O headers
 * (theater/filesystem.h, http_client.h, http_framework.h, http_handlers.h;
 * test-actors/README.md, "sdk-io-probe"; SdkIoProbeTest in theater-core).
 *
 * handle-send("filesystem" | "http-client" | "http-framework") calls every
 * function of that interface through the SDK with the arguments of the README's
 * tables, checks every value the host returns (ok, err, none, empty lists,
 * nested records), logs "mismatch: <label>" for each check that fails, and
 * returns the state {"group":"<g>","checks":N,"mismatches":M}. Any other
 * message logs "unknown group: <msg>" and keeps the state.
 *
 * The five http-handlers exports describe what they were given in what they
 * return, so the test sees every lifted argument in the result.
 */
#include "theater.h"

static uint32_t checks_, mismatches_;
static theater_string_t err_;

static void check(bool ok, const char *label) {
  checks_++;
  if (!ok) {
    mismatches_++;
    theater_log_with("mismatch: ", theater_str(label));
  }
}
static bool bytes_are(theater_bytes_t b, const uint8_t *want, uint32_t n) { return b.len == n && memcmp(b.ptr, want, n) == 0; }
/* ok: the call returned ok; logs the host's error otherwise. */
static void check_ok(bool ok, const char *label) {
  check(ok, label);
  if (!ok) theater_log_with("  host said: ", err_);
}
/* err(want): the call returned err with exactly that string. */
static void check_err(bool ok, const char *want, const char *label) { check(!ok && theater_eq(err_, want), label); }
static bool header_is(theater_http_header_t h, const char *name, const char *value) {
  return theater_eq(h.name, name) && theater_eq(h.value, value);
}

#define S(lit) theater_str(lit)
#define U64_MAX 0xffffffffffffffffull

/* ---- filesystem ---------------------------------------------------------------------------- */

static void probe_filesystem(void) {
  theater_bytes_t content;
  static const uint8_t file[] = {0x00, 0xff, 'h', 'i'};
  bool ok = theater_filesystem_read_file(S("dir/ü.txt"), &content, &err_);
  check_ok(ok, "F1 read-file ok");
  check(ok && bytes_are(content, file, 4), "F1 read-file content");
  ok = theater_filesystem_read_file(S("empty.bin"), &content, &err_);
  check_ok(ok, "F2 read-file ok");
  check(ok && content.len == 0, "F2 read-file empty");
  check_err(theater_filesystem_read_file(S("missing"), &content, &err_), "no such file: missing", "F3 read-file err");

  check_ok(theater_filesystem_write_file(S("out/ü.txt"), S("line ✓\n"), &err_), "F4 write-file ok");
  check_err(theater_filesystem_write_file(S(""), S(""), &err_), "empty path", "F5 write-file err");

  theater_string_list_t names;
  ok = theater_filesystem_list_files(S("dir"), &names, &err_);
  check_ok(ok, "F6 list-files ok");
  check(ok && names.len == 3 && theater_eq(names.ptr[0], "a.txt") && names.ptr[1].len == 0 && theater_eq(names.ptr[2], "ü"),
        "F6 list-files names");
  ok = theater_filesystem_list_files(S("empty-dir"), &names, &err_);
  check_ok(ok, "F7 list-files ok");
  check(ok && names.len == 0, "F7 list-files empty");
  check_err(theater_filesystem_list_files(S("nope"), &names, &err_), "not a folder: nope", "F8 list-files err");

  check_ok(theater_filesystem_delete_file(S("dir/a.txt"), &err_), "F9 delete-file ok");
  check_err(theater_filesystem_delete_file(S("nope"), &err_), "no such file: nope", "F10 delete-file err");
  check_ok(theater_filesystem_create_dir(S("new/sub"), &err_), "F11 create-dir ok");
  check_err(theater_filesystem_create_dir(S("../up"), &err_), "outside the granted folder: ../up", "F12 create-dir err");
  check_ok(theater_filesystem_delete_dir(S("new"), &err_), "F13 delete-dir ok");
  check_err(theater_filesystem_delete_dir(S("nope"), &err_), "no such folder: nope", "F14 delete-dir err");

  bool exists = false;
  ok = theater_filesystem_path_exists(S("dir"), &exists, &err_);
  check_ok(ok, "F15 path-exists ok");
  check(ok && exists, "F15 path-exists true");
  exists = true;
  ok = theater_filesystem_path_exists(S("nope"), &exists, &err_);
  check_ok(ok, "F16 path-exists ok");
  check(ok && !exists, "F16 path-exists false");
  check_err(theater_filesystem_path_exists(S("../x"), &exists, &err_), "outside the granted folder: ../x", "F17 path-exists err");

  theater_string_t args[3] = {S("a"), S(""), S("b c")};
  theater_string_list_t argl = {args, 3};
  theater_command_result_t r;
  ok = theater_filesystem_execute_command(S("dir"), S("echo"), argl, &r, &err_);
  check_ok(ok, "F18 execute-command ok");
  check(ok && r.tag == THEATER_COMMAND_SUCCESS && theater_eq(r.success.stdout_text, "a  b c\n") &&
            theater_eq(r.success.stderr_text, "warn ✓") && r.success.exit_code == -1,
        "F18 execute-command success");
  theater_string_list_t none = {0, 0};
  ok = theater_filesystem_execute_command(S("."), S("ls"), none, &r, &err_);
  check_ok(ok, "F19 execute-command ok");
  check(ok && r.tag == THEATER_COMMAND_ERROR && theater_eq(r.error.message, "not allowed: ls"), "F19 execute-command error");
  theater_string_t rf[1] = {S("-rf")};
  theater_string_list_t rfl = {rf, 1};
  check_err(theater_filesystem_execute_command(S("../"), S("rm"), rfl, &r, &err_), "outside the granted folder: ../",
            "F20 execute-command err");
}

/* ---- http-client ----------------------------------------------------------------------------- */

static void probe_http_client(void) {
  theater_http_header_t h1[2] = {theater_http_header("accept", "*/*"), theater_http_header("x-ü", "✓")};
  theater_http_request_t q = {S("GET"), S("https://example.com/a?b=c"), {h1, 2}, theater_none()};
  theater_http_response_t resp;
  bool ok = theater_http_client_send_http(&q, &resp, &err_);
  check_ok(ok, "C1 send-http ok");
  check(ok && resp.status == 200 && resp.headers.len == 3 && header_is(resp.headers.ptr[0], "content-type", "text/plain") &&
            header_is(resp.headers.ptr[1], "set-cookie", "a=1") && header_is(resp.headers.ptr[2], "set-cookie", "b=2"),
        "C1 send-http status and headers");
  check(ok && resp.body.is_some && theater_eq(resp.body.value, "hello"), "C1 send-http body");
  theater_string_t cookie = {0, 0};
  check(ok && theater_http_find_header(resp.headers, "Set-Cookie", &cookie) && theater_eq(cookie, "a=1"), "C1 find-header");

  theater_http_request_t q2 = {S("POST"), S("http://localhost:8080/items"), {0, 0}, theater_some(S(""))};
  ok = theater_http_client_send_http(&q2, &resp, &err_);
  check_ok(ok, "C2 send-http ok");
  check(ok && resp.status == 204 && resp.headers.len == 0 && !resp.body.is_some, "C2 send-http empty response");

  static const uint8_t body3[] = {0x00, 0xff, 0x7f};
  theater_http_header_t h3[1] = {theater_http_header("k", "")};
  theater_http_request_t q3 = {S("PUT"), S("x"), {h3, 1}, theater_some(theater_bytes_of(body3, 3))};
  check_err(theater_http_client_send_http(&q3, &resp, &err_), "invalid URI: x", "C3 send-http err");

  theater_http_request_t q4 = {S(""), S(""), {0, 0}, theater_none()};
  ok = theater_http_client_send_http(&q4, &resp, &err_);
  check_ok(ok, "C4 send-http ok");
  check(ok && resp.status == 65535 && resp.headers.len == 1 && header_is(resp.headers.ptr[0], "", "") && resp.body.is_some &&
            resp.body.value.len == 0,
        "C4 send-http edges");
}

/* ---- http-framework -------------------------------------------------------------------------- */

static void probe_http_framework(void) {
  theater_server_id_t sid = 0;
  theater_server_config_t c1 = {theater_some_u16(8080), theater_some_string(S("0.0.0.0")), {true, {S("cert.pem"), S("key.pem")}}};
  bool ok = theater_http_framework_create_server(&c1, &sid, &err_);
  check_ok(ok, "H1 create-server ok");
  check(ok && sid == 1, "H1 create-server id");
  theater_server_config_t c2 = {theater_none_u16(), theater_none_string(), {false, {{0, 0}, {0, 0}}}};
  ok = theater_http_framework_create_server(&c2, &sid, &err_);
  check_ok(ok, "H2 create-server ok");
  check(ok && sid == U64_MAX, "H2 create-server max id");
  theater_server_config_t c3 = {theater_some_u16(0), theater_some_string(S("")), {false, {{0, 0}, {0, 0}}}};
  check_err(theater_http_framework_create_server(&c3, &sid, &err_), "host is empty", "H3 create-server err");

  theater_server_info_t info;
  ok = theater_http_framework_get_server_info(1, &info, &err_);
  check_ok(ok, "H4 get-server-info ok");
  check(ok && info.id == 1 && info.port == 8080 && theater_eq(info.host, "0.0.0.0") && info.running && info.routes_count == 2 &&
            info.middleware_count == 1 && info.websocket_enabled,
        "H4 get-server-info fields");
  ok = theater_http_framework_get_server_info(U64_MAX, &info, &err_);
  check_ok(ok, "H5 get-server-info ok");
  check(ok && info.id == U64_MAX && info.port == 65535 && info.host.len == 0 && !info.running && info.routes_count == 0 &&
            info.middleware_count == 4294967295u && !info.websocket_enabled,
        "H5 get-server-info edges");
  check_err(theater_http_framework_get_server_info(99, &info, &err_), "unknown server 99", "H6 get-server-info err");

  uint16_t port = 0;
  ok = theater_http_framework_start_server(1, &port, &err_);
  check_ok(ok, "H7 start-server ok");
  check(ok && port == 8080, "H7 start-server port");
  ok = theater_http_framework_start_server(U64_MAX, &port, &err_);
  check_ok(ok, "H8 start-server ok");
  check(ok && port == 65535, "H8 start-server max port");
  check_err(theater_http_framework_start_server(99, &port, &err_), "unknown server 99", "H9 start-server err");
  check_ok(theater_http_framework_stop_server(1, &err_), "H10 stop-server ok");
  check_err(theater_http_framework_stop_server(99, &err_), "unknown server 99", "H11 stop-server err");
  check_ok(theater_http_framework_destroy_server(1, &err_), "H12 destroy-server ok");
  check_err(theater_http_framework_destroy_server(99, &err_), "unknown server 99", "H13 destroy-server err");

  theater_handler_id_t hid = 0;
  ok = theater_http_framework_register_handler(S("api"), &hid, &err_);
  check_ok(ok, "H14 register-handler ok");
  check(ok && hid == 7, "H14 register-handler id");
  check_err(theater_http_framework_register_handler(S(""), &hid, &err_), "empty handler name", "H15 register-handler err");

  theater_route_id_t rid = 0;
  ok = theater_http_framework_add_route(1, S("/items/{id}"), S("GET"), 7, &rid, &err_);
  check_ok(ok, "H16 add-route ok");
  check(ok && rid == 100, "H16 add-route id");
  check_err(theater_http_framework_add_route(1, S("/"), S("*"), U64_MAX, &rid, &err_), "unknown handler 18446744073709551615",
            "H17 add-route err");
  check_ok(theater_http_framework_remove_route(100, &err_), "H18 remove-route ok");
  check_err(theater_http_framework_remove_route(101, &err_), "unknown route 101", "H19 remove-route err");

  theater_middleware_id_t mid = 0;
  ok = theater_http_framework_add_middleware(1, S("/api"), 7, &mid, &err_);
  check_ok(ok, "H20 add-middleware ok");
  check(ok && mid == 0x8000000000000000ull, "H20 add-middleware id");
  check_err(theater_http_framework_add_middleware(2, S(""), 7, &mid, &err_), "unknown server 2", "H21 add-middleware err");
  check_ok(theater_http_framework_remove_middleware(0x8000000000000000ull, &err_), "H22 remove-middleware ok");
  check_err(theater_http_framework_remove_middleware(201, &err_), "unknown middleware 201", "H23 remove-middleware err");

  check_ok(theater_http_framework_enable_websocket(1, S("/ws"), theater_some_u64(8), 9, theater_none_u64(), &err_),
           "H24 enable-websocket ok");
  check_err(theater_http_framework_enable_websocket(1, S("/ws2"), theater_none_u64(), 9, theater_some_u64(U64_MAX), &err_),
            "unknown handler 18446744073709551615", "H25 enable-websocket err");
  check_ok(theater_http_framework_disable_websocket(1, S("/ws"), &err_), "H26 disable-websocket ok");
  check_err(theater_http_framework_disable_websocket(1, S("/nope"), &err_), "no websocket on /nope", "H27 disable-websocket err");

  static const uint8_t bin[] = {1, 2, 0};
  theater_websocket_message_t msgs[6] = {
      theater_websocket_text(S("hi ✓")),           theater_websocket_binary(theater_bytes_of(bin, 3)),
      theater_websocket_message(THEATER_WS_CONNECT), theater_websocket_message(THEATER_WS_CLOSE),
      theater_websocket_message(THEATER_WS_PING),    theater_websocket_message(THEATER_WS_PONG)};
  static const char *const labels[6] = {"H28 send text", "H29 send binary", "H30 send connect", "H31 send close", "H32 send ping",
                                        "H33 send pong"};
  for (int i = 0; i < 6; i++) check_ok(theater_http_framework_send_websocket_message(1, 5, &msgs[i], &err_), labels[i]);
  theater_websocket_message_t other = theater_websocket_other(S("custom"));
  other.data = theater_some(S(""));
  other.text = theater_some_string(S(""));
  check_err(theater_http_framework_send_websocket_message(1, 6, &other, &err_), "connection 6 is closed", "H34 send other err");

  check_ok(theater_http_framework_close_websocket(1, 5, &err_), "H35 close-websocket ok");
  check_err(theater_http_framework_close_websocket(1, U64_MAX, &err_), "unknown connection 18446744073709551615",
            "H36 close-websocket err");

  /* no host call: the names of the tags, in WIT order, and "?" past them */
  static const char *const names[8] = {"text", "binary", "connect", "close", "ping", "pong", "other", "?"};
  bool named = true;
  for (uint8_t t = 0; t < 8; t++) named = named && theater_eq(theater_str(theater_websocket_type_name(t)), names[t]);
  check(named, "H37 message-type names");
}

/* ---- the trigger ------------------------------------------------------------------------------ */

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  checks_ = mismatches_ = 0;
  if (theater_eq(msg, "filesystem")) probe_filesystem();
  else if (theater_eq(msg, "http-client")) probe_http_client();
  else if (theater_eq(msg, "http-framework")) probe_http_framework();
  else {
    theater_log_with("unknown group: ", msg);
    return theater_return_keep(state);
  }
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_string_field(&b, "group", msg);
  theater_json_u32_field(&b, "checks", checks_);
  theater_json_u32_field(&b, "mismatches", mismatches_);
  return theater_return_state(theater_json_close(&b));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

/* ---- http-handlers ---------------------------------------------------------------------------- */

static theater_string_t u64_text(uint64_t v) {
  theater_buf_t b;
  theater_buf_init(&b);
  theater_buf_u64(&b, v);
  return theater_buf_string(&b);
}

/* {"requests":N}: N from the state (none: 0) plus one. */
static theater_state_t count_request(theater_state_t state) {
  uint32_t n = 0;
  if (state.is_some) theater_json_get_u32(state.value, "requests", &n);
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "requests", n + 1);
  return theater_some(theater_json_close(&b));
}

static theater_result_t on_request(theater_state_t state, theater_handler_id_t handler, const theater_http_request_t *req) {
  if (theater_eq(req->uri, "/fail")) return theater_return_err("refused /fail");
  if (theater_eq(req->uri, "/misuse")) return theater_return_keep(state);
  theater_state_t next = count_request(state);
  if (!req->body.is_some) return theater_return_http_response(next, theater_http_response(204, theater_http_headers(0, 0), theater_none()));
  /* a C-stack array: theater_return_http_response copies it */
  theater_http_header_t out[8];
  uint32_t n = 0;
  out[n++] = (theater_http_header_t){S("x-handler"), u64_text(handler)};
  out[n++] = (theater_http_header_t){S("x-method"), req->method};
  out[n++] = (theater_http_header_t){S("x-uri"), req->uri};
  for (uint32_t i = 0; i < req->headers.len && n < 8; i++) {
    theater_buf_t name;
    theater_buf_init(&name);
    theater_buf_cstr(&name, "x-echo-");
    theater_buf_str(&name, req->headers.ptr[i].name);
    out[n++] = (theater_http_header_t){theater_buf_string(&name), req->headers.ptr[i].value};
  }
  theater_buf_t body;
  theater_buf_init(&body);
  theater_buf_u32(&body, req->body.value.len);
  theater_buf_cstr(&body, " bytes: ");
  theater_buf_str(&body, req->body.value);
  return theater_return_http_response(next, theater_http_response(200, theater_http_headers(out, n), theater_some(theater_buf_bytes(&body))));
}
THEATER_EXPORT_HANDLE_HTTP_REQUEST(on_request)

static theater_result_t on_middleware(theater_state_t state, theater_handler_id_t handler, const theater_http_request_t *req) {
  if (theater_eq(req->method, "DELETE")) return theater_return_middleware(state, false, req);
  if (theater_eq(req->method, "FAIL")) return theater_return_err("middleware failed");
  theater_http_request_t changed = *req;
  theater_buf_t uri;
  theater_buf_init(&uri);
  theater_buf_cstr(&uri, "/mw");
  theater_buf_str(&uri, req->uri);
  changed.uri = theater_buf_string(&uri);
  theater_http_header_t *hs = (theater_http_header_t *)theater_alloc((req->headers.len + 1) * sizeof *hs, 4);
  memcpy(hs, req->headers.ptr, req->headers.len * sizeof *hs);
  hs[req->headers.len] = (theater_http_header_t){S("x-mw"), u64_text(handler)};
  changed.headers = theater_http_headers(hs, req->headers.len + 1);
  changed.body = req->body.is_some ? theater_none() : theater_some(S("added"));
  return theater_return_middleware(state, true, &changed);
}
THEATER_EXPORT_HANDLE_MIDDLEWARE(on_middleware)

static theater_result_t on_connect(theater_state_t state, theater_handler_id_t handler, uint64_t connection, theater_string_t path,
                                   theater_option_string_t protocol) {
  (void)state;
  if (theater_eq(path, "/deny")) return theater_return_err("denied /deny");
  if (theater_eq(path, "/none")) return theater_return_no_state();
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u64_field(&b, "handler", handler);
  theater_json_u64_field(&b, "connection", connection);
  theater_json_string_field(&b, "path", path);
  if (protocol.is_some) theater_json_string_field(&b, "protocol", protocol.value);
  return theater_return_state(theater_json_close(&b));
}
THEATER_EXPORT_HANDLE_WEBSOCKET_CONNECT(on_connect)

static theater_result_t on_message(theater_state_t state, theater_handler_id_t handler, uint64_t connection,
                                   const theater_websocket_message_t *msg) {
  static const uint8_t two[] = {0x00, 0xff};
  theater_websocket_message_t out[7];
  uint32_t n = 0;
  switch (msg->ty.tag) {
  case THEATER_WS_TEXT:
    if (!msg->text.is_some) return theater_return_err("text without text");
    if (theater_eq(msg->text.value, "fail")) return theater_return_err("bad message");
    if (theater_eq(msg->text.value, "misuse")) return theater_return_keep(state);
    if (theater_eq(msg->text.value, "all")) {
      out[n++] = theater_websocket_text(S("t"));
      out[n++] = theater_websocket_binary(theater_bytes_of(two, 2));
      for (uint8_t t = THEATER_WS_CONNECT; t <= THEATER_WS_PONG; t++) out[n++] = theater_websocket_message(t);
      out[n] = theater_websocket_other(S("o"));
      out[n].data = theater_some(S("d"));
      out[n++].text = theater_some_string(S(""));
      break;
    }
    {
      theater_buf_t echo;
      theater_buf_init(&echo);
      theater_buf_cstr(&echo, "echo: ");
      theater_buf_str(&echo, msg->text.value);
      out[n++] = theater_websocket_text(theater_buf_string(&echo));
      out[n++] = theater_websocket_binary(msg->text.value);
      theater_buf_t seen;
      theater_buf_init(&seen);
      theater_buf_cstr(&seen, "seen-");
      theater_buf_u64(&seen, handler);
      theater_buf_cstr(&seen, "-");
      theater_buf_u64(&seen, connection);
      out[n++] = theater_websocket_other(theater_buf_string(&seen));
    }
    break;
  case THEATER_WS_BINARY:
    out[n++] = theater_websocket_binary(msg->data.is_some ? msg->data.value : S("no data"));
    out[n++] = theater_websocket_message(THEATER_WS_PING);
    break;
  case THEATER_WS_OTHER:
    out[n++] = theater_websocket_text(msg->ty.other);
    break;
  case THEATER_WS_PING:
    out[n++] = theater_websocket_message(THEATER_WS_PONG);
    break;
  default: /* connect, close, pong: nothing to send */
    break;
  }
  theater_websocket_messages_t replies = {out, n};
  return theater_return_websocket_messages(state, replies);
}
THEATER_EXPORT_HANDLE_WEBSOCKET_MESSAGE(on_message)

static theater_result_t on_disconnect(theater_state_t state, theater_handler_id_t handler, uint64_t connection) {
  (void)state;
  if (connection == 0) return theater_return_err("unknown connection 0");
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u64_field(&b, "disconnected", connection);
  theater_json_u64_field(&b, "handler", handler);
  return theater_return_state(theater_json_close(&b));
}
THEATER_EXPORT_HANDLE_WEBSOCKET_DISCONNECT(on_disconnect)
