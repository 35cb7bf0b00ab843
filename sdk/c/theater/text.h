/*
 * theater/text.h -- byte strings, a growable buffer and the little JSON the
 * guests need. Everything lives on the per-call arena (theater/base.h).
 */
#ifndef THEATER_TEXT_H
#define THEATER_TEXT_H

#include <stdarg.h> /* the compiler's own: va_list is a builtin */

#include "theater/base.h"

/* A WIT string (UTF-8) or list<u8> / json: (ptr, len), not NUL-terminated. The
 * layout is the canonical ABI's (ptr @0, len @4), so a list<string> the host
 * returns is read in place as an array of theater_string_t. Both names are the
 * same struct: JSON payloads are often handled as text. */
typedef struct theater_slice {
  const uint8_t *ptr;
  uint32_t len;
} theater_string_t;
typedef theater_string_t theater_bytes_t;

static inline theater_string_t theater_string_of(const void *ptr, uint32_t len) {
  theater_string_t s = {(const uint8_t *)ptr, len};
  return s;
}
static inline theater_bytes_t theater_bytes_of(const void *ptr, uint32_t len) { return theater_string_of(ptr, len); }

/* A C string literal or NUL-terminated string as a theater_string_t (no copy). */
static inline theater_string_t theater_str(const char *s) { return theater_string_of(s, (uint32_t)strlen(s)); }

static inline bool theater_eq(theater_string_t s, const char *c) {
  uint32_t k = (uint32_t)strlen(c);
  return s.len == k && memcmp(s.ptr, c, k) == 0;
}
static inline bool theater_eq_str(theater_string_t a, theater_string_t b) {
  return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}
static inline bool theater_has_prefix(theater_string_t s, const char *prefix) {
  uint32_t k = (uint32_t)strlen(prefix);
  return s.len >= k && memcmp(s.ptr, prefix, k) == 0;
}

/* s from byte `from` to its end (empty if from >= len). */
static inline theater_string_t theater_skip(theater_string_t s, uint32_t from) {
  return from >= s.len ? theater_string_of(s.ptr + s.len, 0) : theater_string_of(s.ptr + from, s.len - from);
}

/* Splits s at the first `sep`: *head = the bytes before it (all of s if there is
 * none), *tail = the bytes after it (empty if none). Returns whether sep was
 * found. Either out-param may be NULL. */
static bool theater_split(theater_string_t s, uint8_t sep, theater_string_t *head, theater_string_t *tail) {
  uint32_t i = 0;
  while (i < s.len && s.ptr[i] != sep) i++;
  if (head) *head = theater_string_of(s.ptr, i);
  if (tail) *tail = theater_skip(s, i + 1);
  return i < s.len;
}

/* The decimal u32 made by the leading ASCII digits of s (wrapping; 0 if none). */
static uint32_t theater_parse_u32(theater_string_t s) {
  uint32_t v = 0;
  for (uint32_t i = 0; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++) v = v * 10 + (uint32_t)(s.ptr[i] - '0');
  return v;
}

/* The decimal u64 made by the leading ASCII digits of s (wrapping; 0 if none): ids are u64. */
static uint64_t theater_parse_u64(theater_string_t s) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++) v = v * 10 + (uint64_t)(s.ptr[i] - '0');
  return v;
}

/* A copy of s on the arena (1 byte allocated if empty: the pointer is fresh). */
static theater_string_t theater_copy(theater_string_t s) {
  uint8_t *p = (uint8_t *)theater_alloc(s.len ? s.len : 1, 1);
  memcpy(p, s.ptr, s.len);
  return theater_string_of(p, s.len);
}

/* ---- growable buffer -------------------------------------------------------- */

typedef struct {
  uint8_t *ptr;
  uint32_t len, cap;
} theater_buf_t;

static void theater_buf_init(theater_buf_t *b) {
  b->cap = 32;
  b->ptr = (uint8_t *)theater_alloc(b->cap, 1);
  b->len = 0;
}

__attribute__((noinline)) static void theater_buf_put(theater_buf_t *b, const void *s, uint32_t n) {
  if (b->len + n > b->cap) {
    uint32_t c = b->cap * 2;
    if (c < b->len + n) c = b->len + n;
    uint8_t *q = (uint8_t *)theater_alloc(c, 1);
    memcpy(q, b->ptr, b->len);
    b->ptr = q;
    b->cap = c;
  }
  memcpy(b->ptr + b->len, s, n);
  b->len += n;
}

static void theater_buf_cstr(theater_buf_t *b, const char *s) { theater_buf_put(b, s, (uint32_t)strlen(s)); }
static void theater_buf_str(theater_buf_t *b, theater_string_t s) { theater_buf_put(b, s.ptr, s.len); }
static void theater_buf_byte(theater_buf_t *b, uint8_t c) { theater_buf_put(b, &c, 1); }

static void theater_buf_u64(theater_buf_t *b, uint64_t v) {
  uint8_t d[20];
  uint32_t k = 0;
  do { d[k++] = (uint8_t)('0' + v % 10); v /= 10; } while (v);
  while (k) theater_buf_byte(b, d[--k]);
}
static void theater_buf_u32(theater_buf_t *b, uint32_t v) {
  uint8_t d[10];
  uint32_t k = 0;
  do { d[k++] = (uint8_t)('0' + v % 10); v /= 10; } while (v);
  while (k) theater_buf_byte(b, d[--k]);
}
/* Signed decimal ("-1", "42"). */
static void theater_buf_s64(theater_buf_t *b, int64_t v) {
  if (v < 0) {
    theater_buf_byte(b, '-');
    theater_buf_u64(b, (uint64_t)0 - (uint64_t)v);
  } else {
    theater_buf_u64(b, (uint64_t)v);
  }
}

/* Lower-case hex of every byte ("00ff..."). */
static void theater_buf_hex(theater_buf_t *b, theater_bytes_t bytes) {
  static const char digits[] = "0123456789abcdef";
  for (uint32_t i = 0; i < bytes.len; i++) {
    uint8_t h[2] = {(uint8_t)digits[bytes.ptr[i] >> 4], (uint8_t)digits[bytes.ptr[i] & 15]};
    theater_buf_put(b, h, 2);
  }
}

/* Appends s as the body of a JSON string: '"' and '\' backslash-escaped, bytes
 * < 0x20 as \u00xx (lower-case hex), every other byte verbatim. */
static void theater_buf_json_string(theater_buf_t *b, theater_string_t s) {
  static const char hex[] = "0123456789abcdef";
  for (uint32_t i = 0; i < s.len; i++) {
    uint8_t c = s.ptr[i];
    if (c == '"' || c == '\\') {
      uint8_t e[2] = {'\\', c};
      theater_buf_put(b, e, 2);
    } else if (c < 0x20) {
      uint8_t e[6] = {'\\', 'u', '0', '0', (uint8_t)hex[c >> 4], (uint8_t)hex[c & 15]};
      theater_buf_put(b, e, 6);
    } else {
      theater_buf_byte(b, c);
    }
  }
}

static inline theater_bytes_t theater_buf_bytes(const theater_buf_t *b) { return theater_bytes_of(b->ptr, b->len); }
static inline theater_string_t theater_buf_string(const theater_buf_t *b) { return theater_string_of(b->ptr, b->len); }

/* ---- formatting ----------------------------------------------------------------- */

/* Appends fmt to b with each directive replaced by the next argument:
 *   %s  a theater_string_t or theater_bytes_t, verbatim     %z  a C string (const char *)
 *   %u  a uint32_t in decimal    %d  an int32_t    %U  a uint64_t
 *   %j  a theater_string_t JSON-escaped (the body of a JSON string, as theater_buf_json_string)
 *   %x  a theater_bytes_t as lower-case hex                 %%  a '%'
 * An argument must have exactly the type its directive names (as with printf);
 * any other directive traps (a guest bug). */
__attribute__((noinline)) static void theater_buf_vformat(theater_buf_t *b, const char *fmt, va_list ap) {
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      theater_buf_byte(b, (uint8_t)*f);
      continue;
    }
    switch (*++f) {
      case 's': theater_buf_str(b, va_arg(ap, theater_string_t)); break;
      case 'z': theater_buf_cstr(b, va_arg(ap, const char *)); break;
      case 'u': theater_buf_u32(b, va_arg(ap, uint32_t)); break;
      case 'd': theater_buf_s64(b, va_arg(ap, int32_t)); break;
      case 'U': theater_buf_u64(b, va_arg(ap, uint64_t)); break;
      case 'j': theater_buf_json_string(b, va_arg(ap, theater_string_t)); break;
      case 'x': theater_buf_hex(b, va_arg(ap, theater_bytes_t)); break;
      case '%': theater_buf_byte(b, '%'); break;
      default: THEATER_TRAP();
    }
  }
}
static void theater_buf_format(theater_buf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  theater_buf_vformat(b, fmt, ap);
  va_end(ap);
}
/* A new arena string: theater_format("{\"id\":\"%j\"}", actor_id). */
static theater_string_t theater_format(const char *fmt, ...) {
  theater_buf_t b;
  theater_buf_init(&b);
  va_list ap;
  va_start(ap, fmt);
  theater_buf_vformat(&b, fmt, ap);
  va_end(ap);
  return theater_buf_string(&b);
}

/* ---- JSON: writing one flat object ------------------------------------------ */

/* Starts b as a new JSON object "{". Fields are separated by commas as they come;
 * theater_json_close adds "}" and returns the document. */
static void theater_json_object(theater_buf_t *b) {
  theater_buf_init(b);
  theater_buf_byte(b, '{');
}
static void theater_json_key_(theater_buf_t *b, const char *name) {
  if (b->len > 0 && b->ptr[b->len - 1] != '{') theater_buf_byte(b, ',');
  theater_buf_byte(b, '"');
  theater_buf_json_string(b, theater_str(name));
  theater_buf_cstr(b, "\":");
}
static void theater_json_u32_field(theater_buf_t *b, const char *name, uint32_t v) {
  theater_json_key_(b, name);
  theater_buf_u32(b, v);
}
static void theater_json_u64_field(theater_buf_t *b, const char *name, uint64_t v) {
  theater_json_key_(b, name);
  theater_buf_u64(b, v);
}
static void theater_json_string_field(theater_buf_t *b, const char *name, theater_string_t s) {
  theater_json_key_(b, name);
  theater_buf_byte(b, '"');
  theater_buf_json_string(b, s);
  theater_buf_byte(b, '"');
}
static theater_bytes_t theater_json_close(theater_buf_t *b) {
  theater_buf_byte(b, '}');
  return theater_buf_bytes(b);
}

/* ---- JSON: reading a field of a flat object ----------------------------------- */

/* Index just after the ':' of the first `"name"` key followed by ':' (blanks
 * allowed around it), or (uint32_t)-1. Not a full parser: the guests read back
 * the flat objects they wrote themselves. */
static uint32_t theater_json_find_(theater_bytes_t json, const char *name) {
  uint32_t k = (uint32_t)strlen(name);
  for (uint32_t i = 0; i + k + 2 <= json.len; i++) {
    if (json.ptr[i] != '"' || memcmp(json.ptr + i + 1, name, k) != 0 || json.ptr[i + 1 + k] != '"') continue;
    uint32_t j = i + k + 2;
    while (j < json.len && (json.ptr[j] == ' ' || json.ptr[j] == '\t' || json.ptr[j] == '\n' || json.ptr[j] == '\r')) j++;
    if (j >= json.len || json.ptr[j] != ':') continue;
    j++;
    while (j < json.len && (json.ptr[j] == ' ' || json.ptr[j] == '\t' || json.ptr[j] == '\n' || json.ptr[j] == '\r')) j++;
    return j;
  }
  return (uint32_t)-1;
}

/* The decimal u32 value of field `name` (wrapping). Returns false, leaving *out
 * alone, if the field is absent or does not start with a digit. */
static bool theater_json_get_u32(theater_bytes_t json, const char *name, uint32_t *out) {
  uint32_t i = theater_json_find_(json, name);
  if (i == (uint32_t)-1 || i >= json.len || json.ptr[i] < '0' || json.ptr[i] > '9') return false;
  *out = theater_parse_u32(theater_skip(json, i));
  return true;
}

static uint32_t theater_hexval_(uint8_t c) {
  if (c >= '0' && c <= '9') return (uint32_t)(c - '0');
  if (c >= 'a' && c <= 'f') return (uint32_t)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (uint32_t)(c - 'A' + 10);
  return 0;
}

/* The string value of field `name`, unescaped into a new arena buffer (\" \\ \/
 * and \u00XX; other escapes keep the escaped byte). Returns false, leaving *out
 * alone, if the field is absent or not a string. */
static bool theater_json_get_string(theater_bytes_t json, const char *name, theater_string_t *out) {
  uint32_t i = theater_json_find_(json, name);
  if (i == (uint32_t)-1 || i >= json.len || json.ptr[i] != '"') return false;
  i++;
  uint8_t *o = (uint8_t *)theater_alloc(json.len - i + 1, 1);
  uint32_t k = 0;
  while (i < json.len && json.ptr[i] != '"') {
    uint8_t c = json.ptr[i++];
    if (c == '\\' && i < json.len) {
      c = json.ptr[i++];
      if (c == 'u' && i + 4 <= json.len) {
        c = (uint8_t)((theater_hexval_(json.ptr[i + 2]) << 4) | theater_hexval_(json.ptr[i + 3]));
        i += 4;
      }
    }
    o[k++] = c;
  }
  *out = theater_string_of(o, k);
  return true;
}

#endif
