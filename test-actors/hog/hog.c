/*
 * hog -- grows its own memory on request, for the guest-memory budget tests.
 *
 * imports  theater:simple/runtime.log
 * exports  theater:simple/actor#init                         state "<pages>" (memory.size after init)
 *          theater:simple/message-server-client#handle-send  "grow N": memory.grow(N); logs "grow N -> R"
 *              (R = the previous size in pages, or -1 when the grow failed) and keeps the state "<pages>"
 *              (memory.size after it); "fill": writes one byte into every page it has (so the host pages are
 *              really used) and logs "filled <pages>"; "recurse N": logs "recursed <r>"; anything else: logs
 *              "unknown <msg>"
 */
#include "theater.h"

static theater_result_t pages_state(void) {
  return theater_return_state(theater_format("%u", (uint32_t)__builtin_wasm_memory_size(0)));
}

/* Not a tail call: each level keeps a frame, so a large n exhausts the host's stack. */
__attribute__((noinline)) static uint32_t recurse(uint32_t n) {
  if (n == 0) return 0;
  return n + recurse(n - 1) * 3u;
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  (void)state; (void)actor_id;
  return pages_state();
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  (void)state;
  if (theater_has_prefix(msg, "grow ")) {
    uint32_t want = theater_parse_u32(theater_skip(msg, 5));
    int32_t before = (int32_t)__builtin_wasm_memory_grow(0, want);
    theater_logf("grow %u -> %d", want, before < 0 ? -1 : before);
  } else if (theater_eq(msg, "fill")) {
    uint32_t pages = (uint32_t)__builtin_wasm_memory_size(0);
    for (uint32_t p = 1; p < pages; p++) *(volatile uint8_t *)THEATER_PTR(p * 65536u + 7u) = (uint8_t)p;
    theater_logf("filled %u", pages);
  } else if (theater_has_prefix(msg, "recurse ")) {
    theater_logf("recursed %u", recurse(theater_parse_u32(theater_skip(msg, 8))));
  } else {
    theater_logf("unknown %s", msg);
  }
  return pages_state();
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
