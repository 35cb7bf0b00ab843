/*
 * echo -- type-generic deep copy of canonical-ABI values (property tests of the
 * Java canonical ABI). Contract: test-actors/README.md, section "echo".
 */
#include "theater/base.h"

/* ---- type descriptors ---------------------------------------------------- */

enum {
  K_BOOL, K_S8, K_U8, K_S16, K_U16, K_S32, K_U32, K_S64, K_U64, K_F32, K_F64,
  K_CHAR, K_STRING, K_LIST, K_TUPLE, K_VARIANT, K_ENUM, K_FLAGS
};

typedef struct Ty {
  uint32_t kind;
  uint32_t n;        /* tuple fields / variant cases / enum cases / flags count */
  uint32_t size;
  uint32_t align;
  uint32_t dsize;    /* discriminant size (variant, enum) */
  uint32_t poff;     /* payload offset (variant) */
  struct Ty **sub; /* list: 1 element; tuple: n fields; variant: n cases (0 = no payload) */
} Ty;

static const uint8_t *g_p;   /* descriptor cursor */
static const uint8_t *g_end; /* descriptor end */

static inline uint32_t align_to(uint32_t x, uint32_t a) { return (x + a - 1) & ~(a - 1); }
static inline uint32_t umax(uint32_t a, uint32_t b) { return a > b ? a : b; }

static uint32_t parse_count(void) {
  /* decimal N, no sign, no leading zero, then ':' */
  if (g_p >= g_end || *g_p < '0' || *g_p > '9') __builtin_trap();
  if (*g_p == '0') __builtin_trap(); /* N >= 1 and no leading zeros */
  uint64_t n = 0;
  while (g_p < g_end && *g_p >= '0' && *g_p <= '9') {
    n = n * 10 + (uint64_t)(*g_p - '0');
    if (n > 0xffffffffull) __builtin_trap();
    g_p++;
  }
  if (g_p >= g_end || *g_p != ':') __builtin_trap();
  g_p++;
  return (uint32_t)n;
}

static Ty *new_ty(uint32_t kind, uint32_t size, uint32_t align) {
  Ty *t = (Ty *)theater_alloc(sizeof(Ty), 4);
  t->kind = kind; t->n = 0; t->size = size; t->align = align;
  t->dsize = 0; t->poff = 0; t->sub = 0;
  return t;
}

static uint32_t disc_size(uint32_t n) { return n <= 256u ? 1u : (n <= 65536u ? 2u : 4u); }

static Ty *parse_t(void);

/* X := T | '_' ; returns 0 for '_' */
static Ty *parse_x(void) {
  if (g_p < g_end && *g_p == '_') { g_p++; return 0; }
  return parse_t();
}

static void finish_variant(Ty *t) {
  uint32_t maxa = 1, maxs = 0;
  for (uint32_t i = 0; i < t->n; i++)
    if (t->sub[i]) { maxa = umax(maxa, t->sub[i]->align); maxs = umax(maxs, t->sub[i]->size); }
  t->dsize = disc_size(t->n);
  t->align = umax(t->dsize, maxa);
  t->poff = align_to(t->dsize, maxa);
  t->size = align_to(t->poff + maxs, t->align);
}

static Ty *parse_t(void) {
  if (g_p >= g_end) __builtin_trap();
  uint8_t c = *g_p++;
  Ty *t;
  switch (c) {
  case 'z': return new_ty(K_BOOL, 1, 1);
  case 'b': return new_ty(K_S8, 1, 1);
  case 'B': return new_ty(K_U8, 1, 1);
  case 'h': return new_ty(K_S16, 2, 2);
  case 'H': return new_ty(K_U16, 2, 2);
  case 'i': return new_ty(K_S32, 4, 4);
  case 'I': return new_ty(K_U32, 4, 4);
  case 'l': return new_ty(K_S64, 8, 8);
  case 'L': return new_ty(K_U64, 8, 8);
  case 'f': return new_ty(K_F32, 4, 4);
  case 'd': return new_ty(K_F64, 8, 8);
  case 'c': return new_ty(K_CHAR, 4, 4);
  case 's': return new_ty(K_STRING, 8, 4);
  case '[':
    t = new_ty(K_LIST, 8, 4);
    t->n = 1;
    t->sub = (Ty **)theater_alloc(sizeof(Ty *), 4);
    t->sub[0] = parse_t();
    return t;
  case '?':
    t = new_ty(K_VARIANT, 0, 0);
    t->n = 2;
    t->sub = (Ty **)theater_alloc(2 * sizeof(Ty *), 4);
    t->sub[0] = 0;
    t->sub[1] = parse_t();
    finish_variant(t);
    return t;
  case 'r':
    t = new_ty(K_VARIANT, 0, 0);
    t->n = 2;
    t->sub = (Ty **)theater_alloc(2 * sizeof(Ty *), 4);
    t->sub[0] = parse_x();
    t->sub[1] = parse_x();
    finish_variant(t);
    return t;
  case '(': {
    uint32_t n = parse_count();
    if (n > (uint32_t)(g_end - g_p)) __builtin_trap(); /* each field needs >= 1 character */
    t = new_ty(K_TUPLE, 0, 1);
    t->n = n;
    t->sub = (Ty **)theater_alloc(n * (uint32_t)sizeof(Ty *), 4);
    uint32_t s = 0, a = 1;
    for (uint32_t i = 0; i < n; i++) {
      Ty *f = parse_t();
      t->sub[i] = f;
      s = align_to(s, f->align) + f->size;
      a = umax(a, f->align);
    }
    t->align = a;
    t->size = align_to(s, a);
    return t;
  }
  case '<': {
    uint32_t n = parse_count();
    if (n > (uint32_t)(g_end - g_p)) __builtin_trap(); /* each case needs >= 1 character */
    t = new_ty(K_VARIANT, 0, 0);
    t->n = n;
    t->sub = (Ty **)theater_alloc(n * (uint32_t)sizeof(Ty *), 4);
    for (uint32_t i = 0; i < n; i++) t->sub[i] = parse_x();
    finish_variant(t);
    return t;
  }
  case 'e': {
    uint32_t n = parse_count();
    uint32_t d = disc_size(n);
    t = new_ty(K_ENUM, d, d);
    t->n = n;
    t->dsize = d;
    return t;
  }
  case 'F': {
    uint32_t n = parse_count();
    if (n > 32) __builtin_trap();
    uint32_t s = n <= 8 ? 1 : (n <= 16 ? 2 : 4);
    t = new_ty(K_FLAGS, s, s);
    t->n = n;
    return t;
  }
  default:
    __builtin_trap();
  }
}

static Ty *parse_descriptor(const uint8_t *p, uint32_t len) {
  g_p = p;
  g_end = p + len;
  Ty *t = parse_t();
  if (g_p != g_end) __builtin_trap(); /* trailing characters */
  return t;
}

/* ---- validation helpers ---------------------------------------------------- */

static inline uint64_t mem_bytes(void) { return (uint64_t)__builtin_wasm_memory_size(0) * 65536ull; }

static void check_range(uint32_t ptr, uint64_t len) {
  if ((uint64_t)ptr + len > mem_bytes()) __builtin_trap();
}

static void check_utf8(const uint8_t *s, uint32_t len) {
  uint32_t i = 0;
  while (i < len) {
    uint8_t c = s[i];
    if (c < 0x80) { i++; continue; }
    uint32_t need, cp, min;
    if ((c & 0xe0) == 0xc0) { need = 1; cp = c & 0x1f; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { need = 2; cp = c & 0x0f; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { need = 3; cp = c & 0x07; min = 0x10000; }
    else __builtin_trap();
    if (len - i - 1 < need) __builtin_trap();
    for (uint32_t k = 1; k <= need; k++) {
      uint8_t cc = s[i + k];
      if ((cc & 0xc0) != 0x80) __builtin_trap();
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) __builtin_trap();
    i += need + 1;
  }
}

static inline uint32_t load_disc(const uint8_t *p, uint32_t dsize) {
  if (dsize == 1) return *p;
  if (dsize == 2) return *(const uint16_t *)p;
  return *(const uint32_t *)p;
}
static inline void store_disc(uint8_t *p, uint32_t dsize, uint32_t v) {
  if (dsize == 1) *p = (uint8_t)v;
  else if (dsize == 2) *(uint16_t *)p = (uint16_t)v;
  else *(uint32_t *)p = v;
}

/* ---- deep copy ------------------------------------------------------------ */

static void copy_val(const Ty *t, const uint8_t *src, uint8_t *dst) {
  switch (t->kind) {
  case K_BOOL:
    if (*src > 1) __builtin_trap();
    *dst = *src;
    return;
  case K_S8: case K_U8:
    *dst = *src;
    return;
  case K_S16: case K_U16:
    *(uint16_t *)dst = *(const uint16_t *)src;
    return;
  case K_S32: case K_U32: case K_F32:
    *(uint32_t *)dst = *(const uint32_t *)src; /* floats: bit-exact, NaN payloads kept */
    return;
  case K_S64: case K_U64: case K_F64:
    *(uint64_t *)dst = *(const uint64_t *)src;
    return;
  case K_CHAR: {
    uint32_t v = *(const uint32_t *)src;
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) __builtin_trap();
    *(uint32_t *)dst = v;
    return;
  }
  case K_STRING: {
    uint32_t ptr = ((const uint32_t *)src)[0];
    uint32_t len = ((const uint32_t *)src)[1];
    check_range(ptr, len);
    check_utf8((const uint8_t *)(uintptr_t)ptr, len);
    uint8_t *np = (uint8_t *)theater_alloc(len ? len : 1, 1);
    if (!len) *np = 0;
    memcpy(np, (const uint8_t *)(uintptr_t)ptr, len);
    ((uint32_t *)dst)[0] = (uint32_t)(uintptr_t)np;
    ((uint32_t *)dst)[1] = len;
    return;
  }
  case K_LIST: {
    const Ty *e = t->sub[0];
    uint32_t ptr = ((const uint32_t *)src)[0];
    uint32_t len = ((const uint32_t *)src)[1];
    if (ptr & (e->align - 1)) __builtin_trap();
    uint64_t bytes = (uint64_t)len * (uint64_t)e->size;
    check_range(ptr, bytes);
    uint32_t nb = (uint32_t)bytes;
    uint8_t *np = (uint8_t *)theater_alloc(nb ? nb : 1, e->align);
    memset(np, 0, nb ? nb : 1);
    for (uint32_t i = 0; i < len; i++)
      copy_val(e, (const uint8_t *)(uintptr_t)ptr + i * e->size, np + i * e->size);
    ((uint32_t *)dst)[0] = (uint32_t)(uintptr_t)np;
    ((uint32_t *)dst)[1] = len;
    return;
  }
  case K_TUPLE: {
    uint32_t off = 0;
    for (uint32_t i = 0; i < t->n; i++) {
      const Ty *f = t->sub[i];
      off = align_to(off, f->align);
      copy_val(f, src + off, dst + off);
      off += f->size;
    }
    return;
  }
  case K_VARIANT: {
    uint32_t d = load_disc(src, t->dsize);
    if (d >= t->n) __builtin_trap();
    store_disc(dst, t->dsize, d);
    if (t->sub[d]) copy_val(t->sub[d], src + t->poff, dst + t->poff);
    return;
  }
  case K_ENUM: {
    uint32_t d = load_disc(src, t->dsize);
    if (d >= t->n) __builtin_trap();
    store_disc(dst, t->dsize, d);
    return;
  }
  case K_FLAGS: {
    uint32_t v = load_disc(src, t->size);
    if (t->n < 32 && (v >> t->n) != 0) __builtin_trap(); /* bits beyond the last flag */
    store_disc(dst, t->size, v);
    return;
  }
  default:
    __builtin_trap();
  }
}

/* theater:test/echo#copy: func(descriptor: string, src: u32) -> u32 */
THEATER_EXPORT("theater:test/echo#copy")
uint32_t echo_copy(const uint8_t *desc, uint32_t desc_len, uint32_t src) {
  check_range((uint32_t)(uintptr_t)desc, desc_len);
  Ty *t = parse_descriptor(desc, desc_len);
  if (src & (t->align - 1)) __builtin_trap();
  check_range(src, t->size);
  uint8_t *dst = (uint8_t *)theater_alloc(t->size, t->align);
  memset(dst, 0, t->size);
  copy_val(t, (const uint8_t *)(uintptr_t)src, dst);
  return (uint32_t)(uintptr_t)dst;
}

/* theater:test/echo#size-align: func(descriptor: string) -> u64 */
THEATER_EXPORT("theater:test/echo#size-align")
uint64_t echo_size_align(const uint8_t *desc, uint32_t desc_len) {
  check_range((uint32_t)(uintptr_t)desc, desc_len);
  uint32_t mark = theater_heap_mark();         /* the parsed type tree is scratch: release it */
  Ty *t = parse_descriptor(desc, desc_len);
  uint64_t r = ((uint64_t)t->size << 32) | (uint64_t)t->align;
  theater_heap_release(mark);
  return r;
}

/* theater:test/echo#reset: func() */
THEATER_EXPORT("theater:test/echo#reset")
void echo_reset(void) { theater_heap_reset(); }
