/*
 * theater/timers.h -- theater:simple/timers and the timer-handlers export
 * (wit/timers.wit; sdk/c/docs/timing.md). A timer calls the guest's
 * handle-timer through its mailbox, like a message: the guest stays free
 * between firings, unlike with theater_timing_sleep.
 *
 * Results as in message_server_host.h: true on ok (out-params filled), false on
 * err (*err filled); any out-param may be NULL. A timer id is a host string on
 * the per-call arena, gone when the export returns: to cancel the timer from a
 * later call, write the id into the state the export returns.
 */
#ifndef THEATER_TIMERS_H
#define THEATER_TIMERS_H

#include "theater/import.h"
#include "theater/exports.h"

#define THEATER_TIMERS_ "theater:simple/timers"
THEATER_IMPORT(THEATER_TIMERS_, "schedule-once")
void theater_import_timers_schedule_once_(uint64_t delay, const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_TIMERS_, "schedule-every")
void theater_import_timers_schedule_every_(uint64_t period, const uint8_t *p, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_TIMERS_, "cancel-timer")
void theater_import_timers_cancel_timer_(const uint8_t *id, uint32_t n, void *ret);

static bool theater_timers_result_id_(theater_string_t *timer_id, theater_string_t *err) {
  if (!theater_import_result(4, err)) return false;
  if (timer_id) *timer_id = theater_import_slice(4);
  return true;
}

/* schedule-once: func(delay-ms: u64, payload: json) -> result<string, string>.
 * handle-timer(id, payload) runs once, delay_ms from now (0: as soon as possible). */
static bool theater_timers_schedule_once(uint64_t delay_ms, theater_bytes_t payload, theater_string_t *timer_id,
                                         theater_string_t *err) {
  theater_import_timers_schedule_once_(delay_ms, payload.ptr, payload.len, theater_import_area(12));
  return theater_timers_result_id_(timer_id, err);
}

/* schedule-every: func(period-ms: u64, payload: json) -> result<string, string>.
 * handle-timer(id, payload) every period_ms at a fixed rate, first one period from
 * now; a tick due while the previous firing has not finished is skipped. */
static bool theater_timers_schedule_every(uint64_t period_ms, theater_bytes_t payload, theater_string_t *timer_id,
                                          theater_string_t *err) {
  theater_import_timers_schedule_every_(period_ms, payload.ptr, payload.len, theater_import_area(12));
  return theater_timers_result_id_(timer_id, err);
}

/* cancel-timer: func(timer-id: string) -> result<_, string>. No firing of the
 * timer runs after this, not even one already waiting in the mailbox. */
static bool theater_timers_cancel_timer(theater_string_t timer_id, theater_string_t *err) {
  theater_import_timers_cancel_timer_(timer_id.ptr, timer_id.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* ---- theater:simple/timer-handlers ---------------------------------------------- */

/* handle-timer: fn(theater_state_t state, theater_string_t timer_id, theater_bytes_t payload)
 * -> theater_result_t (state kinds: theater_return_state / _no_state / _keep / _err). */
#define THEATER_EXPORT_HANDLE_TIMER(fn)                                                                  \
  THEATER_DEFINE_EXPORT(handle_timer, "theater:simple/timer-handlers#handle-timer", 16,               \
                         THEATER_RESULT_STATE, THEATER_MUST_("handle-timer", THEATER_STATE_HELPERS_),   \
                         theater_no_payload_, (THEATER_SD_, uint32_t ip_, uint32_t in_, uint32_t pp_, uint32_t pn_), \
                         fn(THEATER_STATE_, theater_lift_string_(ip_, in_), theater_lift_string_(pp_, pn_)))

#endif
