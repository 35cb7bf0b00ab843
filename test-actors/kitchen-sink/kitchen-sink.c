/*
 * kitchen-sink -- exercises many WIT types through host imports
 * (theater:test/kitchen-host) and exports (theater:test/kitchen).
 * WIT: kitchen-sink.wit. Contract: test-actors/README.md, "kitchen-sink".
 */
#define GUEST_ARENA 1
#include "guest.h"

#define HOST "theater:test/kitchen-host"
#define KX(f) EXPORT("theater:test/kitchen#" f)
#define KPOST(f) EXPORT("cabi_post_theater:test/kitchen#" f)
#define OFF(t, f) __builtin_offsetof(t, f)

/* ---- canonical-ABI layouts ---------------------------------------------- */

typedef struct { const u8 *ptr; u32 len; } Str;           /* string / list: 8, align 4 */

typedef struct {                                          /* result<u32, string>: 12, align 4 */
  u8 disc;                                                /* 0 ok, 1 err */
  union { u32 ok; Str err; } v;                           /* +4 */
} ResU32Str;
typedef struct { u8 disc; ResU32Str some; } OptRes;       /* option<...>: 16, align 4; some at +4 */

typedef struct {                                          /* item: 56, align 8 */
  Str name;        /* 0 */
  Str tags;        /* 8: list<string> */
  u32 count;       /* 16 */
  double weight;   /* 24 */
  u8 color;        /* 32 */
  u16 perms;       /* 34 */
  u32 initial;     /* 36 */
  OptRes extra;    /* 40 */
} Item;

typedef struct {                                          /* shape: 12, align 4 */
  u8 disc;                                                /* 0 circle, 1 rect, 2 label, 3 empty */
  union { float r; struct { float w, h; } rect; Str label; } v; /* +4 */
} Shape;

typedef struct { s8 a; u8 b; s16 c; u16 d; s64 e; u64 f; } Ints; /* 24, align 8 */

typedef struct {                                          /* params of many/spill: 104, align 8 */
  s32 a; s64 b; float c; double d; Str e; u8 f; s16 g; u32 h;
  u8 i; Str j; u64 k; float l; double m; u32 n; Str o; s8 p;
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

IMPORT(HOST, "ints")
void host_ints(s32 a, s32 b, s32 c, s32 d, s64 e, s64 f, Ints *ret);
IMPORT(HOST, "many")
u64 host_many(const Many *params);
IMPORT(HOST, "pick")
void host_pick(s32 color, s32 perms, s32 shape_disc, s32 p0, s32 p1, OptRes *ret);
IMPORT(HOST, "items")
void host_items(u32 n, Str *ret);
IMPORT(HOST, "describe")
void host_describe(const u8 *name, u32 name_len, const u8 *tags, u32 tags_len, u32 count,
                   double weight, u32 color, u32 perms, u32 initial, u32 e0, u32 e1, u32 e2,
                   u32 e3, Str *ret);

/* ---- helpers ---------------------------------------------------------------- */

static const char *const k_colors[3] = {"red", "green", "blue"};
static const char *const k_perms[10] = {"read", "write", "exec", "admin", "audit",
                                        "share", "delete", "create", "rename", "owner"};

static int valid_char(u32 c) { return c <= 0x10ffff && (c < 0xd800 || c > 0xdfff); }

/* String builder: consecutive heap_alloc(n, 1) calls are contiguous, so a
 * string is built by appending at the heap top; nothing else may allocate
 * between sb_begin and sb_end. */
static u8 *g_sb;
static void sb_begin(void) { g_sb = (u8 *)heap_alloc(0, 1); }
static void sb_bytes(const void *p, u32 n) { memcpy(heap_alloc(n, 1), p, n); }
static void sb_str(const char *s) { sb_bytes(s, (u32)strlen(s)); }
static void sb_u64(u64 v) {
  u8 d[20]; u32 n = 0;
  do { d[n++] = (u8)('0' + v % 10); v /= 10; } while (v);
  u8 *o = (u8 *)heap_alloc(n, 1);
  while (n) *o++ = d[--n];
}
static void sb_s64(s64 v) {
  if (v < 0) { sb_str("-"); sb_u64(0 - (u64)v); } else sb_u64((u64)v);
}
static void sb_hex(u64 v, u32 digits, int upper) {
  const char *h = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  u8 *o = (u8 *)heap_alloc(digits, 1);
  for (u32 i = 0; i < digits; i++) o[digits - 1 - i] = (u8)h[(v >> (4 * i)) & 15];
}
static void sb_char(u32 c) { /* UTF-8 */
  u8 b[4]; u32 n;
  if (!valid_char(c)) __builtin_trap();
  if (c < 0x80) { b[0] = (u8)c; n = 1; }
  else if (c < 0x800) { b[0] = (u8)(0xc0 | (c >> 6)); b[1] = (u8)(0x80 | (c & 0x3f)); n = 2; }
  else if (c < 0x10000) { b[0] = (u8)(0xe0 | (c >> 12)); b[1] = (u8)(0x80 | ((c >> 6) & 0x3f)); b[2] = (u8)(0x80 | (c & 0x3f)); n = 3; }
  else { b[0] = (u8)(0xf0 | (c >> 18)); b[1] = (u8)(0x80 | ((c >> 12) & 0x3f)); b[2] = (u8)(0x80 | ((c >> 6) & 0x3f)); b[3] = (u8)(0x80 | (c & 0x3f)); n = 4; }
  sb_bytes(b, n);
}
static Str sb_end(void) {
  Str s; s.ptr = g_sb; s.len = (u32)((u8 *)heap_alloc(0, 1) - g_sb); return s;
}
static u32 f32_bits(float f) { u32 u; memcpy(&u, &f, 4); return u; }
static u64 f64_bits(double d) { u64 u; memcpy(&u, &d, 8); return u; }
static float bits_f32(u32 u) { float f; memcpy(&f, &u, 4); return f; }
static double bits_f64(u64 u) { double d; memcpy(&d, &u, 8); return d; }

static Str copy_str(Str s) {
  Str r; u8 *p = (u8 *)heap_alloc(s.len ? s.len : 1, 1);
  memcpy(p, s.ptr, s.len); r.ptr = p; r.len = s.len; return r;
}

static void check_item(const Item *it) {
  if (it->color > 2 || it->perms > 0x3ff || !valid_char(it->initial) || it->extra.disc > 1 ||
      (it->extra.disc == 1 && it->extra.some.disc > 1))
    __builtin_trap();
}

#define ITEM_PARAMS                                                                   \
  const u8 *name, u32 name_len, const u8 *tags, u32 tags_len, u32 count, double weight, \
      u32 color, u32 perms, u32 initial, u32 e0, u32 e1, u32 e2, u32 e3

static Item item_from_flat(ITEM_PARAMS) {
  Item it;
  memset(&it, 0, sizeof it);
  it.name.ptr = name; it.name.len = name_len;
  it.tags.ptr = tags; it.tags.len = tags_len;
  it.count = count; it.weight = weight;
  if (color > 2 || perms > 0x3ff || e0 > 1 || (e0 == 1 && e1 > 1)) __builtin_trap();
  it.color = (u8)color; it.perms = (u16)perms; it.initial = initial;
  it.extra.disc = (u8)e0;
  if (e0 == 1) {
    it.extra.some.disc = (u8)e1;
    if (e1 == 0) it.extra.some.v.ok = e2;
    else { it.extra.some.v.err.ptr = (const u8 *)(usize)e2; it.extra.some.v.err.len = e3; }
  }
  check_item(&it);
  return it;
}

/* bump transform, writing a fresh deep copy into *out */
static void bump_item(const Item *in, Item *out) {
  check_item(in);
  memset(out, 0, sizeof *out);
  u8 *n = (u8 *)heap_alloc(in->name.len ? in->name.len : 1, 1);
  for (u32 i = 0; i < in->name.len; i++) {
    u8 c = in->name.ptr[i];
    n[i] = (c >= 'a' && c <= 'z') ? (u8)(c - 32) : c;
  }
  out->name.ptr = n; out->name.len = in->name.len;
  u32 nt = in->tags.len;
  const Str *tin = (const Str *)in->tags.ptr;
  Str *tout = (Str *)heap_alloc(nt ? nt * 8 : 1, 4);
  for (u32 i = 0; i < nt; i++) tout[i] = copy_str(tin[nt - 1 - i]);
  out->tags.ptr = (const u8 *)tout; out->tags.len = nt;
  out->count = in->count + 1;
  out->weight = in->weight * 2.0;
  out->color = (u8)((in->color + 1) % 3);
  out->perms = (u16)(in->perms ^ 0x3ff);
  u32 c = in->initial;
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
  CALL_BEGIN();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  sb_begin();
  sb_str("name="); sb_bytes(it.name.ptr, it.name.len);
  sb_str(";tags=[");
  for (u32 i = 0; i < it.tags.len; i++) {
    const Str *t = (const Str *)it.tags.ptr + i;
    if (i) sb_str(",");
    sb_bytes(t->ptr, t->len);
  }
  sb_str("];count="); sb_u64(it.count);
  sb_str(";weight=0x"); sb_hex(f64_bits(it.weight), 16, 0);
  sb_str(";color="); sb_str(k_colors[it.color]);
  sb_str(";perms={");
  int first = 1;
  for (u32 i = 0; i < 10; i++)
    if (it.perms & (1u << i)) { if (!first) sb_str("|"); sb_str(k_perms[i]); first = 0; }
  sb_str("};initial="); sb_char(it.initial);
  sb_str("(U+"); sb_hex(it.initial, it.initial > 0xffff ? (it.initial > 0xfffff ? 6 : 5) : 4, 1);
  sb_str(");extra=");
  if (it.extra.disc == 0) sb_str("none");
  else if (it.extra.some.disc == 0) { sb_str("ok("); sb_u64(it.extra.some.v.ok); sb_str(")"); }
  else { sb_str("err("); sb_bytes(it.extra.some.v.err.ptr, it.extra.some.v.err.len); sb_str(")"); }
  g_ret_str = sb_end();
  CALL_END();
  return &g_ret_str;
}
KPOST("summarize") void k_post_summarize(u32 r) { (void)r; heap_reset(); }

/* bump: func(it: item) -> item */
KX("bump")
Item *k_bump(ITEM_PARAMS) {
  CALL_BEGIN();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  bump_item(&it, &g_ret_item);
  CALL_END();
  return &g_ret_item;
}
KPOST("bump") void k_post_bump(u32 r) { (void)r; heap_reset(); }

/* edges: func() -> tuple<s8, u8, s16, u16, s64, u64> */
KX("edges")
Ints *k_edges(void) {
  CALL_BEGIN();
  Ints r1, r2;
  memset(&r1, 0, sizeof r1);
  memset(&r2, 0, sizeof r2);
  host_ints(-128, 255, -32768, 65535, (s64)0x8000000000000000ull, (s64)0xffffffffffffffffull, &r1);
  host_ints(127, 0, 32767, 0, (s64)0x7fffffffffffffffull, 0, &r2);
  g_ret_ints.a = (s8)(u8)((u8)r1.a + (u8)r2.a);
  g_ret_ints.b = (u8)(r1.b + r2.b);
  g_ret_ints.c = (s16)(u16)((u16)r1.c + (u16)r2.c);
  g_ret_ints.d = (u16)(r1.d + r2.d);
  g_ret_ints.e = (s64)((u64)r1.e + (u64)r2.e);
  g_ret_ints.f = r1.f + r2.f;
  CALL_END();
  return &g_ret_ints;
}
KPOST("edges") void k_post_edges(u32 r) { (void)r; heap_reset(); }

static Many g_many; /* params tuple the guest passes to host `many` */

/* spill: func(a..p) -> string ; 19 flat params -> one pointer to a Many */
KX("spill")
Str *k_spill(const Many *in) {
  CALL_BEGIN();
  if (!valid_char(in->h)) __builtin_trap();
  g_many = *in;
  g_many.i = in->i ? 1 : 0;
  u64 host = host_many(&g_many);
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
  CALL_END();
  return &g_ret_str;
}
KPOST("spill") void k_post_spill(u32 r) { (void)r; heap_reset(); }

static const u8 k_hello[] = "h\xc3\xa9llo";           /* "héllo" */
static const u8 k_grin[] = "\xf0\x9f\x98\x80";        /* U+1F600 */
static const u8 k_label[] = "\xc3\xbcn\xc3\xaf\xe2\x9c\x93"; /* "ünï✓" */

/* call-many: func() -> u64 */
KX("call-many")
u64 k_call_many(void) {
  CALL_BEGIN();
  memset(&g_many, 0, sizeof g_many);
  g_many.a = (s32)0x80000000u;
  g_many.b = (s64)0x7fffffffffffffffull;
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
  u64 r = host_many(&g_many) + 1;
  CALL_END();
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
  CALL_BEGIN();
  OptRes *out = (OptRes *)heap_alloc(4 * sizeof(OptRes), 4);
  host_pick(2, 0x109, 0, (s32)0x3fc00000u, 0, &g_pick_ret);                  /* blue, {read|admin|rename}, circle(1.5) */
  map_optres(&g_pick_ret, &out[0]);
  host_pick(1, 0, 1, (s32)0x40200000u, (s32)0x80000000u, &g_pick_ret);     /* green, {}, rect(2.5, -0.0) */
  map_optres(&g_pick_ret, &out[1]);
  host_pick(0, 0x3ff, 2, (s32)(usize)k_label, 8, &g_pick_ret);               /* red, all, label("ünï✓"), 8 bytes */
  map_optres(&g_pick_ret, &out[2]);
  host_pick(2, 0x4, 3, 0, 0, &g_pick_ret);                                   /* blue, {exec}, empty */
  map_optres(&g_pick_ret, &out[3]);
  g_ret_str.ptr = (const u8 *)out; g_ret_str.len = 4;
  CALL_END();
  return &g_ret_str;
}
KPOST("pick-all") void k_post_pick_all(u32 r) { (void)r; heap_reset(); }

static const u8 k_empty[] = "empty";

/* reshape: func(s: list<shape>) -> list<shape> */
KX("reshape")
Str *k_reshape(const Shape *in, u32 n) {
  CALL_BEGIN();
  Shape *out = (Shape *)heap_alloc(n ? n * (u32)sizeof(Shape) : 1, 4);
  for (u32 i = 0; i < n; i++) {
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
  g_ret_str.ptr = (const u8 *)out; g_ret_str.len = n;
  CALL_END();
  return &g_ret_str;
}
KPOST("reshape") void k_post_reshape(u32 r) { (void)r; heap_reset(); }

static Str g_items_ret;

/* fetch: func(n: u32) -> list<item> */
KX("fetch")
Str *k_fetch(u32 n) {
  CALL_BEGIN();
  g_items_ret.ptr = 0; g_items_ret.len = 0;
  host_items(n, &g_items_ret);
  u32 len = g_items_ret.len;
  const Item *in = (const Item *)g_items_ret.ptr;
  if ((u32)(usize)in & 7) __builtin_trap();
  Item *out = (Item *)heap_alloc(len ? len * (u32)sizeof(Item) : 1, 8);
  for (u32 i = 0; i < len; i++) bump_item(&in[len - 1 - i], &out[i]);
  g_ret_str.ptr = (const u8 *)out; g_ret_str.len = len;
  CALL_END();
  return &g_ret_str;
}
KPOST("fetch") void k_post_fetch(u32 r) { (void)r; heap_reset(); }

static Str g_describe_ret;

/* relay: func(it: item) -> string */
KX("relay")
Str *k_relay(ITEM_PARAMS) {
  CALL_BEGIN();
  Item it = item_from_flat(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, e1, e2, e3);
  (void)it;
  /* forward exactly the flat values received; unused payload slots as 0 */
  u32 f2 = e0 == 1 ? e2 : 0, f3 = (e0 == 1 && e1 == 1) ? e3 : 0, f1 = e0 == 1 ? e1 : 0;
  g_describe_ret.ptr = 0; g_describe_ret.len = 0;
  host_describe(name, name_len, tags, tags_len, count, weight, color, perms, initial, e0, f1, f2, f3,
                &g_describe_ret);
  sb_begin(); sb_str("host:"); sb_bytes(g_describe_ret.ptr, g_describe_ret.len);
  g_ret_str = sb_end();
  CALL_END();
  return &g_ret_str;
}
KPOST("relay") void k_post_relay(u32 r) { (void)r; heap_reset(); }
