/*
 * theater/http_client.h -- theater:simple/http-client (wit/http-client.wit):
 * outgoing HTTP requests. docs: sdk/c/docs/io.md.
 */
#ifndef THEATER_HTTP_CLIENT_H
#define THEATER_HTTP_CLIENT_H

#include "theater/http_types.h"

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
