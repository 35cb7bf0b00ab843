/*
 * echo -- type-generic deep copy of canonical-ABI values (property tests of the
 * Java canonical ABI). Contract: test-actors/README.md, section "echo".
 */
#include "guest.h"

/* ---- type descriptors ---------------------------------------------------- */

enum {
  K_BOOL, K_S8, K_U8, K_S16, K_U16, K_S32, K_U32, K_S64, K_U64, K_F32, K_F64,
  K_CHAR, K_STRING, K_LIST, K_TUPLE, K_VARIANT, K_ENUM, K_FLAGS
};

typedef struct Ty {
  u32 kind;
  u32 n;        /* tuple fields / variant cases / enum cases / flags count */
  u32 size;
  u32 align;
  u32 dsize;    /* discriminant size (variant, enum) */
  u32 poff;     /* payload offset (variant) */
  struct Ty **sub; /* list: 1 element; tuple: n fields; variant: n cases (0 = no payload) */
} Ty;

static const u8 *g_p;   /* descriptor cursor */
static const u8 *g_end; /* descriptor end */

static inline u32 align_to(u32 x, u32 a) { return (x + a - 1) & ~(a - 1); }
static inline u32 umax(u32 a, u32 b) { return a > b ? a : b; }

static u32 parse_count(void) {
  /* decimal N, no sign, no leading zero, then ':' */
  if (g_p >= g_end || *g_p < '0' || *g_p > '9') __builtin_trap();
  if (*g_p == '0') __builtin_trap(); /* N >= 1 and no leading zeros */
  u64 n = 0;
  while (g_p < g_end && *g_p >= '0' && *g_p <= '9') {
    n = n * 10 + (u64)(*g_p - '0');
    if (n > 0xffffffffull) __builtin_trap();
    g_p++;
  }
  if (g_p >= g_end || *g_p != ':') __builtin_trap();
  g_p++;
  return (u32)n;
}

static Ty *new_ty(u32 kind, u32 size, u32 align) {
  Ty *t = (Ty *)heap_alloc(sizeof(Ty), 4);
  t->kind = kind; t->n = 0; t->size = size; t->align = align;
  t->dsize = 0; t->poff = 0; t->sub = 0;
  return t;
}

static u32 disc_size(u32 n) { return n <= 256u ? 1u : (n <= 65536u ? 2u : 4u); }

static Ty *parse_t(void);

/* X := T | '_' ; returns 0 for '_' */
static Ty *parse_x(void) {
  if (g_p < g_end && *g_p == '_') { g_p++; return 0; }
  return parse_t();
}

static void finish_variant(Ty *t) {
  u32 maxa = 1, maxs = 0;
  for (u32 i = 0; i < t->n; i++)
    if (t->sub[i]) { maxa = umax(maxa, t->sub[i]->align); maxs = umax(maxs, t->sub[i]->size); }
  t->dsize = disc_size(t->n);
  t->align = umax(t->dsize, maxa);
  t->poff = align_to(t->dsize, maxa);
  t->size = align_to(t->poff + maxs, t->align);
}

static Ty *parse_t(void) {
  if (g_p >= g_end) __builtin_trap();
  u8 c = *g_p++;
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
    t->sub = (Ty **)heap_alloc(sizeof(Ty *), 4);
    t->sub[0] = parse_t();
    return t;
  case '?':
    t = new_ty(K_VARIANT, 0, 0);
    t->n = 2;
    t->sub = (Ty **)heap_alloc(2 * sizeof(Ty *), 4);
    t->sub[0] = 0;
    t->sub[1] = parse_t();
    finish_variant(t);
    return t;
  case 'r':
    t = new_ty(K_VARIANT, 0, 0);
    t->n = 2;
    t->sub = (Ty **)heap_alloc(2 * sizeof(Ty *), 4);
    t->sub[0] = parse_x();
    t->sub[1] = parse_x();
    finish_variant(t);
    return t;
  case '(': {
    u32 n = parse_count();
    if (n > (u32)(g_end - g_p)) __builtin_trap(); /* each field needs >= 1 character */
    t = new_ty(K_TUPLE, 0, 1);
    t->n = n;
    t->sub = (Ty **)heap_alloc(n * (u32)sizeof(Ty *), 4);
    u32 s = 0, a = 1;
    for (u32 i = 0; i < n; i++) {
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
    u32 n = parse_count();
    if (n > (u32)(g_end - g_p)) __builtin_trap(); /* each case needs >= 1 character */
    t = new_ty(K_VARIANT, 0, 0);
    t->n = n;
    t->sub = (Ty **)heap_alloc(n * (u32)sizeof(Ty *), 4);
    for (u32 i = 0; i < n; i++) t->sub[i] = parse_x();
    finish_variant(t);
    return t;
  }
  case 'e': {
    u32 n = parse_count();
    u32 d = disc_size(n);
    t = new_ty(K_ENUM, d, d);
    t->n = n;
    t->dsize = d;
    return t;
  }
  case 'F': {
    u32 n = parse_count();
    if (n > 32) __builtin_trap();
    u32 s = n <= 8 ? 1 : (n <= 16 ? 2 : 4);
    t = new_ty(K_FLAGS, s, s);
    t->n = n;
    return t;
  }
  default:
    __builtin_trap();
  }
}

static Ty *parse_descriptor(const u8 *p, u32 len) {
  g_p = p;
  g_end = p + len;
  Ty *t = parse_t();
  if (g_p != g_end) __builtin_trap(); /* trailing characters */
  return t;
}

/* ---- validation helpers ---------------------------------------------------- */

static inline u64 mem_bytes(void) { return (u64)__builtin_wasm_memory_size(0) * 65536ull; }

static void check_range(u32 ptr, u64 len) {
  if ((u64)ptr + len > mem_bytes()) __builtin_trap();
}

static void check_utf8(const u8 *s, u32 len) {
  u32 i = 0;
  while (i < len) {
    u8 c = s[i];
    if (c < 0x80) { i++; continue; }
    u32 need, cp, min;
    if ((c & 0xe0) == 0xc0) { need = 1; cp = c & 0x1f; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { need = 2; cp = c & 0x0f; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { need = 3; cp = c & 0x07; min = 0x10000; }
    else __builtin_trap();
    if (len - i - 1 < need) __builtin_trap();
    for (u32 k = 1; k <= need; k++) {
      u8 cc = s[i + k];
      if ((cc & 0xc0) != 0x80) __builtin_trap();
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) __builtin_trap();
    i += need + 1;
  }
}

static inline u32 load_disc(const u8 *p, u32 dsize) {
  if (dsize == 1) return *p;
  if (dsize == 2) return *(const u16 *)p;
  return *(const u32 *)p;
}
static inline void store_disc(u8 *p, u32 dsize, u32 v) {
  if (dsize == 1) *p = (u8)v;
  else if (dsize == 2) *(u16 *)p = (u16)v;
  else *(u32 *)p = v;
}

/* ---- deep copy ------------------------------------------------------------ */

static void copy_val(const Ty *t, const u8 *src, u8 *dst) {
  switch (t->kind) {
  case K_BOOL:
    if (*src > 1) __builtin_trap();
    *dst = *src;
    return;
  case K_S8: case K_U8:
    *dst = *src;
    return;
  case K_S16: case K_U16:
    *(u16 *)dst = *(const u16 *)src;
    return;
  case K_S32: case K_U32: case K_F32:
    *(u32 *)dst = *(const u32 *)src; /* floats: bit-exact, NaN payloads kept */
    return;
  case K_S64: case K_U64: case K_F64:
    *(u64 *)dst = *(const u64 *)src;
    return;
  case K_CHAR: {
    u32 v = *(const u32 *)src;
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) __builtin_trap();
    *(u32 *)dst = v;
    return;
  }
  case K_STRING: {
    u32 ptr = ((const u32 *)src)[0];
    u32 len = ((const u32 *)src)[1];
    check_range(ptr, len);
    check_utf8((const u8 *)(usize)ptr, len);
    u8 *np = (u8 *)heap_alloc(len ? len : 1, 1);
    if (!len) *np = 0;
    memcpy(np, (const u8 *)(usize)ptr, len);
    ((u32 *)dst)[0] = (u32)(usize)np;
    ((u32 *)dst)[1] = len;
    return;
  }
  case K_LIST: {
    const Ty *e = t->sub[0];
    u32 ptr = ((const u32 *)src)[0];
    u32 len = ((const u32 *)src)[1];
    if (ptr & (e->align - 1)) __builtin_trap();
    u64 bytes = (u64)len * (u64)e->size;
    check_range(ptr, bytes);
    u32 nb = (u32)bytes;
    u8 *np = (u8 *)heap_alloc(nb ? nb : 1, e->align);
    memset(np, 0, nb ? nb : 1);
    for (u32 i = 0; i < len; i++)
      copy_val(e, (const u8 *)(usize)ptr + i * e->size, np + i * e->size);
    ((u32 *)dst)[0] = (u32)(usize)np;
    ((u32 *)dst)[1] = len;
    return;
  }
  case K_TUPLE: {
    u32 off = 0;
    for (u32 i = 0; i < t->n; i++) {
      const Ty *f = t->sub[i];
      off = align_to(off, f->align);
      copy_val(f, src + off, dst + off);
      off += f->size;
    }
    return;
  }
  case K_VARIANT: {
    u32 d = load_disc(src, t->dsize);
    if (d >= t->n) __builtin_trap();
    store_disc(dst, t->dsize, d);
    if (t->sub[d]) copy_val(t->sub[d], src + t->poff, dst + t->poff);
    return;
  }
  case K_ENUM: {
    u32 d = load_disc(src, t->dsize);
    if (d >= t->n) __builtin_trap();
    store_disc(dst, t->dsize, d);
    return;
  }
  case K_FLAGS: {
    u32 v = load_disc(src, t->size);
    if (t->n < 32 && (v >> t->n) != 0) __builtin_trap(); /* bits beyond the last flag */
    store_disc(dst, t->size, v);
    return;
  }
  default:
    __builtin_trap();
  }
}

/* theater:test/echo#copy: func(descriptor: string, src: u32) -> u32 */
EXPORT("theater:test/echo#copy")
u32 echo_copy(const u8 *desc, u32 desc_len, u32 src) {
  check_range((u32)(usize)desc, desc_len);
  Ty *t = parse_descriptor(desc, desc_len);
  if (src & (t->align - 1)) __builtin_trap();
  check_range(src, t->size);
  u8 *dst = (u8 *)heap_alloc(t->size, t->align);
  memset(dst, 0, t->size);
  copy_val(t, (const u8 *)(usize)src, dst);
  return (u32)(usize)dst;
}

/* theater:test/echo#size-align: func(descriptor: string) -> u64 */
EXPORT("theater:test/echo#size-align")
u64 echo_size_align(const u8 *desc, u32 desc_len) {
  check_range((u32)(usize)desc, desc_len);
  u32 mark = g_heap_next;           /* the parsed type tree is scratch: release it */
  Ty *t = parse_descriptor(desc, desc_len);
  u64 r = ((u64)t->size << 32) | (u64)t->align;
  g_heap_next = mark;
  return r;
}

/* theater:test/echo#reset: func() */
EXPORT("theater:test/echo#reset")
void echo_reset(void) { heap_reset(); }
