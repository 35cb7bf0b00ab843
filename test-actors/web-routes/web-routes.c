/*
 * web-routes -- web-probe (test-actors/web-probe) with handle-request as its only
 * theater:simple/http-handlers export: an actor that only serves routes. Contract:
 * test-actors/README.md, "web-probe variants".
 */
#define WEB_NO_MIDDLEWARE
#define WEB_NO_WEBSOCKET_CONNECT
#define WEB_NO_WEBSOCKET_MESSAGE
#define WEB_NO_WEBSOCKET_DISCONNECT
#include "../web-probe/web-probe.c"
