/*
 * counter -- the http-counter example (README.md here), written with the C guest SDK: a count served over HTTP
 * and a websocket, kept in a store so it survives restarts, each change stamped by the timing handler.
 *
 *   init                         reads label "count" of the store named in the state ({"store":"<id>"}, from
 *                                counter.json), creates the server (the manifest's port), adds the routes and
 *                                the websocket, starts it and logs where it listens
 *   handle-request  GET /        an HTML page showing the count (#count), a button (#increment) that POSTs
 *                                /increment, and a websocket to /events that sets #count from each push
 *                   POST /increment  count + 1, stamped with timing.now, written to label "count", pushed to
 *                                every /events connection; answers {"count":n,"at":ms}
 *                   GET /count   {"count":n,"at":ms}
 *   handle-websocket-connect     remembers the connection (at most MAX_CONNECTIONS)
 *   handle-websocket-message     answers any text with the current {"count":n,"at":ms}
 *   handle-websocket-disconnect  forgets the connection
 *
 * State: {"store":"<id>","count":n,"at":ms}. The store id and the count are in the state (the count also in the
 * store, which is what outlives the process); the server id, the handler ids and the open connections are in
 * static memory: they belong to this incarnation (a restart runs init again, with a new server).
 */
#include "theater.h"

#define MAX_CONNECTIONS 256

static theater_server_id_t server;
static theater_handler_id_t page_handler, increment_handler, count_handler, events_handler;
static uint64_t connections[MAX_CONNECTIONS];
static uint32_t connection_count;

/* The decimal u64 of field `name` of a flat JSON object (0 when absent). */
static uint64_t json_u64(theater_bytes_t json, const char *name) {
  theater_buf_t key;
  theater_buf_init(&key);
  theater_buf_format(&key, "\"%z\":", name);
  for (uint32_t i = 0; i + key.len <= json.len; i++) {
    if (memcmp(json.ptr + i, key.ptr, key.len) != 0) continue;
    uint64_t v = 0;
    for (uint32_t j = i + key.len; j < json.len && json.ptr[j] >= '0' && json.ptr[j] <= '9'; j++)
      v = v * 10 + (uint64_t)(json.ptr[j] - '0');
    return v;
  }
  return 0;
}

/* {"count":n,"at":ms}: what the store holds, /increment and /count answer, and /events pushes. */
static theater_bytes_t count_json(uint32_t count, uint64_t at) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_u32_field(&b, "count", count);
  theater_json_u64_field(&b, "at", at);
  return theater_json_close(&b);
}

static theater_state_t new_state(theater_string_t store, uint32_t count, uint64_t at) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_string_field(&b, "store", store);
  theater_json_u32_field(&b, "count", count);
  theater_json_u64_field(&b, "at", at);
  return theater_some(theater_json_close(&b));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)actor_id;
  theater_string_t store, err;
  if (!state.is_some || !theater_json_get_string(state.value, "store", &store))
    return theater_return_err("http-counter needs the state {\"store\":\"<store id>\"} (init_state = \"counter.json\")");

  /* the count the store holds, else the one in the state (none: 0) */
  uint32_t count = 0;
  uint64_t at = 0;
  if (state.is_some) {
    theater_json_get_u32(state.value, "count", &count);
    at = json_u64(state.value, "at");
  }
  theater_store_option_content_ref_t latest;
  if (!theater_store_get_by_label(store, theater_str("count"), &latest, &err)) return theater_return_err_str(err);
  if (latest.is_some) {
    theater_bytes_t saved;
    if (!theater_store_get(store, latest.value, &saved, &err)) return theater_return_err_str(err);
    count = 0;
    theater_json_get_u32(saved, "count", &count);
    at = json_u64(saved, "at");
  }

  connection_count = 0;
  /* port none: the handler's config `port` (8080 in counter.toml); host none: its `host` (127.0.0.1) */
  theater_server_config_t config = {theater_none_u16(), theater_none_string(), {false, {{0, 0}, {0, 0}}}};
  theater_server_info_t info;
  uint16_t port;
  if (!theater_http_framework_create_server(&config, &server, &err) ||
      !theater_http_framework_register_handler(theater_str("page"), &page_handler, &err) ||
      !theater_http_framework_register_handler(theater_str("increment"), &increment_handler, &err) ||
      !theater_http_framework_register_handler(theater_str("count"), &count_handler, &err) ||
      !theater_http_framework_register_handler(theater_str("events"), &events_handler, &err) ||
      !theater_http_framework_add_route(server, theater_str("/"), theater_str("GET"), page_handler, NULL, &err) ||
      !theater_http_framework_add_route(server, theater_str("/increment"), theater_str("POST"), increment_handler, NULL,
                                        &err) ||
      !theater_http_framework_add_route(server, theater_str("/count"), theater_str("GET"), count_handler, NULL, &err) ||
      !theater_http_framework_enable_websocket(server, theater_str("/events"), theater_some_u64(events_handler),
                                               events_handler, theater_some_u64(events_handler), &err) ||
      !theater_http_framework_start_server(server, &port, &err) ||
      !theater_http_framework_get_server_info(server, &info, &err))
    return theater_return_err_str(err);
  theater_logf("http-counter listening on http://%s:%u/ (count %u)", info.host, (uint32_t)port, count);
  return theater_return_state(new_state(store, count, at).value);
}
THEATER_EXPORT_ACTOR_INIT(init)

/* The page. Nothing in it comes from a request: the count is a number, the rest is constant. */
static const char PAGE_HEAD[] =
    "<!doctype html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>http-counter</title>\n"
    "<style>body { font-family: sans-serif; margin: 3em; } #count { font-size: 4em; }</style>\n"
    "</head>\n"
    "<body data-at=\"";
static const char PAGE_MIDDLE[] =
    "\">\n"
    "<h1>http-counter</h1>\n"
    "<p>Count: <span id=\"count\">";
static const char PAGE_TAIL[] =
    "</span></p>\n"
    "<p><button id=\"increment\">Increment</button></p>\n"
    "<p>Last change: <span id=\"at\"></span></p>\n"
    "<p>Live updates: <span id=\"status\">connecting</span></p>\n"
    "<script>\n"
    "// The count on the page changes only through the websocket: the button's POST answers the new count too,\n"
    "// but the page waits for the push that every open page gets.\n"
    "const countEl = document.getElementById('count');\n"
    "const atEl = document.getElementById('at');\n"
    "const statusEl = document.getElementById('status');\n"
    "function showAt(ms) { atEl.textContent = ms > 0 ? new Date(ms).toISOString() : 'never'; }\n"
    "showAt(Number(document.body.dataset.at));\n"
    "document.getElementById('increment').addEventListener('click', () => {\n"
    "  fetch('/increment', {method: 'POST'}).catch(e => { statusEl.textContent = 'POST failed: ' + e; });\n"
    "});\n"
    "function connect() {\n"
    "  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/events');\n"
    "  // asking once open: the answer comes after the server has taken the connection, so every later push reaches it\n"
    "  ws.onopen = () => { ws.send('count'); };\n"
    "  ws.onmessage = e => { const m = JSON.parse(e.data); countEl.textContent = m.count; showAt(m.at); statusEl.textContent = 'live'; };\n"
    "  ws.onclose = () => { statusEl.textContent = 'closed, reconnecting'; setTimeout(connect, 1000); };\n"
    "}\n"
    "connect();\n"
    "</script>\n"
    "</body>\n"
    "</html>\n";

static theater_result_t answer(theater_state_t state, uint16_t status, const char *type, theater_bytes_t body) {
  theater_http_header_t headers[] = {theater_http_header("content-type", type),
                                     theater_http_header("cache-control", "no-store")};
  return theater_return_http_response(state, theater_http_response(status, theater_http_headers(headers, 2),
                                                                   theater_some(body)));
}

static theater_result_t page(theater_state_t state, uint32_t count, uint64_t at) {
  theater_buf_t b;
  theater_buf_init(&b);
  theater_buf_cstr(&b, PAGE_HEAD);
  theater_buf_u64(&b, at); /* the time of the last change, for the script (0: never) */
  theater_buf_cstr(&b, PAGE_MIDDLE);
  theater_buf_u32(&b, count);
  theater_buf_cstr(&b, PAGE_TAIL);
  return answer(state, 200, "text/html; charset=utf-8", theater_buf_bytes(&b));
}

/* Sends the new count to every open /events connection; one that fails (closed meanwhile) is forgotten. */
static void push(theater_bytes_t json) {
  theater_websocket_message_t m = theater_websocket_text(json);
  for (uint32_t i = 0; i < connection_count;) {
    theater_string_t err;
    if (theater_http_framework_send_websocket_message(server, connections[i], &m, &err)) {
      i++;
    } else {
      theater_logf("push to connection %U failed: %s", connections[i], err);
      connections[i] = connections[--connection_count];
    }
  }
}

static theater_result_t serve(theater_state_t state, theater_handler_id_t handler, const theater_http_request_t *req) {
  (void)req;
  theater_string_t store;
  if (!state.is_some || !theater_json_get_string(state.value, "store", &store)) return theater_return_err("no store in the state");
  uint32_t count = 0;
  theater_json_get_u32(state.value, "count", &count);
  uint64_t at = json_u64(state.value, "at");

  if (handler == page_handler) return page(state, count, at);
  if (handler == count_handler) return answer(state, 200, "application/json", count_json(count, at));
  if (handler != increment_handler) return theater_return_err("unknown handler");

  count++;
  at = theater_timing_now();
  theater_bytes_t json = count_json(count, at);
  theater_string_t err;
  /* the label names the latest count alone (replace-content-at-label): a constant-size label file, no limit on
   * the number of increments (a label names at most 10,000 contents) */
  if (!theater_store_replace_content_at_label(store, theater_str("count"), json, NULL, &err))
    return theater_return_err_str(err); /* nothing changed: the server answers 500 */
  theater_logf("count %u at %U", count, at);
  push(json);
  return answer(new_state(store, count, at), 200, "application/json", json);
}
THEATER_EXPORT_HANDLE_HTTP_REQUEST(serve)

static theater_result_t connected(theater_state_t state, theater_handler_id_t handler, uint64_t connection,
                                  theater_string_t path, theater_option_string_t protocol) {
  (void)handler;
  (void)path;
  (void)protocol;
  if (connection_count == MAX_CONNECTIONS) return theater_return_err("too many /events connections");
  connections[connection_count++] = connection;
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_WEBSOCKET_CONNECT(connected)

static theater_result_t message(theater_state_t state, theater_handler_id_t handler, uint64_t connection,
                                const theater_websocket_message_t *m) {
  (void)handler;
  (void)connection;
  if (m->ty.tag != THEATER_WS_TEXT) return theater_return_websocket_messages(state, (theater_websocket_messages_t){NULL, 0});
  uint32_t count = 0;
  if (state.is_some) theater_json_get_u32(state.value, "count", &count);
  theater_websocket_message_t reply = theater_websocket_text(count_json(count, state.is_some ? json_u64(state.value, "at") : 0));
  return theater_return_websocket_messages(state, (theater_websocket_messages_t){&reply, 1});
}
THEATER_EXPORT_HANDLE_WEBSOCKET_MESSAGE(message)

static theater_result_t disconnected(theater_state_t state, theater_handler_id_t handler, uint64_t connection) {
  (void)handler;
  for (uint32_t i = 0; i < connection_count; i++)
    if (connections[i] == connection) {
      connections[i] = connections[--connection_count];
      break;
    }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_WEBSOCKET_DISCONNECT(disconnected)
