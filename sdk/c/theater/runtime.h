/*
 * theater/runtime.h -- theater:simple/runtime (wit/runtime.wit): log, get-state,
 * get-chain, shutdown. Only the functions a guest calls end up as imports.
 */
#ifndef THEATER_RUNTIME_H
#define THEATER_RUNTIME_H

#include "theater/import.h"

#define THEATER_RUNTIME_ "theater:simple/runtime"
THEATER_IMPORT(THEATER_RUNTIME_, "log") void theater_import_runtime_log_(const uint8_t *ptr, uint32_t len);
THEATER_IMPORT(THEATER_RUNTIME_, "get-state") void theater_import_runtime_get_state_(void *ret);
THEATER_IMPORT(THEATER_RUNTIME_, "get-chain") void theater_import_runtime_get_chain_(void *ret);
THEATER_IMPORT(THEATER_RUNTIME_, "shutdown")
void theater_import_runtime_shutdown_(uint32_t disc, const uint8_t *ptr, uint32_t len, void *ret);

/* log: func(msg: string). One call = one log line. */
static void theater_runtime_log(theater_string_t msg) { theater_import_runtime_log_(msg.ptr, msg.len); }
static void theater_log_str(theater_string_t msg) { theater_runtime_log(msg); }
static void theater_log(const char *msg) { theater_runtime_log(theater_str(msg)); }

/* Logs prefix followed by the bytes verbatim, as one line ("got: " + msg). */
static void theater_log_with(const char *prefix, theater_bytes_t bytes) {
  theater_buf_t l;
  uint32_t k = (uint32_t)strlen(prefix);
  l.cap = k + bytes.len;
  l.ptr = (uint8_t *)theater_alloc(l.cap ? l.cap : 1, 1);
  l.len = 0;
  theater_buf_put(&l, prefix, k);
  theater_buf_str(&l, bytes);
  theater_runtime_log(theater_buf_string(&l));
}

/* Logs one line formatted as theater_format does: theater_logf("got %s from %z", msg, who). */
static void theater_logf(const char *fmt, ...) {
  theater_buf_t l;
  theater_buf_init(&l);
  va_list ap;
  va_start(ap, fmt);
  theater_buf_vformat(&l, fmt, ap);
  va_end(ap);
  theater_runtime_log(theater_buf_string(&l));
}

/* get-state: func() -> option<json>. */
static theater_option_bytes_t theater_runtime_get_state(void) {
  theater_import_runtime_get_state_(theater_import_area(12));
  return theater_import_option_bytes(0);
}

/* get-chain: func() -> chain. The events are read in place (40-byte meta-events);
 * a parent discriminant other than 0/1 traps. */
static theater_chain_t theater_runtime_get_chain(void) {
  theater_import_runtime_get_chain_(theater_import_area(8));
  theater_chain_t c;
  c.len = theater_import_u32(4);
  c.events = (const theater_meta_event_t *)theater_check_list(theater_import_u32(0), c.len, 40, 8);
  for (uint32_t i = 0; i < c.len; i++) theater_check_disc(&c.events[i].event.parent.is_some, 2);
  return c;
}

/* shutdown: func(data: option<json>) -> result<_, string>. True if accepted; on
 * err (a shutdown already in progress) fills *err (may be NULL). */
static bool theater_runtime_shutdown(theater_option_bytes_t data, theater_string_t *err) {
  theater_import_runtime_shutdown_(data.is_some ? 1 : 0, data.is_some ? data.value.ptr : 0,
                                   data.is_some ? data.value.len : 0, theater_import_area(12));
  return theater_import_result(4, err);
}

#endif
