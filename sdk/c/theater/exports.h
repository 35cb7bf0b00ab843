/*
 * theater/exports.h -- one macro per theater:simple export, and the helpers that
 * build what an export returns.
 *
 * Every export a handler calls threads the actor's state:
 *   func(state: option<json>, params: tuple<P...>) -> result<tuple<option<json> [, tuple<R>]>, string>
 * A macro takes a C function with the typed signature, e.g.
 *   static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
 *     theater_log_with("hello from ", actor_id);
 *     return theater_return_state(theater_str("{}"));
 *   }
 *   THEATER_EXPORT_ACTOR_INIT(init)
 * and emits the export with its exact core signature, its cabi_post_*, its
 * static return area, and the per-call arena (theater_call_begin at entry,
 * theater_call_end in cabi_post_*). Use each macro at most once per guest.
 * The function builds its result with a theater_return_* helper; a helper that
 * does not fit the export (e.g. theater_return_state from handle-request)
 * becomes err("theater sdk: ...") naming the export and the helpers it takes.
 */
#ifndef THEATER_EXPORTS_H
#define THEATER_EXPORTS_H

#include "theater/types.h"

/* What a result holds. Kinds >= THEATER_RESULT_HTTP_RESPONSE carry `payload`,
 * a pointer to a struct of the header defining them (theater/http_handlers.h). */
enum {
  THEATER_RESULT_ERR = 0,           /* err(err) */
  THEATER_RESULT_STATE = 1,         /* ok((state)) */
  THEATER_RESULT_RESPONSE = 2,      /* ok((state, (response))) */
  THEATER_RESULT_ACCEPT = 3,        /* ok((state, (accept))) */
  THEATER_RESULT_HTTP_RESPONSE = 16,
  THEATER_RESULT_MIDDLEWARE = 17,
  THEATER_RESULT_WEBSOCKET_MESSAGES = 18
};

typedef struct {
  uint32_t kind;
  theater_state_t state;           /* ok: the new state */
  theater_string_t err;            /* THEATER_RESULT_ERR */
  theater_option_bytes_t response; /* THEATER_RESULT_RESPONSE */
  theater_channel_accept_t accept; /* THEATER_RESULT_ACCEPT */
  const void *payload;             /* kinds of other headers */
} theater_result_t;

/* ---- return helpers ----------------------------------------------------------- */

/* ok(some(json)): the new state is these JSON bytes (not copied: static data, the
 * arena, or bytes the host passed in this call). */
static inline theater_result_t theater_return_state(theater_bytes_t json) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_STATE;
  r.state = theater_some(json);
  return r;
}
/* ok(none): the actor has no state. */
static inline theater_result_t theater_return_no_state(void) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_STATE;
  return r;
}
/* ok(state) with the option as given: `theater_return_keep(state)` leaves the
 * state unchanged (none stays none; some keeps the host's own buffer). */
static inline theater_result_t theater_return_keep(theater_state_t state) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_STATE;
  r.state = state;
  return r;
}
/* handle-request: ok((state, (response))); a none response means "answered later"
 * with theater_message_server_host_respond_to_request. */
static inline theater_result_t theater_return_response(theater_state_t state, theater_option_bytes_t response) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_RESPONSE;
  r.state = state;
  r.response = response;
  return r;
}
/* handle-channel-open: ok((state, (channel-accept { accepted, message }))). */
static inline theater_result_t theater_return_accept(theater_state_t state, bool accepted, theater_option_bytes_t message) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_ACCEPT;
  r.state = state;
  r.accept.accepted = accepted;
  r.accept.message = message;
  return r;
}
/* err(msg): the call fails, is recorded and reported to the supervisor; the
 * runtime keeps the state from before the call. */
static inline theater_result_t theater_return_err_str(theater_string_t msg) {
  theater_result_t r = {0};
  r.kind = THEATER_RESULT_ERR;
  r.err = msg;
  return r;
}
static inline theater_result_t theater_return_err(const char *msg) { return theater_return_err_str(theater_str(msg)); }

/* ---- lifting and lowering (used by the macros) --------------------------------- */

/* A flat option<list<u8>> (disc, ptr, len); a discriminant other than 0/1 traps. */
static inline theater_option_bytes_t theater_lift_option_bytes_(uint32_t disc, uint32_t ptr, uint32_t len) {
  if (disc > 1) THEATER_TRAP();
  return disc ? theater_some(theater_bytes_of(THEATER_PTR(ptr), len)) : theater_none();
}
static inline theater_string_t theater_lift_string_(uint32_t ptr, uint32_t len) { return theater_string_of(THEATER_PTR(ptr), len); }

/* Writes r into a state-threading result area of `size` bytes (a multiple of 4;
 * every byte not listed is 0): err(string) @4, or ok with the state @4 and, for
 * RESPONSE / ACCEPT, their payload @16 (every theater:simple export's ok tuple is
 * 4-aligned, so the state is always @4). A kind other than `want` (or err)
 * becomes err(misuse). Returns true when r is ok with a kind of another header
 * (>= THEATER_RESULT_HTTP_RESPONSE): the caller then writes that payload @16. */
__attribute__((always_inline)) static inline bool theater_lower_result_(uint32_t *area, uint32_t size,
                                                                      const theater_result_t *r, uint32_t want,
                                                                      const char *misuse) {
  theater_result_t e;
  if (r->kind != THEATER_RESULT_ERR && r->kind != want) {
    e = theater_return_err(misuse);
    r = &e;
  }
  uint32_t words = size / 4, w = 4;
  if (r->kind == THEATER_RESULT_ERR) {
    area[0] = 1;
    area[1] = THEATER_ADDR(r->err.ptr);
    area[2] = r->err.len;
    area[3] = 0;
  } else {
    area[0] = 0;
    area[1] = r->state.is_some ? 1 : 0;
    area[2] = r->state.is_some ? THEATER_ADDR(r->state.value.ptr) : 0;
    area[3] = r->state.is_some ? r->state.value.len : 0;
    if (r->kind == THEATER_RESULT_RESPONSE) {
      area[4] = r->response.is_some ? 1 : 0;
      area[5] = r->response.is_some ? THEATER_ADDR(r->response.value.ptr) : 0;
      area[6] = r->response.is_some ? r->response.value.len : 0;
      w = 7;
    } else if (r->kind == THEATER_RESULT_ACCEPT) {
      area[4] = r->accept.accepted ? 1 : 0;
      area[5] = r->accept.message.is_some ? 1 : 0;
      area[6] = r->accept.message.is_some ? THEATER_ADDR(r->accept.message.value.ptr) : 0;
      area[7] = r->accept.message.is_some ? r->accept.message.value.len : 0;
      w = 8;
    }
  }
  for (; w < words; w++) area[w] = 0;
  return r->kind >= THEATER_RESULT_HTTP_RESPONSE;
}

/* The payload writer of exports whose results carry nothing past the state. */
static inline void theater_no_payload_(uint8_t *area, const theater_result_t *r) { (void)area; (void)r; }

/* The pieces every export macro is made of, for headers adding exports (e.g.
 * theater/http_handlers.h): the export named `name` (a string literal) whose core
 * params are `params`, its static return area of `size` bytes, and its
 * cabi_post_<name> that ends the call's arena. `id` names the C symbols; `call`
 * is the typed call of the guest's function; results of kind `want` are lowered
 * by theater_lower_result_ and then, for kinds >= THEATER_RESULT_HTTP_RESPONSE,
 * by `lower(area, &result)` (a function name; theater_no_payload_ for none). */
#define THEATER_DEFINE_EXPORT(id, name, size, want, misuse, lower, params, call) \
  static uint32_t theater_ret_##id##_[((size) + 3) / 4] __attribute__((aligned(8))); \
  THEATER_EXPORT(name) uint32_t theater_export_##id##_ params {                   \
    theater_call_begin();                                                         \
    theater_result_t r_ = call;                                                   \
    uint32_t *area_ = theater_ret_##id##_;                                        \
    if (theater_lower_result_(area_, (size), &r_, (want), (misuse))) lower((uint8_t *)area_, &r_); \
    return THEATER_ADDR(area_);                                                   \
  }                                                                               \
  THEATER_EXPORT("cabi_post_" name) void theater_post_##id##_(uint32_t ret_) {    \
    (void)ret_;                                                                   \
    theater_call_end();                                                           \
  }

#define THEATER_SD_ uint32_t sd_, uint32_t sp_, uint32_t sn_
#define THEATER_STATE_ theater_lift_option_bytes_(sd_, sp_, sn_)
#define THEATER_MUST_(name, helpers) "theater sdk: " name " must return " helpers " or theater_return_err"
#define THEATER_STATE_HELPERS_ "theater_return_state, theater_return_no_state, theater_return_keep"

/* ---- theater:simple/actor -------------------------------------------------------- */

/* init: fn(theater_state_t state, theater_string_t actor_id) -> theater_result_t (state kinds). */
#define THEATER_EXPORT_ACTOR_INIT(fn)                                                                    \
  THEATER_DEFINE_EXPORT(actor_init, "theater:simple/actor#init", 16, THEATER_RESULT_STATE,            \
                         THEATER_MUST_("actor#init", THEATER_STATE_HELPERS_), theater_no_payload_,                         \
                         (THEATER_SD_, uint32_t id_, uint32_t idn_),                                     \
                         fn(THEATER_STATE_, theater_lift_string_(id_, idn_)))

/* ---- theater:simple/message-server-client ----------------------------------------- */

#define THEATER_MSC_ "theater:simple/message-server-client#"

/* handle-send: fn(theater_state_t state, theater_bytes_t msg). */
#define THEATER_EXPORT_HANDLE_SEND(fn)                                                                   \
  THEATER_DEFINE_EXPORT(handle_send, THEATER_MSC_ "handle-send", 16, THEATER_RESULT_STATE,            \
                         THEATER_MUST_("handle-send", THEATER_STATE_HELPERS_), theater_no_payload_,                        \
                         (THEATER_SD_, uint32_t mp_, uint32_t mn_),                                      \
                         fn(THEATER_STATE_, theater_lift_string_(mp_, mn_)))

/* handle-request: fn(theater_state_t state, theater_string_t request_id, theater_bytes_t msg),
 * returning theater_return_response(state, response). */
#define THEATER_EXPORT_HANDLE_REQUEST(fn)                                                                \
  THEATER_DEFINE_EXPORT(handle_request, THEATER_MSC_ "handle-request", 28, THEATER_RESULT_RESPONSE,   \
                         THEATER_MUST_("handle-request", "theater_return_response"), theater_no_payload_,                  \
                         (THEATER_SD_, uint32_t rp_, uint32_t rn_, uint32_t mp_, uint32_t mn_),          \
                         fn(THEATER_STATE_, theater_lift_string_(rp_, rn_), theater_lift_string_(mp_, mn_)))

/* handle-channel-open: fn(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg),
 * returning theater_return_accept(state, accepted, message). */
#define THEATER_EXPORT_HANDLE_CHANNEL_OPEN(fn)                                                           \
  THEATER_DEFINE_EXPORT(handle_channel_open, THEATER_MSC_ "handle-channel-open", 32, THEATER_RESULT_ACCEPT, \
                         THEATER_MUST_("handle-channel-open", "theater_return_accept"), theater_no_payload_,               \
                         (THEATER_SD_, uint32_t cp_, uint32_t cn_, uint32_t mp_, uint32_t mn_),          \
                         fn(THEATER_STATE_, theater_lift_string_(cp_, cn_), theater_lift_string_(mp_, mn_)))

/* handle-channel-message: fn(theater_state_t state, theater_string_t channel_id, theater_bytes_t msg). */
#define THEATER_EXPORT_HANDLE_CHANNEL_MESSAGE(fn)                                                        \
  THEATER_DEFINE_EXPORT(handle_channel_message, THEATER_MSC_ "handle-channel-message", 16,            \
                         THEATER_RESULT_STATE, THEATER_MUST_("handle-channel-message", THEATER_STATE_HELPERS_), theater_no_payload_, \
                         (THEATER_SD_, uint32_t cp_, uint32_t cn_, uint32_t mp_, uint32_t mn_),          \
                         fn(THEATER_STATE_, theater_lift_string_(cp_, cn_), theater_lift_string_(mp_, mn_)))

/* handle-channel-close: fn(theater_state_t state, theater_string_t channel_id). */
#define THEATER_EXPORT_HANDLE_CHANNEL_CLOSE(fn)                                                          \
  THEATER_DEFINE_EXPORT(handle_channel_close, THEATER_MSC_ "handle-channel-close", 16,                \
                         THEATER_RESULT_STATE, THEATER_MUST_("handle-channel-close", THEATER_STATE_HELPERS_), theater_no_payload_, \
                         (THEATER_SD_, uint32_t cp_, uint32_t cn_),                                      \
                         fn(THEATER_STATE_, theater_lift_string_(cp_, cn_)))

/* ---- theater:simple/supervisor-handlers --------------------------------------------- */

#define THEATER_SH_ "theater:simple/supervisor-handlers#"

static inline theater_wit_actor_error_t theater_lift_actor_error_(uint32_t type, uint32_t dd, uint32_t dp, uint32_t dn) {
  if (type >= THEATER_WIT_ERROR_TYPE_COUNT_) THEATER_TRAP();
  theater_wit_actor_error_t e;
  e.error_type = (theater_wit_error_type_t)type;
  e.data = theater_lift_option_bytes_(dd, dp, dn);
  return e;
}

/* handle-child-error: fn(theater_state_t state, theater_string_t child_id, theater_wit_actor_error_t error). */
#define THEATER_EXPORT_HANDLE_CHILD_ERROR(fn)                                                            \
  THEATER_DEFINE_EXPORT(handle_child_error, THEATER_SH_ "handle-child-error", 16, THEATER_RESULT_STATE, \
                         THEATER_MUST_("handle-child-error", THEATER_STATE_HELPERS_), theater_no_payload_,                 \
                         (THEATER_SD_, uint32_t ip_, uint32_t in_, uint32_t et_, uint32_t dd_, uint32_t dp_, uint32_t dn_), \
                         fn(THEATER_STATE_, theater_lift_string_(ip_, in_), theater_lift_actor_error_(et_, dd_, dp_, dn_)))

/* handle-child-exit: fn(theater_state_t state, theater_string_t child_id, theater_option_bytes_t data). */
#define THEATER_EXPORT_HANDLE_CHILD_EXIT(fn)                                                             \
  THEATER_DEFINE_EXPORT(handle_child_exit, THEATER_SH_ "handle-child-exit", 16, THEATER_RESULT_STATE, \
                         THEATER_MUST_("handle-child-exit", THEATER_STATE_HELPERS_), theater_no_payload_,                  \
                         (THEATER_SD_, uint32_t ip_, uint32_t in_, uint32_t dd_, uint32_t dp_, uint32_t dn_), \
                         fn(THEATER_STATE_, theater_lift_string_(ip_, in_), theater_lift_option_bytes_(dd_, dp_, dn_)))

/* handle-child-external-stop: fn(theater_state_t state, theater_string_t child_id). */
#define THEATER_EXPORT_HANDLE_CHILD_EXTERNAL_STOP(fn)                                                    \
  THEATER_DEFINE_EXPORT(handle_child_external_stop, THEATER_SH_ "handle-child-external-stop", 16,     \
                         THEATER_RESULT_STATE, THEATER_MUST_("handle-child-external-stop", THEATER_STATE_HELPERS_), theater_no_payload_, \
                         (THEATER_SD_, uint32_t ip_, uint32_t in_),                                      \
                         fn(THEATER_STATE_, theater_lift_string_(ip_, in_)))

#endif
