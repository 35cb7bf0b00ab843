/*
 * relay -- a chain of nested requests, for the execution-model tests: actor relay-N, asked "N", asks
 * relay-(N-1) "N-1" and answers what it got followed by ",N"; relay-0 answers "0". A request to relay-50
 * is 50 nested requests, each actor blocked in its host call until the one below answers.
 *
 * imports  theater:simple/message-server-host.request, theater:simple/runtime.log
 * exports  theater:simple/actor#init                          state {}
 *          theater:simple/message-server-client#handle-send   logs "got <msg>"
 *          theater:simple/message-server-client#handle-request  (rid, "N") -> response as above;
 *              a failed request below answers "failed at N: <error>"; (rid, "bad") returns a response whose
 *              pointer is past the end of memory (the host cannot lift it)
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return theater_return_state(theater_str("{}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_logf("got %s", msg);
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

static theater_result_t handle_request(theater_state_t state, theater_string_t request_id, theater_bytes_t msg) {
  (void)request_id;
  if (theater_eq(msg, "bad")) return theater_return_response(state, theater_some(theater_bytes_of(THEATER_PTR(0xfffffff0u), 100)));
  uint32_t depth = theater_parse_u32(msg);
  if (depth == 0) return theater_return_response(state, theater_some(theater_str("0")));
  theater_bytes_t reply;
  theater_string_t err;
  bool ok = theater_message_server_host_request(theater_format("relay-%u", depth - 1), theater_format("%u", depth - 1),
                                                &reply, &err);
  theater_string_t out = ok ? theater_format("%s,%u", reply, depth) : theater_format("failed at %u: %s", depth, err);
  return theater_return_response(state, theater_some(out));
}
THEATER_EXPORT_HANDLE_REQUEST(handle_request)
