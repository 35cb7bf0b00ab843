/*
 * theater/types.h -- C structs for the theater:simple types (wit/types.wit).
 *
 * Records are laid out exactly as the canonical ABI lays them out in linear
 * memory (fields in WIT order; option = { bool is_some @0; T value @align }),
 * so a list the host returns is read in place as an array of these structs
 * once the SDK has checked its discriminants (the _Static_asserts pin it).
 * Types of other interfaces (store, http, ...) live in their own headers.
 */
#ifndef THEATER_TYPES_H
#define THEATER_TYPES_H

#include "theater/text.h"

/* option<list<u8>> / option<json>; value is {0, 0} when none. */
typedef struct {
  bool is_some;
  theater_bytes_t value;
} theater_option_bytes_t;

/* An actor's state: option<json>. */
typedef theater_option_bytes_t theater_state_t;

/* option<string>: the same struct (a string and a list<u8> are one C type). */
typedef theater_option_bytes_t theater_option_string_t;

typedef struct {
  bool is_some;
  uint64_t value;
} theater_option_u64_t;

static inline theater_option_bytes_t theater_some(theater_bytes_t value) {
  theater_option_bytes_t o = {true, value};
  return o;
}
static inline theater_option_bytes_t theater_none(void) {
  theater_option_bytes_t o = {false, {0, 0}};
  return o;
}

/* The bytes of an option, or `none_text` when it is none: for log lines. */
static inline theater_string_t theater_or(theater_option_bytes_t o, const char *none_text) {
  return o.is_some ? o.value : theater_str(none_text);
}

/* list<string>, e.g. list-outstanding-requests, list-children. */
typedef struct {
  const theater_string_t *ptr;
  uint32_t len;
} theater_string_list_t;

/* The strings joined by sep ("a,b,c"; "" when empty), as a new arena string. */
static theater_string_t theater_join(theater_string_list_t items, const char *sep) {
  theater_buf_t b;
  theater_buf_init(&b);
  for (uint32_t i = 0; i < items.len; i++) {
    if (i) theater_buf_cstr(&b, sep);
    theater_buf_str(&b, items.ptr[i]);
  }
  return theater_buf_string(&b);
}

/* record channel-accept { accepted: bool, message: option<json> } */
typedef struct {
  bool accepted;
  theater_option_bytes_t message;
} theater_channel_accept_t;

/* record event { event-type: string, parent: option<u64>, data: json } */
typedef struct {
  theater_string_t event_type;
  theater_option_u64_t parent;
  theater_bytes_t data;
} theater_event_t;

/* record meta-event { hash: u64, event: event } */
typedef struct {
  uint64_t hash;
  theater_event_t event;
} theater_meta_event_t;

/* record chain { events: list<meta-event> } */
typedef struct {
  const theater_meta_event_t *events;
  uint32_t len;
} theater_chain_t;

/* record chain-event { hash, parent-hash: option<list<u8>>, event-type, data, timestamp: u64,
 * description: option<string> } */
typedef struct {
  theater_bytes_t hash;
  theater_option_bytes_t parent_hash;
  theater_string_t event_type;
  theater_bytes_t data;
  uint64_t timestamp;
  theater_option_string_t description;
} theater_chain_event_t;

typedef struct {
  const theater_chain_event_t *ptr;
  uint32_t len;
} theater_chain_event_list_t;

/* enum wit-error-type (one byte in memory, an i32 when flat). */
typedef uint8_t theater_wit_error_type_t;
enum {
  THEATER_WIT_ERROR_OPERATION_TIMEOUT,
  THEATER_WIT_ERROR_CHANNEL_CLOSED,
  THEATER_WIT_ERROR_SHUTTING_DOWN,
  THEATER_WIT_ERROR_FUNCTION_NOT_FOUND,
  THEATER_WIT_ERROR_TYPE_MISMATCH,
  THEATER_WIT_ERROR_INTERNAL,
  THEATER_WIT_ERROR_SERIALIZATION_ERROR,
  THEATER_WIT_ERROR_UPDATE_COMPONENT_ERROR,
  THEATER_WIT_ERROR_PAUSED,
  THEATER_WIT_ERROR_TYPE_COUNT_
};

/* The WIT name of an error type, e.g. "operation-timeout" ("?" if out of range). */
static const char *theater_wit_error_type_name(theater_wit_error_type_t t) {
  static const char *const names[] = {"operation-timeout", "channel-closed", "shutting-down",
                                      "function-not-found", "type-mismatch", "internal",
                                      "serialization-error", "update-component-error", "paused"};
  return t < THEATER_WIT_ERROR_TYPE_COUNT_ ? names[t] : "?";
}

/* record wit-actor-error { error-type: wit-error-type, data: option<list<u8>> } */
typedef struct {
  theater_wit_error_type_t error_type;
  theater_option_bytes_t data;
} theater_wit_actor_error_t;

/* The canonical layouts (test-actors/README.md, sup-parent: chain-event is 64 bytes). */
_Static_assert(sizeof(theater_string_t) == 8, "string: ptr @0, len @4");
_Static_assert(sizeof(theater_option_bytes_t) == 12 && offsetof(theater_option_bytes_t, value) == 4, "option<list>");
_Static_assert(sizeof(theater_option_u64_t) == 16 && offsetof(theater_option_u64_t, value) == 8, "option<u64>");
_Static_assert(sizeof(theater_meta_event_t) == 40 && offsetof(theater_meta_event_t, event) == 8, "meta-event");
_Static_assert(offsetof(theater_event_t, parent) == 8 && offsetof(theater_event_t, data) == 24, "event");
_Static_assert(sizeof(theater_chain_event_t) == 64 && _Alignof(theater_chain_event_t) == 8, "chain-event size");
_Static_assert(offsetof(theater_chain_event_t, parent_hash) == 8 && offsetof(theater_chain_event_t, event_type) == 20 &&
                   offsetof(theater_chain_event_t, data) == 28 && offsetof(theater_chain_event_t, timestamp) == 40 &&
                   offsetof(theater_chain_event_t, description) == 48,
               "chain-event fields");
_Static_assert(sizeof(theater_channel_accept_t) == 16 && offsetof(theater_channel_accept_t, message) == 4, "channel-accept");

#endif
