/*
 * theater.h -- the Theater C guest SDK, everything at once. Include it from
 * exactly ONE .c file per guest and build with -I sdk/c (sdk/c/README.md).
 * Only the imports a guest calls end up in its module.
 */
#ifndef THEATER_H
#define THEATER_H

#include "theater/base.h"
#include "theater/text.h"
#include "theater/types.h"
#include "theater/import.h"
#include "theater/exports.h"
#include "theater/runtime.h"
#include "theater/message_server_host.h"
#include "theater/supervisor.h"

/* Headers that arrive with their handlers' guests; included once they exist. */
#if __has_include("theater/store.h")
#include "theater/store.h"
#endif
#if __has_include("theater/timing.h")
#include "theater/timing.h"
#endif
#if __has_include("theater/timers.h")
#include "theater/timers.h"
#endif
#if __has_include("theater/filesystem.h")
#include "theater/filesystem.h"
#endif
#if __has_include("theater/http_client.h")
#include "theater/http_client.h"
#endif
#if __has_include("theater/http_framework.h")
#include "theater/http_framework.h"
#endif
#if __has_include("theater/http_handlers.h")
#include "theater/http_handlers.h"
#endif

#endif
