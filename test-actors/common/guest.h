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
 *   - the "per-call arena" policy (GUEST_ARENA): see README.md, "Memory policy".
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

#endif
