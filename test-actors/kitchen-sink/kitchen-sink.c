/*
 * kitchen-sink -- exercises many WIT types through host imports
 * (theater:test/kitchen-host) and exports (theater:test/kitchen).
 * WIT: kitchen-sink.wit. Contract: test-actors/README.md, "kitchen-sink".
 */
#include "theater/base.h"

#define HOST "theater:test/kitchen-host"
#define KX(f) THEATER_EXPORT("theater:test/kitchen#" f)
#define KPOST(f) THEATER_EXPORT("cabi_post_theater:test/kitchen#" f)
#define OFF(t, f) __builtin_offsetof(t, f)

/* ---- canonical-ABI layouts ---------------------------------------------- */

typedef struct { const uint8_t *ptr; uint32_t len; } Str;           /* string / list: 8, align 4 */

typedef struct {                                          /* result<u32, string>: 12, align 4 */
  uint8_t disc;                                                /* 0 ok, 1 err */
  union { uint32_t ok; Str err; } v;                           /* +4 */
} ResU32Str;
typedef struct { uint8_t disc; ResU32Str some; } OptRes;       /* option<...>: 16, align 4; some at +4 */

typedef struct {                                          /* item: 56, align 8 */
  Str name;        /* 0 */
  Str tags;        /* 8: list<string> */
  uint32_t count;       /* 16 */
  double weight;   /* 24 */
  uint8_t color;        /* 32 */
  uint16_t perms;       /* 34 */
  uint32_t initial;     /* 36 */
  OptRes extra;    /* 40 */
} Item;

typedef struct {                                          /* shape: 12, align 4 */
  uint8_t disc;                                                /* 0 circle, 1 rect, 2 label, 3 empty */
  union { float r; struct { float w, h; } rect; Str label; } v; /* +4 */
} Shape;

typedef struct { int8_t a; uint8_t b; int16_t c; uint16_t d; int64_t e; uint64_t f; } Ints; /* 24, align 8 */

typedef struct {                                          /* params of many/spill: 104, align 8 */
  int32_t a; int64_t b; float c; double d; Str e; uint8_t f; int16_t g; uint32_t h;
  uint8_t i; Str j; uint64_t k; float l; double m; uint32_t n; Str o; int8_t p;
} Many;

_Static_assert(sizeof(OptRes) == 16 && OFF(OptRes, some) == 4 && OFF(ResU32Str, v) == 4, "optres");
_Static_assert(sizeof(Item) == 56 && _Alignof(Item) == 8, "item");
_Static_assert(OFF(Item, tags) == 8 && OFF(Item, count) == 16 && OFF(Item, weight) == 24 &&
               OFF(Item, color) == 32 && OFF(Item, perms) == 34 && OFF(Item, initial) == 36 &&
               OFF(Item, extra) == 40, "item offsets");
_Static_assert(sizeof(Shape) == 12 && OFF(Shape, v) == 4, "shape");
_Static_assert(sizeof(Ints) == 24 && OFF(Ints, c) == 2 && OFF(Ints, d) == 4 && OFF(Ints, e) == 8 &&
               OFF(Ints, f) == 16, "ints");
_Static_assert(sizeof(Many) == 104 && OFF(Many, b) == 8 && OFF(Many, c) == 16 && OFF(Many, d) == 24 &&
               OFF(Many, e) == 32 && OFF(Many, f) == 40 && OFF(Many, g) == 42 && OFF(Many, h) == 44 &&
               OFF(Many, i) == 48 && OFF(Many, j) == 52 && OFF(Many, k) == 64 && OFF(Many, l) == 72 &&
               OFF(Many, m) == 80 && OFF(Many, n) == 88 && OFF(Many, o) == 92 && OFF(Many, p) == 100,
               "many offsets");

/* ---- imports -------------------------------------------------------------- */

THEATER_IMPORT(HOST, "ints")
void host_ints(int32_t a, int32_t b, int32_t c, int32_t d, int64_t e, int64_t f, Ints *ret);
THEATER_IMPORT(HOST, "many")
uint64_t host_many(const Many *params);
THEATER_IMPORT(HOST, "pick")
void host_pick(int32_t color, int32_t perms, int32_t shape_disc, int32_t p0, int32_t p1, OptRes *ret);
THEATER_IMPORT(HOST, "items")
void host_items(uint32_t n, Str *ret);
THEATER_IMPORT(HOST, "describe")
void host_describe(const uint8_t *name, uint32_t name_len, const uint8_t *tags, uint32_t tags_len, uint32_t count,
                   double weight, uint32_t color, uint32_t perms, uint32_t initial, uint32_t e0, uint32_t e1, uint32_t e2,
                   uint32_t e3, Str *ret);

/* ---- helpers ---------------------------------------------------------------- */

static const char *const k_colors[3] = {"red", "green", "blue"};
static const char *const k_perms[10] = {"read", "write", "exec", "admin", "audit",
                                        "share", "delete", "create", "rename", "owner"};

static int valid_char(uint32_t c) { return c <= 0x10ffff && (c < 0xd800 || c > 0xdfff); }

/* String builder: consecutive heap_alloc(n, 1) calls are contiguous, so a
 * string is built by appending at the heap top; nothing else may allocate
 * between sb_begin and sb_end. */
static uint8_t *g_sb;
static void sb_begin(void) { g_sb = (uint8_t *)theater_alloc(0, 1); }
static void sb_bytes(const void *p, uint32_t n) { memcpy(theater_alloc(n, 1), p, n); }
static void sb_str(const char *s) { sb_bytes(s, (uint32_t)strlen(s)); }
static void sb_u64(uint64_t v) {
  uint8_t d[20]; uint32_t n = 0;
  do { d[n++] = (uint8_t)('0' + v % 10); v /= 10; } while (v);
  uint8_t *o = (uint8_t *)theater_alloc(n, 1);
  while (n) *o++ = d[--n];
}
static void sb_s64(int64_t v) {
  if (v < 0) { sb_str("-"); sb_u64(0 - (uint64_t)v); } else sb_u64((uint64_t)v);
}
static void sb_hex(uint64_t v, uint32_t digits, int upper) {
  const char *h = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  uint8_t *o = (uint8_t *)theater_alloc(digits, 1);
  for (uint32_t i = 0; i < digits; i++) o[digits - 1 - i] = (uint8_t)h[(v >> (4 * i)) & 15];
}
static void sb_char(uint32_t c) { /* UTF-8 */
  uint8_t b[4]; uint32_t n;
  if (!valid_char(c)) __builtin_trap();
  if (c < 0x80) { b[0] = (uint8_t)c; n = 1; }
  else if (c < 0x800) { b[0] = (uint8_t)(0xc0 | (c >> 6)); b[1] = (uint8_t)(0x80 | (c & 0x3f)); n = 2; }
  else if (c < 0x10000) { b[0] = (uint8_t)(0xe0 | (c >> 12)); b[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f)); b[2] = (uint8_t)(0x80 | (c & 0x3f)); n = 3; }
  else { b[0] = (uint8_t)(0xf0 | (c >> 18)); b[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f)); b[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f)); b[3] = (uint8_t)(0x80 | (c & 0x3f)); n = 4; }
  sb_bytes(b, n);
}
static Str sb_end(void) {
  Str s; s.ptr = g_sb; s.len = (uint32_t)((uint8_t *)theater_alloc(0, 1) - g_sb); return s;
}
static uint32_t f32_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t f64_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float bits_f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static double bits_f64(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static Str copy_str(Str s) {
  Str r; uint8_t *p = (uint8_t *)theater_alloc(s.len ? s.len : 1, 1);
  memcpy(p, s.ptr, s.len); r.ptr = p; r.len = s.len; return r;
}

static void check_item(const Item *it) {
  if (it->color > 2 || it->perms > 0x3ff || !valid_char(it->initial) || it->extra.disc > 1 ||
      (it->extra.disc == 1 && it->extra.some.disc > 1))
    __builtin_trap();
}

#define ITEM_PARAMS                                                                   \
  const uint8_t *name, uint32_t name_len, const uint8_t *tags, uint32_t tags_len, uint32_t count, double weight, \
      uint32_t color, uint32_t perms, uint32_t initial, uint32_t e0, uint32_t e1, uint32_t e2, uint32_t e3

static Item item_from_flat(ITEM_PARAMS) {
  Item it;
  memset(&it, 0, sizeof it);
  it.name.ptr = name; it.name.len = name_len;
  it.tags.ptr = tags; it.tags.len = tags_len;
  it.count = count; it.weight = weight;
  if (color > 2 || perms > 0x3ff || e0 > 1 || (e0 == 1 && e1 > 1)) __builtin_trap();
  it.color = (uint8_t)color; it.perms = (uint16_t)perms; it.initial = initial;
  it.extra.disc = (uint8_t)e0;
  if (e0 == 1) {
    it.extra.some.disc = (uint8_t)e1;
    if (e1 == 0) it.extra.some.v.ok = e2;
    else { it.extra.some.v.err.ptr = (const uint8_t *)(uintptr_t)e2; it.extra.some.v.err.len = e3; }
  }
  check_item(&it);
  return it;
}

/* bump transform, writing a fresh deep copy into *out */
static void bump_item(const Item *in, Item *out) {
  check_item(in);
  memset(out, 0, sizeof *out);
  uint8_t *n = (uint8_t *)theater_alloc(in->name.len ? in->name.len : 1, 1);
  for (uint32_t i = 0; i < in->name.len; i++) {
    uint8_t c = in->name.ptr[i];
    n[i] = (c >= 'a' && c <= 'z') ? (uint8_t)(c - 32) : c;
  }
  out->name.ptr = n; out->name.len = in->name.len;
  uint32_t nt = in->tags.len;
  const Str *tin = (const Str *)in->tags.ptr;
  Str *tout = (Str *)theater_alloc(nt ? nt * 8 : 1, 4);
  for (uint32_t i = 0; i < nt; i++) tout[i] = copy_str(tin[nt - 1 - i]);
  out->tags.ptr = (const uint8_t *)tout; out->tags.len = nt;
  out->count = in->count + 1;
  out->weight = in->weight * 2.0;
  out->color = (uint8_t)((in->color + 1) % 3);
  out->perms = (uint16_t)(in->perms ^ 0x3ff);
  uint32_t c = in->initial;
  out->initial = c == 0xd7ff ? 0xe000 : (c == 0x10ffff ? 0 : c + 1);
  if (in->extra.disc == 0) { out->extra.disc = 1; out->extra.some.disc = 0; out->extra.some.v.ok = 0; }
  else if (in->extra.some.disc == 0) { out->extra.disc = 1; out->extra.some.disc = 0; out->extra.some.v.ok = in->extra.some.v.ok + 1; }
  else out->extra.disc = 0;
}

static Str g_ret_str;                                     /* return area: string / list */
static Ints g_ret_ints;
static Item g_ret_item;

/* ---- exports ---------------------------------------------------------------- */

/* summarize: func(it: item) -> string */
KX("summarize")
Str *k_summarize(ITEM_PARAMS) {
  theater_call_begin();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  sb_begin();
  sb_str("name="); sb_bytes(it.name.ptr, it.name.len);
  sb_str(";tags=[");
  for (uint32_t i = 0; i < it.tags.len; i++) {
    const Str *t = (const Str *)it.tags.ptr + i;
    if (i) sb_str(",");
    sb_bytes(t->ptr, t->len);
  }
  sb_str("];count="); sb_u64(it.count);
  sb_str(";weight=0x"); sb_hex(f64_bits(it.weight), 16, 0);
  sb_str(";color="); sb_str(k_colors[it.color]);
  sb_str(";perms={");
  int first = 1;
  for (uint32_t i = 0; i < 10; i++)
    if (it.perms & (1u << i)) { if (!first) sb_str("|"); sb_str(k_perms[i]); first = 0; }
  sb_str("};initial="); sb_char(it.initial);
  sb_str("(U+"); sb_hex(it.initial, it.initial > 0xffff ? (it.initial > 0xfffff ? 6 : 5) : 4, 1);
  sb_str(");extra=");
  if (it.extra.disc == 0) sb_str("none");
  else if (it.extra.some.disc == 0) { sb_str("ok("); sb_u64(it.extra.some.v.ok); sb_str(")"); }
  else { sb_str("err("); sb_bytes(it.extra.some.v.err.ptr, it.extra.some.v.err.len); sb_str(")"); }
  g_ret_str = sb_end();
  theater_call_end();
  return &g_ret_str;
}
KPOST("summarize") void k_post_summarize(uint32_t r) { (void)r; theater_heap_reset(); }

/* bump: func(it: item) -> item */
KX("bump")
Item *k_bump(ITEM_PARAMS) {
  theater_call_begin();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  bump_item(&it, &g_ret_item);
  theater_call_end();
  return &g_ret_item;
}
KPOST("bump") void k_post_bump(uint32_t r) { (void)r; theater_heap_reset(); }

/* edges: func() -> tuple<s8, u8, s16, u16, s64, u64> */
KX("edges")
Ints *k_edges(void) {
  theater_call_begin();
  Ints r1, r2;
  memset(&r1, 0, sizeof r1);
  memset(&r2, 0, sizeof r2);
  host_ints(-128, 255, -32768, 65535, (int64_t)0x8000000000000000ull, (int64_t)0xffffffffffffffffull, &r1);
  host_ints(127, 0, 32767, 0, (int64_t)0x7fffffffffffffffull, 0, &r2);
  g_ret_ints.a = (int8_t)(uint8_t)((uint8_t)r1.a + (uint8_t)r2.a);
  g_ret_ints.b = (uint8_t)(r1.b + r2.b);
  g_ret_ints.c = (int16_t)(uint16_t)((uint16_t)r1.c + (uint16_t)r2.c);
  g_ret_ints.d = (uint16_t)(r1.d + r2.d);
  g_ret_ints.e = (int64_t)((uint64_t)r1.e + (uint64_t)r2.e);
  g_ret_ints.f = r1.f + r2.f;
  theater_call_end();
  return &g_ret_ints;
}
KPOST("edges") void k_post_edges(uint32_t r) { (void)r; theater_heap_reset(); }

static Many g_many; /* params tuple the guest passes to host `many` */

/* spill: func(a..p) -> string ; 19 flat params -> one pointer to a Many */
KX("spill")
Str *k_spill(const Many *in) {
  theater_call_begin();
  if (!valid_char(in->h)) __builtin_trap();
  g_many = *in;
  g_many.i = in->i ? 1 : 0;
  uint64_t host = host_many(&g_many);
  sb_begin();
  sb_s64(in->a); sb_str(",");
  sb_s64(in->b); sb_str(",0x");
  sb_hex(f32_bits(in->c), 8, 0); sb_str(",0x");
  sb_hex(f64_bits(in->d), 16, 0); sb_str(",");
  sb_bytes(in->e.ptr, in->e.len); sb_str(",");
  sb_u64(in->f); sb_str(",");
  sb_s64(in->g); sb_str(",");
  sb_char(in->h); sb_str(",");
  sb_str(in->i ? "true" : "false"); sb_str(",");
  sb_bytes(in->j.ptr, in->j.len); sb_str(",");
  sb_u64(in->k); sb_str(",0x");
  sb_hex(f32_bits(in->l), 8, 0); sb_str(",0x");
  sb_hex(f64_bits(in->m), 16, 0); sb_str(",");
  sb_u64(in->n); sb_str(",");
  sb_bytes(in->o.ptr, in->o.len); sb_str(",");
  sb_s64(in->p); sb_str(";host=");
  sb_u64(host);
  g_ret_str = sb_end();
  theater_call_end();
  return &g_ret_str;
}
KPOST("spill") void k_post_spill(uint32_t r) { (void)r; theater_heap_reset(); }

static const uint8_t k_hello[] = "h\xc3\xa9llo";           /* "héllo" */
static const uint8_t k_grin[] = "\xf0\x9f\x98\x80";        /* U+1F600 */
static const uint8_t k_label[] = "\xc3\xbcn\xc3\xaf\xe2\x9c\x93"; /* "ünï✓" */

/* call-many: func() -> u64 */
KX("call-many")
uint64_t k_call_many(void) {
  theater_call_begin();
  memset(&g_many, 0, sizeof g_many);
  g_many.a = (int32_t)0x80000000u;
  g_many.b = (int64_t)0x7fffffffffffffffull;
  g_many.c = bits_f32(0xbfc00000u);                  /* -1.5f */
  g_many.d = bits_f64(0x3fb999999999999aull);        /* 0.1 */
  g_many.e.ptr = k_hello; g_many.e.len = 6;
  g_many.f = 200;
  g_many.g = -300;
  g_many.h = 0x20ac;                                 /* '€' */
  g_many.i = 1;
  g_many.j.ptr = k_grin; g_many.j.len = 4;
  g_many.k = 12345678901234567890ull;
  g_many.l = bits_f32(0x7f800000u);                  /* +inf */
  g_many.m = bits_f64(0x8000000000000000ull);        /* -0.0 */
  g_many.n = 4000000000u;
  g_many.o.ptr = k_hello; g_many.o.len = 0;          /* "" */
  g_many.p = -7;
  uint64_t r = host_many(&g_many) + 1;
  theater_call_end();
  return r;
}

static OptRes g_pick_ret;
static void map_optres(const OptRes *in, OptRes *out) {
  memset(out, 0, sizeof *out);
  if (in->disc > 1 || (in->disc == 1 && in->some.disc > 1)) __builtin_trap();
  if (in->disc == 0) return;
  out->disc = 1;
  out->some.disc = in->some.disc;
  if (in->some.disc == 0) { out->some.v.ok = in->some.v.ok + 1; return; }
  Str e = in->some.v.err;
  sb_begin(); sb_str("E:"); sb_bytes(e.ptr, e.len);
  out->some.v.err = sb_end();
}

/* pick-all: func() -> list<option<result<u32, string>>> */
KX("pick-all")
Str *k_pick_all(void) {
  theater_call_begin();
  OptRes *out = (OptRes *)theater_alloc(4 * sizeof(OptRes), 4);
  host_pick(2, 0x109, 0, (int32_t)0x3fc00000u, 0, &g_pick_ret);                  /* blue, {read|admin|rename}, circle(1.5) */
  map_optres(&g_pick_ret, &out[0]);
  host_pick(1, 0, 1, (int32_t)0x40200000u, (int32_t)0x80000000u, &g_pick_ret);     /* green, {}, rect(2.5, -0.0) */
  map_optres(&g_pick_ret, &out[1]);
  host_pick(0, 0x3ff, 2, (int32_t)(uintptr_t)k_label, 8, &g_pick_ret);               /* red, all, label("ünï✓"), 8 bytes */
  map_optres(&g_pick_ret, &out[2]);
  host_pick(2, 0x4, 3, 0, 0, &g_pick_ret);                                   /* blue, {exec}, empty */
  map_optres(&g_pick_ret, &out[3]);
  g_ret_str.ptr = (const uint8_t *)out; g_ret_str.len = 4;
  theater_call_end();
  return &g_ret_str;
}
KPOST("pick-all") void k_post_pick_all(uint32_t r) { (void)r; theater_heap_reset(); }

static const uint8_t k_empty[] = "empty";

/* reshape: func(s: list<shape>) -> list<shape> */
KX("reshape")
Str *k_reshape(const Shape *in, uint32_t n) {
  theater_call_begin();
  Shape *out = (Shape *)theater_alloc(n ? n * (uint32_t)sizeof(Shape) : 1, 4);
  for (uint32_t i = 0; i < n; i++) {
    const Shape *s = &in[n - 1 - i];
    Shape *o = &out[i];
    memset(o, 0, sizeof *o);
    switch (s->disc) {
    case 0: o->disc = 0; o->v.r = s->v.r * 2.0f; break;
    case 1: o->disc = 1; o->v.rect.w = s->v.rect.h; o->v.rect.h = s->v.rect.w; break;
    case 2: o->disc = 2; sb_begin(); sb_bytes(s->v.label.ptr, s->v.label.len); sb_str("!"); o->v.label = sb_end(); break;
    case 3: o->disc = 2; o->v.label.ptr = k_empty; o->v.label.len = 5; break;
    default: __builtin_trap();
    }
  }
  g_ret_str.ptr = (const uint8_t *)out; g_ret_str.len = n;
  theater_call_end();
  return &g_ret_str;
}
KPOST("reshape") void k_post_reshape(uint32_t r) { (void)r; theater_heap_reset(); }

static Str g_items_ret;

/* fetch: func(n: u32) -> list<item> */
KX("fetch")
Str *k_fetch(uint32_t n) {
  theater_call_begin();
  g_items_ret.ptr = 0; g_items_ret.len = 0;
  host_items(n, &g_items_ret);
  uint32_t len = g_items_ret.len;
  const Item *in = (const Item *)g_items_ret.ptr;
  if ((uint32_t)(uintptr_t)in & 7) __builtin_trap();
  Item *out = (Item *)theater_alloc(len ? len * (uint32_t)sizeof(Item) : 1, 8);
  for (uint32_t i = 0; i < len; i++) bump_item(&in[len - 1 - i], &out[i]);
  g_ret_str.ptr = (const uint8_t *)out; g_ret_str.len = len;
  theater_call_end();
  return &g_ret_str;
}
KPOST("fetch") void k_post_fetch(uint32_t r) { (void)r; theater_heap_reset(); }

static Str g_describe_ret;

/* relay: func(it: item) -> string */
KX("relay")
Str *k_relay(ITEM_PARAMS) {
  theater_call_begin();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  (void)it;
  /* forward exactly the flat values received; unused payload slots as 0 */
  uint32_t f2 = e0 == 1 ? e2 : 0, f3 = (e0 == 1 && e1 == 1) ? e3 : 0, f1 = e0 == 1 ? e1 : 0;
  g_describe_ret.ptr = 0; g_describe_ret.len = 0;
  host_describe(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, f1, f2, f3,
                &g_describe_ret);
  sb_begin(); sb_str("host:"); sb_bytes(g_describe_ret.ptr, g_describe_ret.len);
  g_ret_str = sb_end();
  theater_call_end();
  return &g_ret_str;
}
KPOST("relay") void k_post_relay(uint32_t r) { (void)r; theater_heap_reset(); }
