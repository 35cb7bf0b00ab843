/*
 * sup-parent -- a parent actor for the supervisor handler's tests: every supervisor function on command, and
 * every supervisor-handlers export logging what it was told. Contract: test-actors/README.md, "sup-parent".
 *
 * handle-send commands (each logs one line):
 *   spawn <manifest>            spawn(manifest, none)          "spawned <id>" / "spawn failed: <e>"
 *   spawn-init <s> <manifest>   spawn(manifest, some(s))       as spawn
 *   resume <s|-> <manifest>     resume(manifest, s or none)    "resumed <id>" / "resume failed: <e>"
 *   list                        list-children()                "children: <id>,<id>"
 *   stop <id> / restart <id>    stop-child / restart-child     "stopped <id>" / "restarted <id>" / "... failed: <e>"
 *   state <id>                  get-child-state                "state <id>: <s>" (or "none") / "state failed: <e>"
 *   events <id>                 get-child-events               "events <id>: <n> <first type> <last type> <hex of last hash>"
 *   spawn-many <n> <manifest>   n spawns in this one call       "spawned <k> of <n>" (k that succeeded), then the first error if any
 *   crash                       traps (the parent fails)
 * A manifest is the rest of the message after the command (and the state), so it may be TOML text.
 */
#define GUEST_ARENA 1
#define GUEST_MS 1
#include "guest.h"

#define SUP "theater:simple/supervisor"
IMPORT(SUP, "spawn") void sup_spawn(const u8 *m, u32 mn, u32 sd, const u8 *s, u32 sn, void *ret);
IMPORT(SUP, "resume") void sup_resume(const u8 *m, u32 mn, u32 sd, const u8 *s, u32 sn, void *ret);
IMPORT(SUP, "list-children") void sup_list(void *ret);
IMPORT(SUP, "stop-child") void sup_stop(const u8 *id, u32 n, void *ret);
IMPORT(SUP, "restart-child") void sup_restart(const u8 *id, u32 n, void *ret);
IMPORT(SUP, "get-child-state") void sup_state(const u8 *id, u32 n, void *ret);
IMPORT(SUP, "get-child-events") void sup_events(const u8 *id, u32 n, void *ret);

static const u8 EMPTY[] = "{}";
static u32 g_ret16[4] __attribute__((aligned(8)));

/* ok: "<ok> <payload>", err: "<failed> failed: <e>" for a result<string, string> in g_ms_imp. */
static void log_result(const char *ok, const char *what) {
  const u8 *p;
  u32 n;
  if (ms_imp_end(&p, &n)) log3(ok, p, n, "");
  else { buf_t l; buf_init(&l); buf_cstr(&l, what); buf_cstr(&l, " failed: "); buf_put(&l, p, n); host_log(l.p, l.n); }
}

/* result<_, string>: on ok logs "<done> <id>". */
static void log_unit(const char *done, const char *what, const u8 *id, u32 idn) {
  const u8 *p;
  u32 n;
  if (ms_imp_end(&p, &n)) { buf_t l; buf_init(&l); buf_cstr(&l, done); buf_cstr(&l, " "); buf_put(&l, id, idn); host_log(l.p, l.n); }
  else { buf_t l; buf_init(&l); buf_cstr(&l, what); buf_cstr(&l, " failed: "); buf_put(&l, p, n); host_log(l.p, l.n); }
}

static void hex(buf_t *b, const u8 *p, u32 n) {
  static const char digits[] = "0123456789abcdef";
  for (u32 i = 0; i < n; i++) { u8 h[2] = {(u8)digits[p[i] >> 4], (u8)digits[p[i] & 15]}; buf_put(b, h, 2); }
}

static void events(const u8 *id, u32 idn) {
  sup_events(id, idn, ms_imp_begin());
  const u8 *p;
  u32 n;
  if (!ms_imp_end(&p, &n)) { log3("events failed: ", p, n, ""); return; }
  /* ok: list<chain-event> at (p, n): 64-byte records; hash @0, event-type @20 */
  const u8 *ev = p;
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "events ");
  buf_put(&l, id, idn);
  buf_cstr(&l, ": ");
  buf_u32(&l, n);
  if (n > 0) {
    const u32 *first = (const u32 *)(usize)ev, *last = (const u32 *)(usize)(ev + (n - 1) * 64);
    buf_cstr(&l, " ");
    buf_put(&l, (const u8 *)(usize)first[5], first[6]);
    buf_cstr(&l, " ");
    buf_put(&l, (const u8 *)(usize)last[5], last[6]);
    buf_cstr(&l, " ");
    hex(&l, (const u8 *)(usize)last[0], last[1]);
  }
  host_log(l.p, l.n);
}

static void state(const u8 *id, u32 idn) {
  memset(g_ret16, 0xff, sizeof g_ret16);
  sup_state(id, idn, g_ret16);
  u8 disc = *(u8 *)g_ret16;
  if (disc > 1) __builtin_trap();
  buf_t l;
  buf_init(&l);
  if (disc == 0) {
    u8 some = *((u8 *)g_ret16 + 4);
    buf_cstr(&l, "state ");
    buf_put(&l, id, idn);
    buf_cstr(&l, ": ");
    if (some == 1) buf_put(&l, (const u8 *)(usize)g_ret16[2], g_ret16[3]);
    else if (some == 0) buf_cstr(&l, "none");
    else __builtin_trap();
  } else {
    buf_cstr(&l, "state failed: ");
    buf_put(&l, (const u8 *)(usize)g_ret16[1], g_ret16[2]);
  }
  host_log(l.p, l.n);
}

static void list(void) {
  u32 ret[2];
  sup_list(ret);
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "children: ");
  const u32 *items = (const u32 *)(usize)ret[0];
  for (u32 i = 0; i < ret[1]; i++) {
    if (i) buf_cstr(&l, ",");
    buf_put(&l, (const u8 *)(usize)items[2 * i], items[2 * i + 1]);
  }
  host_log(l.p, l.n);
}

EXPORT("theater:simple/actor#init")
u32 init(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn) {
  (void)sd; (void)s; (void)sn; (void)id; (void)idn;
  CALL_BEGIN();
  return ms_ret_state(1, EMPTY, 2);
}
EXPORT("cabi_post_theater:simple/actor#init")
void init_post(u32 r) { (void)r; CALL_END(); }

EXPORT("theater:simple/message-server-client#handle-send")
u32 handle_send(u32 sd, u8 *s, u32 sn, u8 *m, u32 n) {
  CALL_BEGIN();
  u32 sp = find_space(m, n, 0);
  u32 arg = sp < n ? sp + 1 : n;
  if (bytes_eq(m, n, "crash")) __builtin_trap();
  if (has_prefix(m, n, "spawn-many ")) {
    u32 e = find_space(m, n, arg), count = 0, ok = 0;
    for (u32 i = arg; i < e; i++) count = count * 10 + (u32)(m[i] - '0');
    u32 rest = e < n ? e + 1 : n;
    const u8 *first = 0;
    u32 first_n = 0;
    for (u32 i = 0; i < count; i++) {
      sup_spawn(m + rest, n - rest, 0, 0, 0, ms_imp_begin());
      const u8 *p;
      u32 pn;
      if (ms_imp_end(&p, &pn)) ok++;
      else if (!first) { first = p; first_n = pn; }
    }
    buf_t l;
    buf_init(&l);
    buf_cstr(&l, "spawned ");
    buf_u32(&l, ok);
    buf_cstr(&l, " of ");
    buf_u32(&l, count);
    if (first) { buf_cstr(&l, ": "); buf_put(&l, first, first_n); }
    host_log(l.p, l.n);
    return ms_ret_state(sd, s, sn);
  }
  if (has_prefix(m, n, "spawn ")) {
    sup_spawn(m + arg, n - arg, 0, 0, 0, ms_imp_begin());
    log_result("spawned ", "spawn");
  } else if (has_prefix(m, n, "spawn-init ") || has_prefix(m, n, "resume ")) {
    int resume = has_prefix(m, n, "resume ");
    u32 e = find_space(m, n, arg);
    u32 rest = e < n ? e + 1 : n;
    int none = e - arg == 1 && m[arg] == '-';
    if (resume) sup_resume(m + rest, n - rest, none ? 0 : 1, m + arg, e - arg, ms_imp_begin());
    else sup_spawn(m + rest, n - rest, none ? 0 : 1, m + arg, e - arg, ms_imp_begin());
    log_result(resume ? "resumed " : "spawned ", resume ? "resume" : "spawn");
  } else if (bytes_eq(m, n, "list")) {
    list();
  } else if (has_prefix(m, n, "stop ")) {
    sup_stop(m + arg, n - arg, ms_imp_begin());
    log_unit("stopped", "stop", m + arg, n - arg);
  } else if (has_prefix(m, n, "restart ")) {
    sup_restart(m + arg, n - arg, ms_imp_begin());
    log_unit("restarted", "restart", m + arg, n - arg);
  } else if (has_prefix(m, n, "state ")) {
    state(m + arg, n - arg);
  } else if (has_prefix(m, n, "events ")) {
    events(m + arg, n - arg);
  } else {
    log3("unknown command: ", m, n, "");
  }
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_theater:simple/message-server-client#handle-send")
void handle_send_post(u32 r) { (void)r; CALL_END(); }

#ifndef SUP_QUIET
/* supervisor-handlers: each logs what it was told and keeps the state. */
#define SH "theater:simple/supervisor-handlers#"

static const char *ERROR_TYPES[] = {"operation-timeout", "channel-closed", "shutting-down", "function-not-found",
                                    "type-mismatch", "internal", "serialization-error", "update-component-error",
                                    "paused"};

EXPORT(SH "handle-child-error")
u32 child_error(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn, u32 type, u32 dd, u8 *d, u32 dn) {
  CALL_BEGIN();
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "child-error ");
  buf_put(&l, id, idn);
  buf_cstr(&l, " ");
  buf_cstr(&l, type < 9 ? ERROR_TYPES[type] : "?");
  buf_cstr(&l, " ");
  if (dd) buf_put(&l, d, dn); else buf_cstr(&l, "none");
  host_log(l.p, l.n);
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_" SH "handle-child-error")
void child_error_post(u32 r) { (void)r; CALL_END(); }

EXPORT(SH "handle-child-exit")
u32 child_exit(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn, u32 dd, u8 *d, u32 dn) {
  CALL_BEGIN();
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, "child-exit ");
  buf_put(&l, id, idn);
  buf_cstr(&l, " ");
  if (dd) buf_put(&l, d, dn); else buf_cstr(&l, "none");
  host_log(l.p, l.n);
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_" SH "handle-child-exit")
void child_exit_post(u32 r) { (void)r; CALL_END(); }

EXPORT(SH "handle-child-external-stop")
u32 child_stop(u32 sd, u8 *s, u32 sn, u8 *id, u32 idn) {
  CALL_BEGIN();
  log3("child-external-stop ", id, idn, "");
  return ms_ret_state(sd, s, sn);
}
EXPORT("cabi_post_" SH "handle-child-external-stop")
void child_stop_post(u32 r) { (void)r; CALL_END(); }
#endif
