/*
 * theater/store.h -- theater:simple/store (wit/store.wit): a content-addressed
 * store with labels. Content is kept by its SHA-256 (a content ref holds it in
 * lowercase hex); a label names one or more contents, the latest added last.
 * Every function takes the id of a store made by theater_store_new: the id is
 * a capability (128 random bits), so pass it to an actor to share the store.
 * Handler behaviour, errors and limits: theater-handlers/store/README.md.
 *
 * Results as in message_server_host.h: a function returning result<T, string>
 * returns true on ok and fills its T out-param; on err it returns false and
 * fills *err. Any out-param may be NULL. What the host returns (ids, hashes,
 * bytes, lists) lives on the per-call arena, valid until the export returns;
 * lists are read in place once their layout is checked.
 */
#ifndef THEATER_STORE_H
#define THEATER_STORE_H

#include "theater/import.h"

/* record content-ref { hash: string } -- 64 lowercase hex characters. */
typedef struct {
  theater_string_t hash;
} theater_store_content_ref_t;

/* option<content-ref>; value is {{0, 0}} when none. */
typedef struct {
  bool is_some;
  theater_store_content_ref_t value;
} theater_store_option_content_ref_t;

/* list<content-ref>, e.g. from list-all-content. */
typedef struct {
  const theater_store_content_ref_t *ptr;
  uint32_t len;
} theater_store_content_ref_list_t;

_Static_assert(sizeof(theater_store_content_ref_t) == 8, "content-ref: hash (ptr @0, len @4)");
_Static_assert(sizeof(theater_store_option_content_ref_t) == 12 &&
                   offsetof(theater_store_option_content_ref_t, value) == 4, "option<content-ref>");

/* A content ref for a hash the guest has (e.g. one it kept in its state). */
static inline theater_store_content_ref_t theater_store_ref(theater_string_t hash) {
  theater_store_content_ref_t r = {hash};
  return r;
}

#define THEATER_STORE_ "theater:simple/store"
THEATER_IMPORT(THEATER_STORE_, "new") void theater_import_store_new_(void *ret);
THEATER_IMPORT(THEATER_STORE_, "store")
void theater_import_store_store_(const uint8_t *id, uint32_t idn, const uint8_t *c, uint32_t cn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "get")
void theater_import_store_get_(const uint8_t *id, uint32_t idn, const uint8_t *h, uint32_t hn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "exists")
void theater_import_store_exists_(const uint8_t *id, uint32_t idn, const uint8_t *h, uint32_t hn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "label")
void theater_import_store_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln, const uint8_t *h,
                                 uint32_t hn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "get-by-label")
void theater_import_store_get_by_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln, void *ret);
THEATER_IMPORT(THEATER_STORE_, "remove-label")
void theater_import_store_remove_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln, void *ret);
THEATER_IMPORT(THEATER_STORE_, "remove-from-label")
void theater_import_store_remove_from_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln,
                                             const uint8_t *h, uint32_t hn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "store-at-label")
void theater_import_store_store_at_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln,
                                          const uint8_t *c, uint32_t cn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "replace-content-at-label")
void theater_import_store_replace_content_at_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln,
                                                    const uint8_t *c, uint32_t cn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "replace-at-label")
void theater_import_store_replace_at_label_(const uint8_t *id, uint32_t idn, const uint8_t *l, uint32_t ln,
                                            const uint8_t *h, uint32_t hn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "list-labels") void theater_import_store_list_labels_(const uint8_t *id, uint32_t idn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "list-all-content")
void theater_import_store_list_all_content_(const uint8_t *id, uint32_t idn, void *ret);
THEATER_IMPORT(THEATER_STORE_, "calculate-total-size")
void theater_import_store_calculate_total_size_(const uint8_t *id, uint32_t idn, void *ret);

/* result<string | content-ref | list<u8>, string> (12 bytes: disc @0, (ptr, len) @4). */
static bool theater_store_result_slice_(theater_string_t *out, theater_string_t *err) {
  if (!theater_import_result(4, err)) return false;
  if (out) *out = theater_import_slice(4);
  return true;
}
static bool theater_store_result_ref_(theater_store_content_ref_t *ref, theater_string_t *err) {
  if (!theater_import_result(4, err)) return false;
  if (ref) ref->hash = theater_import_slice(4);
  return true;
}

/* new: func() -> result<string, string>. On ok *store_id is the new store's id. */
static bool theater_store_new(theater_string_t *store_id, theater_string_t *err) {
  theater_import_store_new_(theater_import_area(12));
  return theater_store_result_slice_(store_id, err);
}

/* store: func(store-id, content: list<u8>) -> result<content-ref, string>. Storing
 * bytes already there is a no-op that returns the same ref. */
static bool theater_store_store(theater_string_t store_id, theater_bytes_t content, theater_store_content_ref_t *ref,
                                theater_string_t *err) {
  theater_import_store_store_(store_id.ptr, store_id.len, content.ptr, content.len, theater_import_area(12));
  return theater_store_result_ref_(ref, err);
}

/* get: func(store-id, content-ref) -> result<list<u8>, string>. The host checks
 * the bytes against the hash: damaged content is an err, never wrong bytes. */
static bool theater_store_get(theater_string_t store_id, theater_store_content_ref_t ref, theater_bytes_t *content,
                              theater_string_t *err) {
  theater_import_store_get_(store_id.ptr, store_id.len, ref.hash.ptr, ref.hash.len, theater_import_area(12));
  return theater_store_result_slice_(content, err);
}

/* exists: func(store-id, content-ref) -> result<bool, string> (bool @4). */
static bool theater_store_exists(theater_string_t store_id, theater_store_content_ref_t ref, bool *exists,
                                 theater_string_t *err) {
  theater_import_store_exists_(store_id.ptr, store_id.len, ref.hash.ptr, ref.hash.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  bool e = theater_import_bool(4);
  if (exists) *exists = e;
  return true;
}

/* label: func(store-id, label, content-ref) -> result<_, string>. Adds the ref to
 * the label as its latest. */
static bool theater_store_label(theater_string_t store_id, theater_string_t label, theater_store_content_ref_t ref,
                                theater_string_t *err) {
  theater_import_store_label_(store_id.ptr, store_id.len, label.ptr, label.len, ref.hash.ptr, ref.hash.len,
                              theater_import_area(12));
  return theater_import_result(4, err);
}

/* get-by-label: func(store-id, label) -> result<option<content-ref>, string>
 * (16 bytes: disc @0, option disc @4, ptr @8, len @12). None: no such label. */
static bool theater_store_get_by_label(theater_string_t store_id, theater_string_t label,
                                       theater_store_option_content_ref_t *ref, theater_string_t *err) {
  theater_import_store_get_by_label_(store_id.ptr, store_id.len, label.ptr, label.len, theater_import_area(16));
  if (!theater_import_result(4, err)) return false;
  theater_store_option_content_ref_t o = {false, {{0, 0}}};
  if (theater_import_disc(4, 2)) {
    o.is_some = true;
    o.value.hash = theater_import_slice(8);
  }
  if (ref) *ref = o;
  return true;
}

/* remove-label: func(store-id, label) -> result<_, string>. The content stays. */
static bool theater_store_remove_label(theater_string_t store_id, theater_string_t label, theater_string_t *err) {
  theater_import_store_remove_label_(store_id.ptr, store_id.len, label.ptr, label.len, theater_import_area(12));
  return theater_import_result(4, err);
}

/* remove-from-label: func(store-id, label, content-ref) -> result<_, string>. */
static bool theater_store_remove_from_label(theater_string_t store_id, theater_string_t label,
                                            theater_store_content_ref_t ref, theater_string_t *err) {
  theater_import_store_remove_from_label_(store_id.ptr, store_id.len, label.ptr, label.len, ref.hash.ptr, ref.hash.len,
                                          theater_import_area(12));
  return theater_import_result(4, err);
}

/* store-at-label: func(store-id, label, content) -> result<content-ref, string>. */
static bool theater_store_store_at_label(theater_string_t store_id, theater_string_t label, theater_bytes_t content,
                                         theater_store_content_ref_t *ref, theater_string_t *err) {
  theater_import_store_store_at_label_(store_id.ptr, store_id.len, label.ptr, label.len, content.ptr, content.len,
                                       theater_import_area(12));
  return theater_store_result_ref_(ref, err);
}

/* replace-content-at-label: func(store-id, label, content) -> result<content-ref, string>.
 * The label names the new content alone. */
static bool theater_store_replace_content_at_label(theater_string_t store_id, theater_string_t label,
                                                   theater_bytes_t content, theater_store_content_ref_t *ref,
                                                   theater_string_t *err) {
  theater_import_store_replace_content_at_label_(store_id.ptr, store_id.len, label.ptr, label.len, content.ptr,
                                                 content.len, theater_import_area(12));
  return theater_store_result_ref_(ref, err);
}

/* replace-at-label: func(store-id, label, content-ref) -> result<_, string>. */
static bool theater_store_replace_at_label(theater_string_t store_id, theater_string_t label,
                                           theater_store_content_ref_t ref, theater_string_t *err) {
  theater_import_store_replace_at_label_(store_id.ptr, store_id.len, label.ptr, label.len, ref.hash.ptr, ref.hash.len,
                                         theater_import_area(12));
  return theater_import_result(4, err);
}

/* list-labels: func(store-id) -> result<list<string>, string>, read in place. */
static bool theater_store_list_labels(theater_string_t store_id, theater_string_list_t *labels, theater_string_t *err) {
  theater_import_store_list_labels_(store_id.ptr, store_id.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  theater_string_list_t l = theater_import_string_list(4);
  if (labels) *labels = l;
  return true;
}

/* list-all-content: func(store-id) -> result<list<content-ref>, string>, read in place. */
static bool theater_store_list_all_content(theater_string_t store_id, theater_store_content_ref_list_t *refs,
                                           theater_string_t *err) {
  theater_import_store_list_all_content_(store_id.ptr, store_id.len, theater_import_area(12));
  if (!theater_import_result(4, err)) return false;
  theater_store_content_ref_list_t l;
  l.len = theater_import_u32(8);
  l.ptr = (const theater_store_content_ref_t *)theater_check_list(theater_import_u32(4), l.len, 8, 4);
  if (refs) *refs = l;
  return true;
}

/* calculate-total-size: func(store-id) -> result<u64, string> (16 bytes: the u64 @8). */
static bool theater_store_calculate_total_size(theater_string_t store_id, uint64_t *bytes, theater_string_t *err) {
  theater_import_store_calculate_total_size_(store_id.ptr, store_id.len, theater_import_area(16));
  if (!theater_import_result(8, err)) return false;
  uint64_t n = theater_import_u64(8);
  if (bytes) *bytes = n;
  return true;
}

#endif
