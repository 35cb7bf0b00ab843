/*
 * theater/message_server_host.h -- theater:simple/message-server-host
 * (wit/message-server.wit): sends, requests, channels, deferred answers.
 *
 * Results follow one rule: a function returning result<T, string> returns true
 * on ok and fills its T out-param; on err it returns false and fills *err. Any
 * out-param may be NULL. Returned strings/bytes are host allocations on the
 * per-call arena (valid until the export returns).
 */
#ifndef THEATER_MESSAGE_SERVER_HOST_H
#define THEATER_MESSAGE_SERVER_HOST_H

#include "theater/import.h"

#define THEATER_MSH_ "theater:simple/message-server-host"
THEATER_IMPORT(THEATER_MSH_, "send")
void theater_import_msh_send_(const uint8_t *id, uint32_t idn, const uint8_t *msg, uint32_t msgn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "request")
void theater_import_msh_request_(const uint8_t *id, uint32_t idn, const uint8_t *msg, uint32_t msgn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "open-channel")
void theater_import_msh_open_channel_(const uint8_t *id, uint32_t idn, const uint8_t *msg, uint32_t msgn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "send-on-channel")
void theater_import_msh_send_on_channel_(const uint8_t *cid, uint32_t cidn, const uint8_t *msg, uint32_t msgn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "close-channel")
void theater_import_msh_close_channel_(const uint8_t *cid, uint32_t cidn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "list-outstanding-requests")
void theater_import_msh_list_outstanding_requests_(void *ret);
THEATER_IMPORT(THEATER_MSH_, "respond-to-request")
void theater_import_msh_respond_to_request_(const uint8_t *rid, uint32_t ridn, const uint8_t *msg, uint32_t msgn, void *ret);
THEATER_IMPORT(THEATER_MSH_, "cancel-request")
void theater_import_msh_cancel_request_(const uint8_t *rid, uint32_t ridn, void *ret);

/* Fills *out (if non-NULL) with the ok payload (ptr, len) @4 of a result<string|json, string>. */
static bool theater_msh_result_slice_(theater_bytes_t *out, theater_string_t *err) {
  if (!theater_import_result(4, err)) return false;
  if (out) *out = theater_import_slice(4);
  return true;
}

/* send: func(actor-id, msg: json) -> result<_, string>. */
static bool theater_message_server_host_send(theater_string_t actor_id, theater_bytes_t msg, theater_string_t *err) {
  theater_import_msh_send_(actor_id.ptr, actor_id.len, msg.ptr, msg.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* request: func(actor-id, msg: json) -> result<json, string>. Blocks until the target answers. */
static bool theater_message_server_host_request(theater_string_t actor_id, theater_bytes_t msg, theater_bytes_t *response,
                                                theater_string_t *err) {
  theater_import_msh_request_(actor_id.ptr, actor_id.len, msg.ptr, msg.len, theater_import_area(12));
  return theater_msh_result_slice_(response, err);
}

/* open-channel: func(actor-id, initial-msg: json) -> result<channel-id, string>. */
static bool theater_message_server_host_open_channel(theater_string_t actor_id, theater_bytes_t initial_msg,
                                                     theater_string_t *channel_id, theater_string_t *err) {
  theater_import_msh_open_channel_(actor_id.ptr, actor_id.len, initial_msg.ptr, initial_msg.len, theater_import_area(12));
  return theater_msh_result_slice_(channel_id, err);
}

/* send-on-channel: func(channel-id, msg: json) -> result<_, string>. */
static bool theater_message_server_host_send_on_channel(theater_string_t channel_id, theater_bytes_t msg,
                                                        theater_string_t *err) {
  theater_import_msh_send_on_channel_(channel_id.ptr, channel_id.len, msg.ptr, msg.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* close-channel: func(channel-id) -> result<_, string>. */
static bool theater_message_server_host_close_channel(theater_string_t channel_id, theater_string_t *err) {
  theater_import_msh_close_channel_(channel_id.ptr, channel_id.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* list-outstanding-requests: func() -> list<string>, read in place. */
static theater_string_list_t theater_message_server_host_list_outstanding_requests(void) {
  theater_import_msh_list_outstanding_requests_(theater_import_area(8));
  return theater_import_string_list(0);
}

/* respond-to-request: func(request-id: string, response: json) -> result<_, string>. */
static bool theater_message_server_host_respond_to_request(theater_string_t request_id, theater_bytes_t response,
                                                           theater_string_t *err) {
  theater_import_msh_respond_to_request_(request_id.ptr, request_id.len, response.ptr, response.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* cancel-request: func(request-id: string) -> result<_, string>. */
static bool theater_message_server_host_cancel_request(theater_string_t request_id, theater_string_t *err) {
  theater_import_msh_cancel_request_(request_id.ptr, request_id.len, theater_import_area(12));
  return theater_import_result(4, err);
}

#endif
