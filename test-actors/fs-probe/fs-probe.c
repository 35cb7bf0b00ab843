/*
 * fs-probe -- every theater:simple/filesystem function, driven by messages.
 * Each handle-send message is a command whose fields are separated by the byte
 * 0x1f (so that paths may hold spaces, slashes, newlines or NUL); each command
 * logs "<function> ok ..." or "<function> err <message>" (list-files and
 * execute-command add lines). Contract: test-actors/README.md, "fs-probe".
 */
#include "theater.h"

#define SEP 0x1f
#define MAX_FIELDS 16

typedef struct {
  theater_string_t f[MAX_FIELDS];
  uint32_t n;
} fields_t;

static fields_t split_fields(theater_bytes_t msg) {
  fields_t r;
  r.n = 0;
  theater_string_t rest = msg;
  while (r.n < MAX_FIELDS) {
    theater_string_t head;
    bool more = theater_split(rest, SEP, &head, &rest);
    r.f[r.n++] = head;
    if (!more) break;
  }
  return r;
}

static void log_err(const char *fn, theater_string_t err) { theater_logf("%z err %s", fn, err); }

static void log_ok(const char *fn, theater_string_t value) {
  if (value.len) theater_logf("%z ok %s", fn, value);
  else theater_logf("%z ok", fn);
}

/* n bytes of 'a'..'z' repeated, starting at letter `seed` (large contents without large messages). */
static theater_string_t pattern(uint32_t n, uint32_t seed) {
  uint8_t *p = (uint8_t *)theater_alloc(n ? n : 1, 1);
  for (uint32_t k = 0; k < n; k++) p[k] = (uint8_t)('a' + (k + seed) % 26u);
  return theater_string_of(p, n);
}

static void exec_command(fields_t c) {
  theater_string_t err;
  theater_string_list_t args;
  args.ptr = &c.f[3];
  args.len = c.n - 3;
  theater_command_result_t r;
  if (!theater_filesystem_execute_command(c.f[1], c.f[2], args, &r, &err)) {
    log_err("execute-command", err);
    return;
  }
  if (r.tag == THEATER_COMMAND_SUCCESS) {
    theater_logf("execute-command ok exit %d", r.success.exit_code);
    theater_log_with("stdout ", r.success.stdout_text);
    theater_log_with("stderr ", r.success.stderr_text);
  } else {
    theater_log_with("execute-command ok error ", r.error.message);
  }
}

/* bench-read<US>path<US>n and bench-write<US>path<US>size<US>n: n calls in one export call, the arena
 * released after each, so the measure is the host call; logs "<fn> ok <n> <total bytes>" or the first err. */
static void bench(fields_t c, bool write) {
  uint32_t n = theater_parse_u32(c.f[write ? 3 : 2]);
  theater_string_t content = write ? pattern(theater_parse_u32(c.f[2]), 0) : theater_str("");
  theater_string_t err;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t mark = theater_heap_mark();
    theater_bytes_t got;
    bool ok = write ? theater_filesystem_write_file(c.f[1], content, &err) : theater_filesystem_read_file(c.f[1], &got, &err);
    if (!ok) {
      log_err(write ? "bench-write" : "bench-read", theater_copy(err));
      return;
    }
    total += write ? content.len : got.len;
    theater_heap_release(mark);
  }
  theater_logf("%z ok %u %U", write ? "bench-write" : "bench-read", n, total);
}

static void command(fields_t c) {
  theater_string_t err = {0, 0};
  theater_string_t name = c.f[0];
  theater_string_t path = c.n > 1 ? c.f[1] : theater_str("");
  if (theater_eq(name, "read") && c.n == 2) {
    theater_bytes_t bytes;
    if (theater_filesystem_read_file(path, &bytes, &err)) log_ok("read-file", bytes); else log_err("read-file", err);
  } else if (theater_eq(name, "read-size") && c.n == 2) {
    /* only the length, and whether it is pattern(n, 0): "read-file ok <n> bytes, pattern yes|no" */
    theater_bytes_t bytes;
    if (!theater_filesystem_read_file(path, &bytes, &err)) {
      log_err("read-file", err);
      return;
    }
    bool same = theater_eq_str(bytes, pattern(bytes.len, 0));
    theater_logf("read-file ok %u bytes, pattern %z", bytes.len, same ? "yes" : "no");
  } else if (theater_eq(name, "write") && c.n == 3) {
    if (theater_filesystem_write_file(path, c.f[2], &err)) log_ok("write-file", theater_str("")); else log_err("write-file", err);
  } else if (theater_eq(name, "write-pattern") && c.n == 3) {
    if (theater_filesystem_write_file(path, pattern(theater_parse_u32(c.f[2]), 0), &err)) log_ok("write-file", theater_str(""));
    else log_err("write-file", err);
  } else if (theater_eq(name, "list") && c.n == 2) {
    theater_string_list_t l;
    if (!theater_filesystem_list_files(path, &l, &err)) {
      log_err("list-files", err);
      return;
    }
    theater_logf("list-files ok %u", l.len);
    for (uint32_t i = 0; i < l.len; i++) theater_log_with("  ", l.ptr[i]);
  } else if (theater_eq(name, "delete-file") && c.n == 2) {
    if (theater_filesystem_delete_file(path, &err)) log_ok("delete-file", theater_str("")); else log_err("delete-file", err);
  } else if (theater_eq(name, "create-dir") && c.n == 2) {
    if (theater_filesystem_create_dir(path, &err)) log_ok("create-dir", theater_str("")); else log_err("create-dir", err);
  } else if (theater_eq(name, "delete-dir") && c.n == 2) {
    if (theater_filesystem_delete_dir(path, &err)) log_ok("delete-dir", theater_str("")); else log_err("delete-dir", err);
  } else if (theater_eq(name, "exists") && c.n == 2) {
    bool e;
    if (theater_filesystem_path_exists(path, &e, &err)) log_ok("path-exists", theater_str(e ? "true" : "false"));
    else log_err("path-exists", err);
  } else if (theater_eq(name, "exec") && c.n >= 3) {
    exec_command(c);
  } else if (theater_eq(name, "bench-read") && c.n == 3) {
    bench(c, false);
  } else if (theater_eq(name, "bench-write") && c.n == 4) {
    bench(c, true);
  } else {
    theater_log_with("unknown command ", name);
  }
}

static theater_result_t init(theater_state_t state, theater_string_t actor_id) {
  theater_log_with("fs-probe ", actor_id);
  return theater_return_keep(state);
}
THEATER_EXPORT_ACTOR_INIT(init)

static theater_result_t handle_send(theater_state_t state, theater_bytes_t msg) {
  command(split_fields(msg));
  return theater_return_keep(state);
}
THEATER_EXPORT_HANDLE_SEND(handle_send)
