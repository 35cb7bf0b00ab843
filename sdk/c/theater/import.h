/*
 * theater/import.h -- the machinery behind every typed import helper.
 *
 * An import whose result does not fit one flat value takes a `retptr`: a return
 * area in guest memory that the host writes. The SDK has one static area
 * (imports never nest: a guest is not re-entered while it waits for the host).
 * theater_import_area(size) poisons it with 0xFF before each call, so a
 * discriminant the host did not write reads as 0xFF and traps, as does any
 * discriminant outside its type. Helpers copy the (ptr, len) values out before
 * the next import reuses the area; the bytes they point at are the host's
 * cabi_realloc allocations on the per-call arena, valid until the export returns.
 */
#ifndef THEATER_IMPORT_H
#define THEATER_IMPORT_H

#include "theater/types.h"

#define THEATER_IMPORT_AREA_BYTES 64
static uint64_t theater_import_area_[THEATER_IMPORT_AREA_BYTES / 8];

/* The return area for one import call, its first `size` bytes set to 0xFF. */
static void *theater_import_area(uint32_t size) {
  if (size > THEATER_IMPORT_AREA_BYTES) THEATER_TRAP();
  memset(theater_import_area_, 0xff, size);
  return theater_import_area_;
}

/* Readers of what the host wrote at byte offset `off` of the area. */
static inline uint8_t theater_import_u8(uint32_t off) { return ((const uint8_t *)theater_import_area_)[off]; }
static inline uint16_t theater_import_u16(uint32_t off) { return *(const uint16_t *)((const uint8_t *)theater_import_area_ + off); }
static inline uint32_t theater_import_u32(uint32_t off) { return *(const uint32_t *)((const uint8_t *)theater_import_area_ + off); }
static inline uint64_t theater_import_u64(uint32_t off) { return *(const uint64_t *)((const uint8_t *)theater_import_area_ + off); }

/* A discriminant (one byte: every theater:simple variant has < 256 cases); traps if >= cases. */
static inline uint8_t theater_import_disc(uint32_t off, uint32_t cases) {
  uint8_t d = theater_import_u8(off);
  if (d >= cases) THEATER_TRAP();
  return d;
}
/* A bool byte: 0 or 1, else trap. */
static inline bool theater_import_bool(uint32_t off) { return theater_import_disc(off, 2) == 1; }

/* A string or list<u8> (ptr @off, len @off+4). */
static inline theater_bytes_t theater_import_slice(uint32_t off) {
  return theater_bytes_of(THEATER_PTR(theater_import_u32(off)), theater_import_u32(off + 4));
}

/* option<list<u8>> / option<string> at off: disc @off, (ptr, len) @off+4. */
static theater_option_bytes_t theater_import_option_bytes(uint32_t off) {
  if (!theater_import_disc(off, 2)) return theater_none();
  return theater_some(theater_import_slice(off + 4));
}

/* result<T, string> at offset 0: the discriminant, checked. On err fills *err
 * (if non-NULL) with the string at payload_off and returns false; on ok returns
 * true and the caller reads T at payload_off (4, or 8 for a T aligned to 8). */
static bool theater_import_result(uint32_t payload_off, theater_string_t *err) {
  if (theater_import_disc(0, 2) == 0) return true;
  if (err) *err = theater_import_slice(payload_off);
  return false;
}

/* Checks a list the host returned: `ptr` aligned to the element's alignment and
 * len elements of `size` bytes inside memory, else trap. Returns ptr. */
static const void *theater_check_list(uint32_t ptr, uint32_t len, uint32_t size, uint32_t align) {
  if (ptr & (align - 1)) THEATER_TRAP();
  uint64_t end = (uint64_t)ptr + (uint64_t)len * size;
  if (end > (uint64_t)__builtin_wasm_memory_size(0) * 65536u) THEATER_TRAP();
  return THEATER_PTR(ptr);
}

/* A list<string> (ptr, len) at off, read in place. */
static theater_string_list_t theater_import_string_list(uint32_t off) {
  theater_string_list_t l;
  l.len = theater_import_u32(off + 4);
  l.ptr = (const theater_string_t *)theater_check_list(theater_import_u32(off), l.len, 8, 4);
  return l;
}

/* A discriminant byte inside a host-written record at p (for lists read in place). */
static inline void theater_check_disc(const void *p, uint32_t cases) {
  if (*(const uint8_t *)p >= cases) THEATER_TRAP();
}

#endif
