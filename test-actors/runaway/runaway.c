/*
 * runaway -- misbehaving exports for interruption / memory-limit / trap tests.
 * Contract: test-actors/README.md, section "runaway".
 */
#include "guest.h"

static volatile u32 g_spins;

/* theater:test/runaway#spin: func() -- never returns (a loop of volatile stores). */
EXPORT("theater:test/runaway#spin")
void runaway_spin(void) {
  for (;;) g_spins++;
}

/* theater:test/runaway#grow: func(pages: u32) -> s32 -- memory.grow; old size in pages, or -1. */
EXPORT("theater:test/runaway#grow")
s32 runaway_grow(u32 pages) {
  return (s32)__builtin_wasm_memory_grow(0, pages);
}

/* theater:test/runaway#trap: func() -- executes `unreachable`. */
EXPORT("theater:test/runaway#trap")
void runaway_trap(void) {
  __builtin_trap();
}
