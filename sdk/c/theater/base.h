/*
 * theater/base.h -- the freestanding floor of the Theater C guest SDK.
 *
 * Included (through theater.h or directly) by exactly ONE .c file per guest: it
 * defines, not just declares. Gives:
 *   - THEATER_EXPORT(name) / THEATER_IMPORT(module, name): core export/import names;
 *   - memcpy / memmove / memset / memcmp / strlen (clang may emit calls to the
 *     first four; a guest imports nothing from "env");
 *   - theater_alloc(size, align): a bump allocator over linear memory from
 *     __heap_base, growing memory with memory.grow (traps if it cannot);
 *   - the exported cabi_realloc(old_ptr, old_size, align, new_size);
 *   - the per-call arena: theater_call_begin() at every export's entry,
 *     theater_call_end() when the export is finished (in its cabi_post_*, or at
 *     its return when it has none); the heap is reset before the next call;
 *   - THEATER_SDK_VERSION.
 * Everything is static except cabi_realloc and the libc functions.
 * Build: see sdk/c/README.md (clang --target=wasm32 -ffreestanding -nostdlib -I sdk/c).
 */
#ifndef THEATER_BASE_H
#define THEATER_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The SDK's version: always the version of the theater:simple WIT package it
 * binds (sdk/c/README.md, "Versions"; a Java test checks they agree). */
#define THEATER_SDK_VERSION "0.1.0"

#define THEATER_EXPORT(name) __attribute__((export_name(name)))
#define THEATER_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* A guest bug or a value the canonical ABI forbids: trap (`unreachable`). */
#define THEATER_TRAP() __builtin_trap()

#define THEATER_PTR(addr) ((void *)(uintptr_t)(addr))
#define THEATER_ADDR(ptr) ((uint32_t)(uintptr_t)(ptr))

/* ---- libc, as clang expects it (not static: the compiler may call them) ---- */

void *memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else if (d > s) {
    d += n;
    s += n;
    while (n--) *--d = *--s;
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  uint8_t *d = (uint8_t *)dst;
  while (n--) *d++ = (uint8_t)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
  for (; n; n--, x++, y++)
    if (*x != *y) return (int)*x - (int)*y;
  return 0;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

/* ---- bump allocator ------------------------------------------------------- */

extern uint8_t __heap_base;
static uint32_t theater_heap_next_; /* 0 = not yet initialised */

static inline uint32_t theater_heap_start_(void) { return THEATER_ADDR(&__heap_base); }

/* Frees everything allocated so far: the heap starts again at __heap_base. */
static void theater_heap_reset(void) { theater_heap_next_ = theater_heap_start_(); }

/* The heap's current end; theater_heap_release(mark) frees everything allocated
 * after it (scratch that must not outlive a loop iteration or a helper). */
static uint32_t theater_heap_mark(void) {
  if (theater_heap_next_ == 0) theater_heap_next_ = theater_heap_start_();
  return theater_heap_next_;
}
static void theater_heap_release(uint32_t mark) { theater_heap_next_ = mark; }

/* size bytes aligned to align (a power of two; else trap). Never returns 0, and
 * the bytes are NOT zeroed (memory is reused after a reset). Successive
 * theater_alloc(n, 1) calls are contiguous. Traps if memory cannot grow. */
static void *theater_alloc(uint32_t size, uint32_t align) {
  if (theater_heap_next_ == 0) theater_heap_next_ = theater_heap_start_();
  if (align == 0 || (align & (align - 1)) != 0) THEATER_TRAP();
  uint32_t p = (theater_heap_next_ + align - 1) & ~(align - 1);
  uint32_t end = p + size;
  if (end < p) THEATER_TRAP(); /* wrapped past 4 GiB */
  uint32_t have = (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    uint32_t need = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, need) == (size_t)-1) THEATER_TRAP();
  }
  theater_heap_next_ = end;
  return THEATER_PTR(p);
}

/* ---- the per-call arena --------------------------------------------------- */

/* Set when an export has finished. The next cabi_realloc (the host lowering the
 * next call's arguments) or the next export entry resets the heap first, so
 * nothing lives in linear memory across calls and memory stays at what one call
 * needs. Guests that never call theater_call_end (e.g. a raw-ABI guest keeping
 * data across calls) never see a reset. */
static bool theater_call_done_;

static inline void theater_call_begin(void) {
  if (theater_call_done_) {
    theater_call_done_ = false;
    theater_heap_reset();
  }
}
static inline void theater_call_end(void) { theater_call_done_ = true; }

THEATER_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, uint32_t old_size, uint32_t align, uint32_t new_size) {
  if (theater_call_done_) {
    theater_call_done_ = false;
    theater_heap_reset();
    old_ptr = 0; /* anything from the previous call is gone */
    old_size = 0;
  }
  if (old_ptr && new_size <= old_size) return old_ptr;
  void *p = theater_alloc(new_size, align);
  if (old_ptr && old_size) memcpy(p, old_ptr, old_size);
  return p;
}

#endif
