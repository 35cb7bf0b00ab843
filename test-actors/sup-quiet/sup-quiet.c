/*
 * sup-quiet -- sup-parent without the supervisor-handlers exports: its supervisor records and skips every
 * notification. Contract: test-actors/README.md, "sup-parent".
 */
#define SUP_QUIET 1
#include "../sup-parent/sup-parent.c"
