/*
 * timing-notimer -- timing-probe without the handle-timer export: every
 * schedule-* is refused. Contract: test-actors/README.md, "timing-probe and timing-notimer".
 */
#define TIMING_NO_HANDLER 1
#include "../timing-probe/timing-probe.c"
