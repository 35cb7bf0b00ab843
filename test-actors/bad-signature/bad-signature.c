/*
 * bad-signature -- imports theater:simple/runtime.log with the WRONG core
 * signature (i32) -> () instead of (i32, i32) -> (). A conforming runtime must
 * refuse to instantiate it. Contract: test-actors/README.md, "bad-signature".
 */
#include "guest.h"

IMPORT("theater:simple/runtime", "log")
void host_log_wrong(const u8 *msg); /* should be (const u8 *msg, u32 len) */

static const u8 k_state[] = "{}";
static u32 g_ret[4] __attribute__((aligned(8)));

/* theater:simple/actor#init -- normal signature; never expected to run. */
EXPORT("theater:simple/actor#init")
u32 bad_init(u32 state_disc, const u8 *state_ptr, u32 state_len, const u8 *id, u32 id_len) {
  (void)state_disc; (void)state_ptr; (void)state_len; (void)id_len;
  host_log_wrong(id);
  g_ret[0] = 0;
  g_ret[1] = 1;
  g_ret[2] = (u32)(usize)k_state;
  g_ret[3] = 2;
  return (u32)(usize)g_ret;
}

EXPORT("cabi_post_theater:simple/actor#init")
void bad_post_init(u32 ret) { (void)ret; heap_reset(); }
