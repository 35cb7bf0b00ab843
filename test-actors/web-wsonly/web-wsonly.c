/*
 * web-wsonly -- web-probe (test-actors/web-probe) with handle-websocket-message as
 * its only theater:simple/http-handlers export. Contract: test-actors/README.md,
 * "web-probe variants".
 */
#define WEB_NO_REQUEST
#define WEB_NO_MIDDLEWARE
#define WEB_NO_WEBSOCKET_CONNECT
#define WEB_NO_WEBSOCKET_DISCONNECT
#include "../web-probe/web-probe.c"
