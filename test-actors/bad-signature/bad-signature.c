/*
 * bad-signature -- imports theater:simple/runtime.log with the WRONG core
 * signature (i32) -> () instead of (i32, i32) -> (). A conforming runtime must
 * refuse to instantiate it. Contract: test-actors/README.md, "bad-signature".
 * A raw-ABI guest: only theater/base.h from the SDK.
 */
#include "theater/base.h"

THEATER_IMPORT("theater:simple/runtime", "log")
void host_log_wrong(const uint8_t *msg); /* should be (const uint8_t *msg, uint32_t len) */

static const uint8_t k_state[] = "{}";
static uint32_t g_ret[4] __attribute__((aligned(8)));

/* theater:simple/actor#init -- normal signature; never expected to run. */
THEATER_EXPORT("theater:simple/actor#init")
uint32_t bad_init(uint32_t state_disc, const uint8_t *state_ptr, uint32_t state_len, const uint8_t *id, uint32_t id_len) {
  (void)state_disc; (void)state_ptr; (void)state_len; (void)id_len;
  host_log_wrong(id);
  g_ret[0] = 0;
  g_ret[1] = 1;
  g_ret[2] = THEATER_ADDR(k_state);
  g_ret[3] = 2;
  return THEATER_ADDR(g_ret);
}

THEATER_EXPORT("cabi_post_theater:simple/actor#init")
void bad_post_init(uint32_t ret) { (void)ret; theater_heap_reset(); }
