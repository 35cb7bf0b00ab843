/*
 * runaway -- misbehaving exports for interruption / memory-limit / trap tests.
 * Contract: test-actors/README.md, section "runaway". A raw-ABI guest: only
 * theater/base.h from the SDK (allocator, cabi_realloc, export macro).
 */
#include "theater/base.h"

static volatile uint32_t g_spins;

/* theater:test/runaway#spin: func() -- never returns (a loop of volatile stores). */
THEATER_EXPORT("theater:test/runaway#spin")
void runaway_spin(void) {
  for (;;) g_spins++;
}

/* theater:test/runaway#grow: func(pages: u32) -> s32 -- memory.grow; old size in pages, or -1. */
THEATER_EXPORT("theater:test/runaway#grow")
int32_t runaway_grow(uint32_t pages) {
  return (int32_t)__builtin_wasm_memory_grow(0, pages);
}

/* theater:test/runaway#trap: func() -- executes `unreachable`. */
THEATER_EXPORT("theater:test/runaway#trap")
void runaway_trap(void) {
  THEATER_TRAP();
}
