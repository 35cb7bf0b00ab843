/*
 * bench-timer -- the guest of the timer-lateness benchmark (theater-benchmarks,
 * TimerScenario). init reads {"period":<ms>} from its state and sets one
 * repeating timer of that period; handle-timer keeps the state and does nothing
 * else. Contract: test-actors/README.md, "bench-timer".
 */
#include "theater.h"

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)actor_id;
  uint32_t period = 10;
  if (state.is_some) theater_json_get_u32(state.value, "period", &period);
  theater_string_t err;
  if (!theater_timers_schedule_every(period, theater_str("tick"), 0, &err)) return theater_return_err_str(err);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_timer(theater_state_t state, theater_string_t timer_id, theater_bytes_t payload) {
  (void)timer_id;
  (void)payload;
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_TIMER(handle_timer)
