/*
 * timing-probe -- a guest for the timing handler's tests (theater-handlers/timing).
 * Imports runtime log and all of theater:simple/timing and theater:simple/timers;
 * exports init, handle-send and (unless TIMING_NO_HANDLER) handle-timer.
 * Contract: test-actors/README.md, "timing-probe and timing-notimer". State is
 * never changed (init: {"probe":1}).
 */
#include "theater.h"

static uint64_t parse_u64(theater_string_t s) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++) v = v * 10 + (uint64_t)(s.ptr[i] - '0');
  return v;
}

static void log_scheduled(bool ok, const char *what, theater_string_t id, theater_string_t err) {
  if (ok) theater_logf("scheduled %s", id);
  else theater_logf("%z failed: %s", what, err);
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state;
  theater_log_with("init ", actor_id);
  return theater_return_state(theater_str("{\"probe\":1}"));
}
THEATER_EXPORT_ACTOR_INIT(init)

static void do_sleep(uint64_t ms) {
  theater_string_t err;
  theater_log("sleeping");
  if (theater_timing_sleep(ms, &err)) {
    theater_log("slept");
    return;
  }
  theater_log_with("sleep failed: ", err);
  /* after a sleep cut short by a stop: may a timer still be set? */
  theater_string_t id;
  if (theater_timers_schedule_once(0, theater_str("after"), &id, &err)) theater_log_with("then scheduled ", id);
  else theater_log_with("then schedule-once failed: ", err);
}

static void do_deadline(uint64_t ts, bool check) {
  theater_string_t err;
  theater_log("waiting");
  if (!theater_timing_deadline(ts, &err)) {
    theater_log_with("deadline failed: ", err);
    return;
  }
  if (!check) theater_log("deadline ok");
  else if (theater_timing_now() >= ts) theater_log("deadline ok: now >= target");
  else theater_log("deadline ok: EARLY");
}

static void do_many(uint32_t n, uint64_t period) {
  theater_string_t err = theater_str(""), id;
  uint32_t k = 0;
  bool failed = false;
  for (uint32_t i = 0; i < n; i++) {
    if (theater_timers_schedule_every(period, theater_str("many"), &id, failed ? 0 : &err)) k++;
    else failed = true;
  }
  if (failed) theater_logf("scheduled %u of %u: %s", k, n, err);
  else theater_logf("scheduled %u of %u", k, n);
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_string_t cmd, rest, a, b, id, err;
  theater_split(msg, ' ', &cmd, &rest);
  theater_split(rest, ' ', &a, &b);
  if (theater_eq(cmd, "now")) {
    theater_logf("now %U", theater_timing_now());
  } else if (theater_eq(cmd, "sleep")) {
    do_sleep(parse_u64(rest));
  } else if (theater_eq(cmd, "deadline")) {
    do_deadline(parse_u64(rest), false);
  } else if (theater_eq(cmd, "deadline-in")) {
    do_deadline(theater_timing_now() + parse_u64(rest), true);
  } else if (theater_eq(cmd, "deadline-ago")) {
    do_deadline(theater_timing_now() - parse_u64(rest), false);
  } else if (theater_eq(cmd, "once")) {
    bool ok = theater_timers_schedule_once(parse_u64(a), b, &id, &err);
    log_scheduled(ok, "schedule-once", id, err);
  } else if (theater_eq(cmd, "every")) {
    bool ok = theater_timers_schedule_every(parse_u64(a), b, &id, &err);
    log_scheduled(ok, "schedule-every", id, err);
  } else if (theater_eq(cmd, "big")) {
    /* schedule-once(1000, <a> bytes of 'x') */
    uint32_t n = theater_parse_u32(a);
    uint8_t *p = (uint8_t *)theater_alloc(n ? n : 1, 1);
    memset(p, 'x', n);
    bool ok = theater_timers_schedule_once(1000, theater_bytes_of(p, n), &id, &err);
    log_scheduled(ok, "schedule-once", id, err);
  } else if (theater_eq(cmd, "many")) {
    do_many(theater_parse_u32(a), parse_u64(b));
  } else if (theater_eq(cmd, "cancel")) {
    if (theater_timers_cancel_timer(rest, &err)) theater_log_with("cancelled ", rest);
    else theater_log_with("cancel failed: ", err);
  } else if (theater_eq(cmd, "busy")) {
    /* holds the mailbox: sleep <a> ms, then cancel <b> if given */
    theater_string_t serr;
    if (!theater_timing_sleep(parse_u64(a), &serr)) theater_log_with("busy failed: ", serr);
    else if (b.len == 0) theater_log("busy done");
    else if (theater_timers_cancel_timer(b, &err)) theater_log_with("busy done, cancelled ", b);
    else theater_log_with("busy done, cancel failed: ", err);
  } else if (theater_eq(cmd, "busy-every")) {
    /* schedule-every(<b> ms, "t"), log it, then hold the mailbox: sleep <a> ms */
    theater_string_t serr;
    bool ok = theater_timers_schedule_every(parse_u64(b), theater_str("t"), &id, &err);
    log_scheduled(ok, "schedule-every", id, err);
    if (!theater_timing_sleep(parse_u64(a), &serr)) theater_log_with("busy failed: ", serr);
    else theater_log("busy done");
  } else {
    theater_log_with("unknown command: ", msg);
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)

#ifndef TIMING_NO_HANDLER
static theater_result_t handle_timer(theater_state_t state, theater_string_t timer_id, theater_bytes_t payload) {
  theater_string_t err;
  theater_logf("timer %s %s", timer_id, payload);
  if (theater_eq(payload, "cancel-self")) {
    if (theater_timers_cancel_timer(timer_id, &err)) theater_log_with("cancelled itself: ", timer_id);
    else theater_log_with("cancel-self failed: ", err);
  } else if (theater_eq(payload, "fail")) {
    return theater_return_err("timer asked to fail");
  }
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_TIMER(handle_timer)
#endif
