/*
 * theater/supervisor.h -- theater:simple/supervisor (wit/supervisor.wit): spawn
 * and manage child actors. The supervisor-handlers exports (handle-child-error,
 * -exit, -external-stop) are macros in theater/exports.h.
 *
 * Results as in message_server_host.h: true on ok (out-params filled), false on
 * err (*err filled); any out-param may be NULL.
 */
#ifndef THEATER_SUPERVISOR_H
#define THEATER_SUPERVISOR_H

#include "theater/import.h"

#define THEATER_SUP_ "theater:simple/supervisor"
THEATER_IMPORT(THEATER_SUP_, "spawn")
void theater_import_sup_spawn_(const uint8_t *m, uint32_t mn, uint32_t sd, const uint8_t *s, uint32_t sn, void *ret);
THEATER_IMPORT(THEATER_SUP_, "resume")
void theater_import_sup_resume_(const uint8_t *m, uint32_t mn, uint32_t sd, const uint8_t *s, uint32_t sn, void *ret);
THEATER_IMPORT(THEATER_SUP_, "list-children") void theater_import_sup_list_children_(void *ret);
THEATER_IMPORT(THEATER_SUP_, "stop-child") void theater_import_sup_stop_child_(const uint8_t *id, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_SUP_, "restart-child") void theater_import_sup_restart_child_(const uint8_t *id, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_SUP_, "get-child-state") void theater_import_sup_get_child_state_(const uint8_t *id, uint32_t n, void *ret);
THEATER_IMPORT(THEATER_SUP_, "get-child-events") void theater_import_sup_get_child_events_(const uint8_t *id, uint32_t n, void *ret);

static bool theater_sup_result_string_(theater_string_t *out, theater_string_t *err) {
  if (!theater_import_result(4, err)) return false;
  if (out) *out = theater_import_slice(4);
  return true;
}

/* spawn: func(manifest: string, init-bytes: option<json>) -> result<string, string>.
 * manifest: a path relative to the parent's manifest, or manifest text. On ok *child_id is the new id. */
static bool theater_supervisor_spawn(theater_string_t manifest, theater_option_bytes_t init_bytes,
                                     theater_string_t *child_id, theater_string_t *err) {
  theater_import_sup_spawn_(manifest.ptr, manifest.len, init_bytes.is_some ? 1 : 0, init_bytes.is_some ? init_bytes.value.ptr : 0,
                            init_bytes.is_some ? init_bytes.value.len : 0, theater_import_area(12));
  return theater_sup_result_string_(child_id, err);
}

/* resume: func(manifest: string, init-state: option<json>) -> result<string, string>. */
static bool theater_supervisor_resume(theater_string_t manifest, theater_option_bytes_t init_state,
                                      theater_string_t *child_id, theater_string_t *err) {
  theater_import_sup_resume_(manifest.ptr, manifest.len, init_state.is_some ? 1 : 0, init_state.is_some ? init_state.value.ptr : 0,
                             init_state.is_some ? init_state.value.len : 0, theater_import_area(12));
  return theater_sup_result_string_(child_id, err);
}

/* list-children: func() -> list<string>, read in place. */
static theater_string_list_t theater_supervisor_list_children(void) {
  theater_import_sup_list_children_(theater_import_area(8));
  return theater_import_string_list(0);
}

/* stop-child: func(child-id: string) -> result<_, string>. */
static bool theater_supervisor_stop_child(theater_string_t child_id, theater_string_t *err) {
  theater_import_sup_stop_child_(child_id.ptr, child_id.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* restart-child: func(child-id: string) -> result<_, string>. */
static bool theater_supervisor_restart_child(theater_string_t child_id, theater_string_t *err) {
  theater_import_sup_restart_child_(child_id.ptr, child_id.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* get-child-state: func(child-id: string) -> result<option<json>, string>
 * (16 bytes: disc @0, option disc @4, ptr @8, len @12). */
static bool theater_supervisor_get_child_state(theater_string_t child_id, theater_option_bytes_t *state,
                                               theater_string_t *err) {
  theater_import_sup_get_child_state_(child_id.ptr, child_id.len, theater_import_area(16));
  if (!theater_import_result(4, err)) return false;
  theater_option_bytes_t s = theater_import_option_bytes(4);
  if (state) *state = s;
  return true;
}

/* get-child-events: func(child-id: string) -> result<list<chain-event>, string>. The events
 * (64-byte records, oldest first) are read in place; an option discriminant other than 0/1 traps. */
static bool theater_supervisor_get_child_events(theater_string_t child_id, theater_chain_event_list_t *events,
                                                theater_string_t *err) {
  theater_import_sup_get_child_events_(child_id.ptr, child_id.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  theater_chain_event_list_t l;
  l.len = theater_import_u32(8);
  l.ptr = (const theater_chain_event_t *)theater_check_list(theater_import_u32(4), l.len, 64, 8);
  for (uint32_t i = 0; i < l.len; i++) {
    theater_check_disc(&l.ptr[i].parent_hash.is_some, 2);
    theater_check_disc(&l.ptr[i].description.is_some, 2);
  }
  if (events) *events = l;
  return true;
}

#endif
