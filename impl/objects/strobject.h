/* str: immutable Unicode text, stored as UTF-8 with its length in code
 * points, its hash (computed once) and whether it is all ASCII (then
 * indexing is by byte). */
#ifndef REFPY_STROBJECT_H
#define REFPY_STROBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    ssize_t length;  /* code points */
    ssize_t size;    /* bytes, without the terminating NUL */
    int64_t hash;    /* -1 until computed */
    bool ascii;
    bool interned;
    char data[];     /* UTF-8, NUL-terminated */
} RStr;

extern RType r_str_type;

#define R_STR_CHECK(o) r_typecheck((RObject *)(o), &r_str_type)

/* From valid UTF-8 (the caller guarantees it). */
RObject *r_str_from_utf8(const char *s, size_t size);
RObject *r_str_from_cstr(const char *s);
/* An interned str for an identifier: one object per text, immortal. */
RObject *r_str_intern(const char *s);
static inline const char *r_str_utf8(RObject *s) { return ((RStr *)s)->data; }
static inline ssize_t r_str_size(RObject *s) { return ((RStr *)s)->size; }
static inline ssize_t r_str_length(RObject *s) { return ((RStr *)s)->length; }
bool r_str_equal(RObject *a, RObject *b);
bool r_str_equal_cstr(RObject *s, const char *c);
RObject *r_str_concat(RObject *a, RObject *b);
/* Joins the str items of a sequence with sep. */
RObject *r_str_join(RObject *sep, RObject *iterable);
/* CPython's repr of a str: quotes chosen as CPython chooses them. */
RObject *r_str_repr(RObject *s);
int64_t r_str_hash(RObject *s);
/* One code point as a str; s[start:end] in code points (clamped). */
RObject *r_str_from_codepoint(uint32_t cp);
RObject *r_str_substring(RObject *s, ssize_t start, ssize_t end);
/* The str/bytes hash of raw bytes (SipHash-1-3, as CPython 3.11+). */
int64_t r_hash_bytes(const void *data, size_t n);

/* UTF-8 and the character properties str's methods use. */
uint32_t r_utf8_decode(const char **p); /* one code point; advances *p */
size_t r_utf8_encode(uint32_t cp, char *out); /* 1 to 4 bytes */
bool r_unicode_isspace(uint32_t cp);
int r_unicode_decimal(uint32_t cp); /* 0..9, or -1 */
bool r_unicode_isprintable(uint32_t cp);

/* A growable UTF-8 buffer for building str results. */
typedef struct {
    char *data;
    size_t size, cap;
    bool ascii;
} r_str_builder;

void r_sb_init(r_str_builder *b);
void r_sb_append(r_str_builder *b, const char *s, size_t n);
void r_sb_append_cstr(r_str_builder *b, const char *s);
void r_sb_append_str(r_str_builder *b, RObject *str);
void r_sb_append_codepoint(r_str_builder *b, uint32_t cp);
void r_sb_printf(r_str_builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The built str (a new reference, NULL on memory error); frees the buffer. */
RObject *r_sb_finish(r_str_builder *b);
void r_sb_discard(r_str_builder *b);

#endif
