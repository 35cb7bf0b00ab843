/*
 * guest.h -- shared freestanding support for the Theater test guests.
 *
 * Included by exactly one .c file per guest (everything here is defined, not
 * just declared). Provides:
 *   - memcpy / memmove / memset / memcmp / strlen (clang may emit calls to the
 *     first three; the guests import nothing from "env");
 *   - a bump allocator over linear memory starting at __heap_base, growing the
 *     memory with memory.grow when it runs past the end (traps if grow fails);
 *   - cabi_realloc(old_ptr, old_size, align, new_size) -> ptr (exported);
 *   - the "per-call arena" policy (GUEST_ARENA): see README.md, "Memory policy";
 *   - opt-in message-server helpers (GUEST_MS): text buffers, JSON strings,
 *     static return areas, the runtime.log import; see README.md,
 *     "Message-server guests". Guests without GUEST_MS see none of it.
 *
 * Build flags (test-actors/build.sh): -O2 -ffreestanding -fno-builtin -nostdlib.
 */
#ifndef THEATER_GUEST_H
#define THEATER_GUEST_H

typedef unsigned char u8;
typedef signed char s8;
typedef unsigned short u16;
typedef short s16;
typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned long usize;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))

void *memcpy(void *dst, const void *src, usize n) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, usize n) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else if (d > s) {
    d += n;
    s += n;
    while (n--) *--d = *--s;
  }
  return dst;
}

void *memset(void *dst, int c, usize n) {
  u8 *d = (u8 *)dst;
  while (n--) *d++ = (u8)c;
  return dst;
}

int memcmp(const void *a, const void *b, usize n) {
  const u8 *x = (const u8 *)a, *y = (const u8 *)b;
  for (; n; n--, x++, y++)
    if (*x != *y) return (int)*x - (int)*y;
  return 0;
}

usize strlen(const char *s) {
  usize n = 0;
  while (s[n]) n++;
  return n;
}

/* ---- bump allocator ---------------------------------------------------- */

extern u8 __heap_base;
static u32 g_heap_next; /* 0 = not yet initialised */

static inline u32 heap_start(void) { return (u32)(usize)&__heap_base; }

static void heap_reset(void) { g_heap_next = heap_start(); }

/* Allocate n bytes aligned to align (a power of two, >= 1). Never returns 0.
 * The returned bytes are NOT zeroed (memory may be reused after a reset). */
static void *heap_alloc(u32 n, u32 align) {
  if (g_heap_next == 0) g_heap_next = heap_start();
  if (align == 0 || (align & (align - 1)) != 0) __builtin_trap();
  u32 p = (g_heap_next + align - 1) & ~(align - 1);
  u32 end = p + n;
  if (end < p) __builtin_trap(); /* wrapped past 4 GiB */
  u32 have = (u32)__builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    u32 need = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, need) == (usize)-1) __builtin_trap();
  }
  g_heap_next = end;
  return (void *)(usize)p;
}

#ifdef GUEST_ARENA
/* Per-call arena: set to 1 when an export has finished (at return for exports
 * without a cabi_post_*, in cabi_post_* otherwise). The next cabi_realloc
 * (i.e. the host starting to lower the arguments of the next call) first
 * resets the heap to __heap_base. Nothing lives in linear memory across
 * calls, so every call starts from an empty heap and memory never grows
 * beyond what one call needs. */
static int g_call_done;
/* At export entry: if the previous export finished and the host has not
 * called cabi_realloc since (e.g. all arguments were scalars or empty), the
 * previous call's arena is dead too: reset it. */
static inline void CALL_BEGIN(void) {
  if (g_call_done) { g_call_done = 0; heap_reset(); }
}
static inline void CALL_END(void) { g_call_done = 1; }
#endif

EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size) {
#ifdef GUEST_ARENA
  if (g_call_done) {
    g_call_done = 0;
    heap_reset();
    old_ptr = 0; /* anything from the previous call is gone */
    old_size = 0;
  }
#endif
  if (old_ptr && new_size <= old_size) return old_ptr;
  void *p = heap_alloc(new_size, align);
  if (old_ptr && old_size) memcpy(p, old_ptr, old_size);
  return p;
}

#ifdef GUEST_MS
/* ---- message-server helpers (opt-in: define GUEST_MS before including) ----
 * Used by the ms-* guests and examples/ping-pong (README.md, "Message-server
 * guests"). Everything is allocated on the bump heap (per-call arena). */

/* A growable byte buffer on the heap. */
typedef struct { u8 *p; u32 n, cap; } buf_t;

static void buf_init(buf_t *b) { b->cap = 32; b->p = (u8 *)heap_alloc(b->cap, 1); b->n = 0; }

static void buf_put(buf_t *b, const void *s, u32 n) {
  if (b->n + n > b->cap) {
    u32 c = b->cap * 2;
    if (c < b->n + n) c = b->n + n;
    u8 *q = (u8 *)heap_alloc(c, 1);
    memcpy(q, b->p, b->n);
    b->p = q;
    b->cap = c;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void buf_cstr(buf_t *b, const char *s) { buf_put(b, s, (u32)strlen(s)); }

static void buf_u32(buf_t *b, u32 v) {
  u8 d[10];
  u32 k = 0;
  do { d[k++] = (u8)('0' + v % 10); v /= 10; } while (v);
  while (k) { u8 c = d[--k]; buf_put(b, &c, 1); }
}

/* Appends s as the body of a JSON string: '"' and '\\' backslash-escaped,
 * bytes < 0x20 as \u00xx (lower-case hex), every other byte verbatim. */
static void buf_json_str(buf_t *b, const u8 *s, u32 n) {
  static const char hex[] = "0123456789abcdef";
  for (u32 i = 0; i < n; i++) {
    u8 c = s[i];
    if (c == '"' || c == '\\') { u8 e[2] = {'\\', c}; buf_put(b, e, 2); }
    else if (c < 0x20) { u8 e[6] = {'\\', 'u', '0', '0', (u8)hex[c >> 4], (u8)hex[c & 15]}; buf_put(b, e, 6); }
    else buf_put(b, &c, 1);
  }
}

/* Text helpers over (ptr, len). */
static int bytes_eq(const u8 *p, u32 n, const char *s) {
  u32 k = (u32)strlen(s);
  return n == k && memcmp(p, s, k) == 0;
}
static int has_prefix(const u8 *p, u32 n, const char *pre) {
  u32 k = (u32)strlen(pre);
  return n >= k && memcmp(p, pre, k) == 0;
}
/* Index just past the first occurrence of needle, or (u32)-1. */
static u32 find_after(const u8 *p, u32 n, const char *needle) {
  u32 k = (u32)strlen(needle);
  for (u32 i = 0; i + k <= n; i++)
    if (memcmp(p + i, needle, k) == 0) return i + k;
  return (u32)-1;
}
/* Index of the first space at or after `from`, or n. */
static u32 find_space(const u8 *p, u32 n, u32 from) {
  while (from < n && p[from] != ' ') from++;
  return from;
}

/* The decimal u32 right after `key` (e.g. "\"count\":"); 0 if absent. */
static u32 json_get_u32(const u8 *p, u32 n, const char *key) {
  u32 i = find_after(p, n, key), v = 0;
  if (i == (u32)-1) return 0;
  while (i < n && p[i] >= '0' && p[i] <= '9') v = v * 10 + (u32)(p[i++] - '0');
  return v;
}
static u32 hexval(u8 c) {
  if (c >= '0' && c <= '9') return (u32)(c - '0');
  if (c >= 'a' && c <= 'f') return (u32)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (u32)(c - 'A' + 10);
  return 0;
}
/* The string value right after `key` (e.g. "\"pending\":\""), unescaped into a
 * new heap buffer (\" \\ \/ and \u00XX; other escapes keep the escaped byte).
 * Returns 1 and sets *out and *out_n if found, else 0. */
static int json_get_str(const u8 *p, u32 n, const char *key, u8 **out, u32 *out_n) {
  u32 i = find_after(p, n, key);
  if (i == (u32)-1) return 0;
  u8 *o = (u8 *)heap_alloc(n - i + 1, 1);
  u32 k = 0;
  while (i < n && p[i] != '"') {
    u8 c = p[i++];
    if (c == '\\' && i < n) {
      c = p[i++];
      if (c == 'u' && i + 4 <= n) { c = (u8)((hexval(p[i + 2]) << 4) | hexval(p[i + 3])); i += 4; }
    }
    o[k++] = c;
  }
  *out = o;
  *out_n = k;
  return 1;
}

/* Static return area of the exports, large enough for every
 * message-server-client result (32 bytes, align 4); unused bytes are 0. */
static u32 g_ms_ret[8] __attribute__((aligned(8)));

/* ok((state)) : result<tuple<option<json>>, string> (16 bytes). */
static u32 ms_ret_state(u32 disc, const u8 *p, u32 n) {
  memset(g_ms_ret, 0, sizeof g_ms_ret);
  g_ms_ret[1] = disc ? 1 : 0;
  g_ms_ret[2] = disc ? (u32)(usize)p : 0;
  g_ms_ret[3] = disc ? n : 0;
  return (u32)(usize)g_ms_ret;
}
/* ok((state, (response))) : result<tuple<option<json>, tuple<option<json>>>, string> (28 bytes). */
static u32 ms_ret_state_response(u32 disc, const u8 *p, u32 n, u32 rdisc, const u8 *rp, u32 rn) {
  ms_ret_state(disc, p, n);
  g_ms_ret[4] = rdisc ? 1 : 0;
  g_ms_ret[5] = rdisc ? (u32)(usize)rp : 0;
  g_ms_ret[6] = rdisc ? rn : 0;
  return (u32)(usize)g_ms_ret;
}
/* ok((state, (channel-accept {accepted, message}))) (32 bytes). */
static u32 ms_ret_state_accept(u32 disc, const u8 *p, u32 n, u32 accepted, u32 mdisc, const u8 *mp, u32 mn) {
  ms_ret_state(disc, p, n);
  g_ms_ret[4] = accepted ? 1 : 0;
  g_ms_ret[5] = mdisc ? 1 : 0;
  g_ms_ret[6] = mdisc ? (u32)(usize)mp : 0;
  g_ms_ret[7] = mdisc ? mn : 0;
  return (u32)(usize)g_ms_ret;
}

/* Return area of imports returning result<_|string|json, string> (12 bytes:
 * u8 discriminant @0, ptr @4, len @8). Poisoned before each call; a
 * discriminant other than 0/1 written (or left) by the host traps. */
static u32 g_ms_imp[3] __attribute__((aligned(8)));
static void *ms_imp_begin(void) {
  g_ms_imp[0] = 0xffffffffu;
  g_ms_imp[1] = 0;
  g_ms_imp[2] = 0;
  return g_ms_imp;
}
/* 1 = ok, 0 = err; *p and *n = the payload (err string, or ok string/json). */
static int ms_imp_end(const u8 **p, u32 *n) {
  u32 d = g_ms_imp[0] & 0xff;
  if (d > 1) __builtin_trap();
  *p = (const u8 *)(usize)g_ms_imp[1];
  *n = g_ms_imp[2];
  return d == 0;
}

/* theater:simple/runtime.log: func(msg: string), and a helper that logs the
 * concatenation a + bytes + c (a and c C strings, may be ""). */
IMPORT("theater:simple/runtime", "log")
void host_log(const u8 *msg, u32 len);
static void log3(const char *a, const u8 *b, u32 bn, const char *c) {
  buf_t l;
  buf_init(&l);
  buf_cstr(&l, a);
  buf_put(&l, b, bn);
  buf_cstr(&l, c);
  host_log(l.p, l.n);
}
#endif /* GUEST_MS */

#endif
