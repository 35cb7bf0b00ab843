/*
 * {{name}} -- a Theater actor in C on the guest SDK (theater.h), made by `theater new actor`.
 *
 *   init(state, actor-id)    logs "{{name}} started as <actor-id>", state := {"messages":0}
 *   handle-send(state, msg)  logs "{{name}} got: <msg>", state := {"messages":N+1}
{{#handler}}
 *                            and asks the {{handler}} handler to greet <msg>:
 *                            logs "{{handler}} answered <json>" (or "{{handler}} refused: <error>")
{{/handler}}
 *
 * Build with ./build.sh; run with
 *   theater run --send '{{name}}=world' --exit-after 1s {{name}}.toml
 * The SDK's README (sdk/c/README.md of the distribution) lists every helper and export macro.
 */
#include "theater.h"
{{#handler}}

/* acme:{{handler}}/greeter.greet: func(name: string) -> result<json, string>, the {{handler}} handler's
 * function (its WIT file: src/main/resources/wit/{{handler}}.wit of the handler project). The core
 * signature is the canonical ABI's: the string as (ptr, len), then a pointer to a 12-byte return area
 * (the result's discriminant at 0; the json or the error string as (ptr, len) at 4). */
THEATER_IMPORT("acme:{{handler}}/greeter", "greet")
void {{handler_c}}_greet_import_(const uint8_t *ptr, uint32_t len, void *ret);

/* true and *greeting on ok, false and *err on err; either out-param may be NULL. */
static bool {{handler_c}}_greet(theater_string_t name, theater_bytes_t *greeting, theater_string_t *err) {
  {{handler_c}}_greet_import_(name.ptr, name.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  if (greeting) *greeting = theater_import_slice(4);
  return true;
}
{{/handler}}

/* The first run of decimal digits in the state (0 if none or no state). */
static uint32_t message_count(theater_state_t state) {
  theater_bytes_t s = state.value;
  uint32_t i = 0;
  while (i < s.len && (s.ptr[i] < '0' || s.ptr[i] > '9')) i++;
  return theater_parse_u32(theater_skip(s, i));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_logf("{{name}} started as %s", actor_id);
  return theater_return_state(theater_str("{\"messages\":0}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_logf("{{name}} got: %s", msg);
{{#handler}}
  theater_bytes_t greeting;
  theater_string_t err;
  if ({{handler_c}}_greet(msg, &greeting, &err))
    theater_logf("{{handler}} answered %s", greeting);
  else
    theater_logf("{{handler}} refused: %s", err);
{{/handler}}
  return theater_return_state(theater_format("{\"messages\":%u}", message_count(state) + 1));
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
