/*
 * store-probe -- every theater:simple/store function, driven by messages. Each
 * handle-send message is a command whose fields are separated by the byte 0x1f
 * (ASCII unit separator, so that labels may hold spaces, slashes, newlines or
 * NUL); each command logs one line "<function> ok ..." or "<function> err
 * <message>". Contract: test-actors/README.md, "store-probe".
 */
#include "theater.h"

#define SEP 0x1f

/* The fields of a command: up to 4 after the name. */
typedef struct {
  theater_string_t f[5];
  uint32_t n;
} fields_t;

static fields_t split_fields(theater_bytes_t msg) {
  fields_t r;
  r.n = 0;
  theater_string_t rest = msg;
  while (r.n < 5) {
    theater_string_t head;
    bool more = theater_split(rest, SEP, &head, &rest);
    r.f[r.n++] = head;
    if (!more) break;
  }
  return r;
}

static void log2(const char *a, theater_string_t b) { theater_log_with(a, b); }

static void log_err(const char *fn, theater_string_t err) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, fn);
  theater_buf_cstr(&l, " err ");
  theater_buf_str(&l, err);
  theater_log_str(theater_buf_string(&l));
}

/* "<fn> ok <value>" */
static void log_ok(const char *fn, theater_string_t value) {
  theater_buf_t l;
  theater_buf_init(&l);
  theater_buf_cstr(&l, fn);
  theater_buf_cstr(&l, " ok");
  if (value.len) {
    theater_buf_byte(&l, ' ');
    theater_buf_str(&l, value);
  }
  theater_log_str(theater_buf_string(&l));
}

/* n bytes of the pattern byte k = (k * 7 + seed) & 0xff (large contents without large messages). */
static theater_bytes_t pattern(uint32_t n, uint32_t seed) {
  uint8_t *p = (uint8_t *)theater_alloc(n ? n : 1, 1);
  for (uint32_t k = 0; k < n; k++) p[k] = (uint8_t)(k * 7u + seed);
  return theater_bytes_of(p, n);
}

static void command(fields_t c) {
  theater_string_t err = {0, 0};
  theater_string_t name = c.f[0];
  theater_string_t id = c.n > 1 ? c.f[1] : theater_str("");
  theater_store_content_ref_t ref;
  if (theater_eq(name, "new")) {
    theater_string_t sid;
    if (theater_store_new(&sid, &err)) log_ok("new", sid); else log_err("new", err);
  } else if (theater_eq(name, "store") && c.n == 3) {
    if (theater_store_store(id, c.f[2], &ref, &err)) log_ok("store", ref.hash); else log_err("store", err);
  } else if (theater_eq(name, "store-pattern") && c.n == 4) {
    theater_bytes_t bytes = pattern(theater_parse_u32(c.f[2]), theater_parse_u32(c.f[3]));
    if (theater_store_store(id, bytes, &ref, &err)) log_ok("store", ref.hash); else log_err("store", err);
  } else if (theater_eq(name, "get") && c.n == 3) {
    theater_bytes_t bytes;
    if (theater_store_get(id, theater_store_ref(c.f[2]), &bytes, &err)) log_ok("get", bytes); else log_err("get", err);
  } else if (theater_eq(name, "get-pattern") && c.n == 5) {
    /* checks the bytes against pattern(n, seed) inside the guest: "get ok <n> bytes match" */
    theater_bytes_t bytes;
    if (!theater_store_get(id, theater_store_ref(c.f[2]), &bytes, &err)) {
      log_err("get", err);
      return;
    }
    theater_bytes_t want = pattern(theater_parse_u32(c.f[3]), theater_parse_u32(c.f[4]));
    theater_buf_t l;
    theater_buf_init(&l);
    theater_buf_u32(&l, bytes.len);
    theater_buf_cstr(&l, theater_eq_str(bytes, want) ? " bytes match" : " bytes differ");
    log_ok("get", theater_buf_string(&l));
  } else if (theater_eq(name, "exists") && c.n == 3) {
    bool e;
    if (theater_store_exists(id, theater_store_ref(c.f[2]), &e, &err)) log_ok("exists", theater_str(e ? "true" : "false"));
    else log_err("exists", err);
  } else if (theater_eq(name, "label") && c.n == 4) {
    if (theater_store_label(id, c.f[2], theater_store_ref(c.f[3]), &err)) log_ok("label", theater_str(""));
    else log_err("label", err);
  } else if (theater_eq(name, "get-by-label") && c.n == 3) {
    theater_store_option_content_ref_t o;
    if (theater_store_get_by_label(id, c.f[2], &o, &err)) log_ok("get-by-label", o.is_some ? o.value.hash : theater_str("none"));
    else log_err("get-by-label", err);
  } else if (theater_eq(name, "remove-label") && c.n == 3) {
    if (theater_store_remove_label(id, c.f[2], &err)) log_ok("remove-label", theater_str(""));
    else log_err("remove-label", err);
  } else if (theater_eq(name, "remove-from-label") && c.n == 4) {
    if (theater_store_remove_from_label(id, c.f[2], theater_store_ref(c.f[3]), &err)) log_ok("remove-from-label", theater_str(""));
    else log_err("remove-from-label", err);
  } else if (theater_eq(name, "store-at-label") && c.n == 4) {
    if (theater_store_store_at_label(id, c.f[2], c.f[3], &ref, &err)) log_ok("store-at-label", ref.hash);
    else log_err("store-at-label", err);
  } else if (theater_eq(name, "replace-content-at-label") && c.n == 4) {
    if (theater_store_replace_content_at_label(id, c.f[2], c.f[3], &ref, &err)) log_ok("replace-content-at-label", ref.hash);
    else log_err("replace-content-at-label", err);
  } else if (theater_eq(name, "replace-at-label") && c.n == 4) {
    if (theater_store_replace_at_label(id, c.f[2], theater_store_ref(c.f[3]), &err)) log_ok("replace-at-label", theater_str(""));
    else log_err("replace-at-label", err);
  } else if (theater_eq(name, "list-labels") && c.n == 2) {
    theater_string_list_t l;
    if (!theater_store_list_labels(id, &l, &err)) {
      log_err("list-labels", err);
      return;
    }
    theater_buf_t b;
    theater_buf_init(&b);
    theater_buf_u32(&b, l.len);
    log_ok("list-labels", theater_buf_string(&b));
    for (uint32_t i = 0; i < l.len; i++) log2("  ", l.ptr[i]);
  } else if (theater_eq(name, "list-all-content") && c.n == 2) {
    theater_store_content_ref_list_t l;
    if (!theater_store_list_all_content(id, &l, &err)) {
      log_err("list-all-content", err);
      return;
    }
    theater_buf_t b;
    theater_buf_init(&b);
    theater_buf_u32(&b, l.len);
    log_ok("list-all-content", theater_buf_string(&b));
    for (uint32_t i = 0; i < l.len; i++) log2("  ", l.ptr[i].hash);
  } else if (theater_eq(name, "calculate-total-size") && c.n == 2) {
    uint64_t n;
    if (!theater_store_calculate_total_size(id, &n, &err)) {
      log_err("calculate-total-size", err);
      return;
    }
    theater_buf_t b;
    theater_buf_init(&b);
    theater_buf_u64(&b, n);
    log_ok("calculate-total-size", theater_buf_string(&b));
  } else if (theater_eq(name, "share") && c.n == 3) {
    /* share<US><actor><US><store-id>: sends that actor "list-labels<US><store-id>" */
    theater_buf_t m;
    theater_buf_init(&m);
    theater_buf_cstr(&m, "list-labels");
    theater_buf_byte(&m, SEP);
    theater_buf_str(&m, c.f[2]);
    if (theater_message_server_host_send(id, theater_buf_bytes(&m), &err)) log_ok("share", theater_str(""));
    else log_err("share", err);
  } else {
    log2("unknown command ", name);
  }
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  log2("store-probe ", actor_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  command(split_fields(msg));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
