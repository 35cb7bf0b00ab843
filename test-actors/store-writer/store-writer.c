/*
 * store-writer -- writes to one store as fast as it is told: the workload of the
 * store's kill -9 crash test, its concurrency test and its benchmark. State:
 * {"store":"<id>"} (plus "new":"<id>" after a step that made a store); init
 * without state makes the store. Contract: test-actors/README.md, "store-writer".
 */
#include "theater.h"

static theater_string_t store_of(theater_state_t state) {
  theater_string_t id = {0, 0};
  if (state.is_some) theater_json_get_string(state.value, "store", &id);
  return id;
}

static theater_bytes_t state_json(theater_string_t store, const theater_string_t *made) {
  theater_buf_t b;
  theater_json_object(&b);
  theater_json_string_field(&b, "store", store);
  if (made) theater_json_string_field(&b, "new", *made);
  return theater_json_close(&b);
}

/* The next space-separated word of *s (advancing *s past it). */
static theater_string_t word(theater_string_t *s) {
  theater_string_t head;
  theater_split(*s, ' ', &head, s);
  return head;
}

/* The content of crash-test step (run, i): "run <run> item <i>\n", then bytes
 * (x + k * 31) & 0xff up to n bytes, where x = (run * 1000003 + i) * 2654435761 mod 2^32
 * and n = 64 + (x >> 16) % 8192, plus 262144 when i % 16 == 15. */
static theater_bytes_t step_content(uint32_t run, uint32_t i) {
  uint32_t x = (run * 1000003u + i) * 2654435761u;
  uint32_t n = 64 + (x >> 16) % 8192;
  if (i % 16 == 15) n += 262144;
  theater_buf_t b;
  theater_buf_init(&b);
  theater_buf_cstr(&b, "run ");
  theater_buf_u32(&b, run);
  theater_buf_cstr(&b, " item ");
  theater_buf_u32(&b, i);
  theater_buf_byte(&b, '\n');
  uint8_t *p = (uint8_t *)theater_alloc(n, 1);
  memcpy(p, b.ptr, b.len);
  for (uint32_t k = b.len; k < n; k++) p[k] = (uint8_t)(x + k * 31u);
  return theater_bytes_of(p, n);
}

/* Content k of a benchmark run: `size` bytes (at least 8), the seed and k in the
 * first 8 (little-endian u32s), then bytes 0xa5: every content distinct. Bytes
 * 8.. are written once per command, a u64 at a time (bench_fill), so the loop
 * measures the host calls, not the guest writing a megabyte. */
static void bench_fill(uint8_t *p, uint32_t size) {
  uint64_t *w = (uint64_t *)p; /* 8-aligned: allocated so */
  for (uint32_t i = 1; i < size / 8; i++) w[i] = 0xa5a5a5a5a5a5a5a5ull;
  for (uint32_t j = (size / 8) * 8; j < size; j++) p[j] = 0xa5;
}
static theater_bytes_t bench_content(uint32_t seed, uint32_t k, uint32_t size, uint8_t *p) {
  memcpy(p, &seed, 4);
  memcpy(p + 4, &k, 4);
  return theater_bytes_of(p, size);
}

static theater_result_t fail(const char *what, theater_string_t err) {
  theater_buf_t b;
  theater_buf_init(&b);
  theater_buf_cstr(&b, what);
  theater_buf_cstr(&b, ": ");
  theater_buf_str(&b, err);
  return theater_return_err_str(theater_buf_string(&b));
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  theater_string_t id = store_of(state);
  if (id.len) {
    theater_log_with("store-writer ", actor_id);
    return theater_return_keep(state);
  }
  theater_string_t err;
  if (!theater_store_new(&id, &err)) return fail("new", err);
  theater_log_with("store-writer made store ", id);
  return theater_return_state(state_json(id, 0));
}
THEATER_EXPORT_ACTOR_INIT(init)

/* step <run> <i>: by i % 4, store / store-at-label "log" / replace-content-at-label
 * "latest" / new + store-at-label(new store, "origin"). */
static theater_result_t step(theater_state_t state, theater_string_t store, theater_string_t args) {
  uint32_t run = theater_parse_u32(word(&args));
  uint32_t i = theater_parse_u32(word(&args));
  theater_bytes_t c = step_content(run, i);
  theater_string_t err;
  switch (i % 4) {
    case 0:
      if (!theater_store_store(store, c, 0, &err)) return fail("store", err);
      break;
    case 1:
      if (!theater_store_store_at_label(store, theater_str("log"), c, 0, &err)) return fail("store-at-label", err);
      break;
    case 2:
      if (!theater_store_replace_content_at_label(store, theater_str("latest"), c, 0, &err))
        return fail("replace-content-at-label", err);
      break;
    default: {
      theater_string_t made;
      if (!theater_store_new(&made, &err)) return fail("new", err);
      if (!theater_store_store_at_label(made, theater_str("origin"), c, 0, &err)) return fail("store-at-label", err);
      return theater_return_state(state_json(store, &made));
    }
  }
  return theater_return_keep(state);
}

/* hammer <tag> <n>: n times: "common" and "hammer <tag> <k>" at label "shared", the
 * latter also at label "all" (by its ref). */
static theater_result_t hammer(theater_state_t state, theater_string_t store, theater_string_t args) {
  theater_string_t tag = word(&args);
  uint32_t n = theater_parse_u32(word(&args));
  theater_string_t err;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t mark = theater_heap_mark();
    theater_buf_t c;
    theater_buf_init(&c);
    theater_buf_cstr(&c, "hammer ");
    theater_buf_str(&c, tag);
    theater_buf_byte(&c, ' ');
    theater_buf_u32(&c, k);
    theater_store_content_ref_t ref;
    if (!theater_store_store_at_label(store, theater_str("shared"), theater_str("common"), 0, &err))
      return fail("store-at-label common", err);
    if (!theater_store_store_at_label(store, theater_str("shared"), theater_buf_bytes(&c), &ref, &err))
      return fail("store-at-label", err);
    if (!theater_store_label(store, theater_str("all"), ref, &err)) return fail("label", err);
    theater_heap_release(mark);
  }
  theater_log_with("hammer done ", tag);
  return theater_return_keep(state);
}

/* bench-store <seed> <n> <size>: n stores of distinct contents. */
static theater_result_t bench_store(theater_state_t state, theater_string_t store, theater_string_t args) {
  uint32_t seed = theater_parse_u32(word(&args));
  uint32_t n = theater_parse_u32(word(&args));
  uint32_t size = theater_parse_u32(word(&args));
  if (size < 8) size = 8;
  uint8_t *p = (uint8_t *)theater_alloc(size, 8);
  bench_fill(p, size);
  theater_string_t err;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t mark = theater_heap_mark();
    if (!theater_store_store(store, bench_content(seed, k, size, p), 0, &err)) return fail("store", err);
    theater_heap_release(mark); /* the returned ref */
  }
  return theater_return_keep(state);
}

/* bench-get <n> <hash>: n gets of one content. */
static theater_result_t bench_get(theater_state_t state, theater_string_t store, theater_string_t args) {
  uint32_t n = theater_parse_u32(word(&args));
  theater_store_content_ref_t ref = theater_store_ref(word(&args));
  theater_string_t err;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t mark = theater_heap_mark();
    if (!theater_store_get(store, ref, 0, &err)) return fail("get", err);
    theater_heap_release(mark); /* the bytes */
  }
  return theater_return_keep(state);
}

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  theater_string_t store = store_of(state);
  theater_string_t args = msg;
  theater_string_t name = word(&args);
  if (!store.len) return theater_return_err("store-writer has no store in its state");
  if (theater_eq(name, "step")) return step(state, store, args);
  if (theater_eq(name, "hammer")) return hammer(state, store, args);
  if (theater_eq(name, "bench-store")) return bench_store(state, store, args);
  if (theater_eq(name, "bench-get")) return bench_get(state, store, args);
  return theater_return_err("store-writer: unknown command");
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
