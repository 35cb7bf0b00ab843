/*
 * theater/timing.h -- theater:simple/timing (wit/timing.wit): the clock and
 * sleeps (sdk/c/docs/timing.md). Only the functions a guest calls end up as
 * imports.
 *
 * Results as in message_server_host.h: true on ok, false on err (*err filled;
 * it may be NULL). A sleep holds the actor's mailbox for its whole length: for
 * "call me later" use theater/timers.h instead.
 */
#ifndef THEATER_TIMING_H
#define THEATER_TIMING_H

#include "theater/import.h"

#define THEATER_TIMING_ "theater:simple/timing"
THEATER_IMPORT(THEATER_TIMING_, "now") uint64_t theater_import_timing_now_(void);
THEATER_IMPORT(THEATER_TIMING_, "sleep") void theater_import_timing_sleep_(uint64_t duration, void *ret);
THEATER_IMPORT(THEATER_TIMING_, "deadline") void theater_import_timing_deadline_(uint64_t timestamp, void *ret);

/* now: func() -> u64. Milliseconds since the Unix epoch (recorded in the chain). */
static uint64_t theater_timing_now(void) { return theater_import_timing_now_(); }

/* sleep: func(duration: u64) -> result<_, string>. Waits duration_ms; err when
 * it is outside the handler's min/max_sleep_duration, or the actor is asked to
 * stop while it waits (the sleep then returns at once). */
static bool theater_timing_sleep(uint64_t duration_ms, theater_string_t *err) {
  theater_import_timing_sleep_(duration_ms, theater_import_area(12));
  return theater_import_result(4, err);
}

/* deadline: func(timestamp: u64) -> result<_, string>. Waits until timestamp_ms
 * (ms since the epoch); true at once if it has passed. Errors as for sleep
 * (a wait longer than max_sleep_duration). */
static bool theater_timing_deadline(uint64_t timestamp_ms, theater_string_t *err) {
  theater_import_timing_deadline_(timestamp_ms, theater_import_area(12));
  return theater_import_result(4, err);
}

#endif
