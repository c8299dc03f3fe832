/* str: CPython's Objects/unicodeobject.c and Objects/stringlib semantics on
 * UTF-8 text. Indices are code points; an all-ASCII string (the common
 * case) is indexed by byte. Lone surrogates (from "\ud800") are kept in the
 * three-byte form UTF-8 would give them, and refused by encode(). */
#define _GNU_SOURCE /* memmem */
#include "strobject.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "boolobject.h"
#include "bytesobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "format.h"
#include "intobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "tupleobject.h"

/* ---- UTF-8 ---- */

uint32_t r_utf8_decode(const char **pp)
{
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    int n;
    if (c < 0x80) {
        n = 1;
    } else if (c < 0xE0) {
        c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
        n = 2;
    } else if (c < 0xF0) {
        c = ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        n = 3;
    } else {
        c = ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) |
            (p[3] & 0x3F);
        n = 4;
    }
    *pp += n;
    return c;
}

size_t r_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static ssize_t utf8_count(const char *s, size_t n, bool *ascii)
{
    ssize_t count = 0;
    bool all_ascii = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            all_ascii = false;
        if ((c & 0xC0) != 0x80)
            count++;
    }
    *ascii = all_ascii;
    return count;
}

/* ---- character properties (Unicode 15.0, as CPython 3.12) ----
 * Exact for white space, decimal digits and printability (what reprs,
 * split(), strip() and int() depend on); case mappings and letters beyond
 * Latin-1 come from the C library's C.UTF-8 tables.
 * version: 3.8 has Unicode 12.1, 3.9 13.0, 3.10-3.11 14.0, 3.13 15.1 */

bool r_unicode_isspace(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* the zero of every run of ten Unicode decimal digits (category Nd) */
static const uint32_t decimal_zeros[] = {
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950,
    0x1fbf0,
};

int r_unicode_decimal(uint32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
    size_t lo = 0, hi = sizeof decimal_zeros / sizeof decimal_zeros[0];
    while (lo < hi) { /* the last zero <= c */
        size_t mid = (lo + hi) / 2;
        if (decimal_zeros[mid] <= c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    uint32_t d = c - decimal_zeros[lo - 1];
    return d < 10 ? (int)d : -1;
}

/* Non-printable characters (categories Cc Cf Cs Co Cn Zl Zp Zs but the
 * space) as runs: gap from the end of the previous run, then length, in
 * hex; generated from CPython 3.12's str.isprintable. */
static const char nonprintable_runs[] =
    "0,20,5f,22,c,1,2ca,2,6,4,7,1,1,1,14,1,18d,1,26,2,32,2,3,1,37,8,1b,4,6,11,16,1,c0,1,30,2,"
    "3b,2,65,e,3b,2,31,2,f,1,1c,2,1,1,b,5,1f,9,4a,1,a1,1,8,2,2,2,16,1,7,1,1,3,4,2,9,2,2,2,4,"
    "8,1,4,2,1,5,2,19,2,3,1,6,4,2,2,16,1,7,1,2,1,2,1,2,2,1,1,5,4,2,2,3,3,1,7,4,1,1,7,11,a,3,"
    "1,9,1,3,1,16,1,7,1,2,1,5,2,a,1,3,1,3,2,1,f,4,2,c,7,7,1,3,1,8,2,2,2,16,1,7,1,2,1,5,2,9,2,"
    "2,2,3,7,3,4,2,1,5,2,12,a,2,1,6,3,3,1,4,3,2,1,1,1,2,3,2,3,3,3,c,4,5,3,3,1,4,2,1,6,1,e,15,"
    "5,d,1,3,1,17,1,10,2,9,1,3,1,4,7,2,1,3,2,1,2,4,2,a,7,16,1,3,1,17,1,a,1,5,2,9,1,3,1,4,7,2,"
    "6,2,1,4,2,a,1,3,c,d,1,3,1,33,1,3,1,6,4,10,2,1a,1,3,1,12,3,18,1,9,1,1,2,7,3,1,4,6,1,1,1,"
    "8,6,a,2,3,c,3a,4,1d,25,2,1,1,1,5,1,18,1,1,1,17,2,5,1,1,1,7,1,a,2,4,20,48,1,24,4,27,1,24,"
    "1,f,1,d,25,c6,1,1,5,1,2,179,1,4,2,7,1,1,1,4,2,29,1,4,2,21,1,4,2,7,1,1,1,4,2,f,1,39,1,4,"
    "2,43,2,20,3,1a,6,56,2,6,2,280,1,1c,3,59,7,16,9,18,9,14,c,d,1,3,1,2,c,5e,2,a,6,a,6,e,1,b,"
    "6,59,7,2b,5,46,a,1f,1,c,4,c,4,1,3,2a,2,5,b,2c,4,1a,6,b,3,3e,2,41,1,1d,2,b,6,a,6,e,2,1f,"
    "31,4d,3,2f,1,74,8,3c,3,f,3,3c,7,2b,2,b,8,2b,5,216,2,6,2,26,2,6,2,8,1,1,1,1,1,1,1,1f,2,"
    "35,1,f,1,e,2,6,1,13,2,3,1,9,11,18,8,2f,11,2,2,1b,1,d,3,21,f,21,f,8c,4,297,19,b,15,714,2,"
    "20,1,15d,5,2d,1,1,5,1,2,38,7,2,e,18,9,7,1,7,1,7,1,7,1,7,1,7,1,7,1,7,1,7e,22,1a,1,59,c,"
    "d6,1a,c,5,3f,1,56,2,67,5,2b,1,5e,1,54,c,2f,1,726d,3,37,9,15c,14,b8,8,cb,5,2,1,1,1,5,18,"
    "3b,3,a,6,38,8,46,8,c,6,74,b,1e,3,4e,1,b,4,21,1,37,9,e,2,a,2,67,18,1c,a,6,2,6,2,6,9,7,1,"
    "7,1,3c,4,7e,2,a,6,2ba4,c,17,4,31,2104,16e,2,6a,26,7,c,5,5,1a,1,5,1,1,1,2,1,2,1,7d,10,"
    "1bd,2,36,7,1,20,2a,6,33,1,13,1,4,4,5,1,87,4,be,3,6,2,6,2,6,2,3,3,7,1,7,d,2,2,c,1,1a,1,"
    "13,1,2,1,f,2,e,22,7b,5,3,4,2d,3,58,1,d,3,1,2f,2e,82,1d,3,31,f,1c,4,24,9,1e,5,2b,5,1e,1,"
    "25,4,e,2a,9e,2,a,6,24,4,24,4,28,8,34,b,c,1,f,1,7,1,2,1,b,1,f,1,7,1,2,43,137,9,16,a,8,18,"
    "6,1,2a,1,9,45,6,2,1,1,2c,1,2,3,1,2,17,1,48,8,9,30,13,1,2,5,21,3,1b,5,1,40,38,4,14,2,32,"
    "1,2,5,8,1,3,1,1d,2,3,4,a,7,9,7,40,20,27,4,c,9,36,3,1d,2,1b,5,1a,7,4,c,7,50,49,37,33,d,"
    "33,7,2e,8,a,126,1f,1,2a,1,3,2,2,4b,2b,8,2a,16,1a,26,1c,14,17,9,4e,4,24,9,3e,1,5,d,19,7,"
    "a,6,35,1,12,8,27,9,60,1,14,b,12,1,2f,3e,7,1,1,1,4,1,f,1,b,6,3b,5,a,6,4,1,8,2,2,2,16,1,7,"
    "1,2,1,5,1,a,2,2,2,3,2,1,6,1,5,7,2,7,3,5,8b,5c,1,5,1e,48,8,a,a6,36,2,26,22,45,b,a,6,d,13,"
    "3a,6,a,36,1b,2,f,4,17,b9,3c,64,53,c,8,2,1,2,8,1,2,1,1e,1,2,2,c,9,a,46,8,2,2e,2,b,1b,48,"
    "8,53,d,49,7,a,f6,9,1,2d,1,e,a,1d,3,20,2,16,1,e,49,7,1,2,1,2c,3,1,1,2,1,9,8,a,6,6,1,2,1,"
    "25,1,2,1,6,7,a,136,19,7,11,1,29,3,1c,56,1,f,32,d,39b,66,6f,1,5,b,c4,a4c,63,d,430,10,16,"
    "faa,247,21b9,239,7,1f,1,a,4,51,1,a,6,1e,2,6,a,46,a,a,1,7,1,15,5,13,2b0,5b,65,4b,4,39,7,"
    "11,40,5,b,2,e,17f8,8,4d6,2a,9,22e7,4,1,7,1,2,1,123,f,1,1d,3,2,1,e,4,8,18c,904,6b,5,d,3,"
    "9,7,a,2,4,1260,2e,2,17,9,74,3c,f6,a,27,2,4a,8,70,15,46,7a,14,c,14,c,57,9,19,87,55,1,47,"
    "1,2,2,1,2,2,2,4,1,c,1,1,1,7,1,41,1,4,2,8,1,7,1,1c,1,4,1,5,1,1,3,7,1,154,2,124,2,2be,f,5,"
    "1,f,450,1f,6,6,d5,7,1,11,2,7,1,2,1,5,5,3e,21,1,70,2d,3,e,2,a,4,2,140,1f,11,3a,5,1,1d0,"
    "2a,2e6,7,1,4,1,2,1,f,1,c5,2,10,29,4c,4,a,4,2,311,44,4c,3d,c2,4,1,1b,1,2,1,1,2,1,1,a,1,4,"
    "1,1,1,1,6,1,4,1,1,1,1,1,1,3,1,2,1,1,2,1,1,1,1,1,1,1,1,1,1,2,1,1,2,4,1,7,1,4,1,4,1,1,1,a,"
    "1,11,5,3,1,5,1,11,34,2,10e,2c,4,64,c,f,2,f,1,f,1,25,a,ae,38,1d,d,2c,4,9,7,2,e,6,9a,3d8,"
    "4,11,3,d,3,77,4,5f,6,c,4,1,f,c,4,38,8,a,6,28,8,1e,2,2,4e,154,c,e,2,d,3,9,7,2e,1,7,8,e,4,"
    "9,7,9,7,93,1,37,25,a,406,a6e0,20,103a,6,de,2,1682,e,1d31,c1f,21e,5e2,134b,5,1060,add50,"
    "f0,2fe10"
    ;

static uint32_t *nonprint_table; /* start, end (inclusive) pairs */
static size_t nonprint_count;

static void load_nonprint(void)
{
    size_t n = 1;
    for (const char *p = nonprintable_runs; *p; p++)
        n += *p == ',';
    nonprint_table = malloc(n * sizeof(uint32_t));
    if (!nonprint_table)
        abort(); /* start-up sized, never fails in practice */
    uint32_t pos = 0;
    const char *p = nonprintable_runs;
    size_t k = 0;
    while (*p) {
        char *end;
        uint32_t gap = (uint32_t)strtoul(p, &end, 16);
        uint32_t len = (uint32_t)strtoul(end + 1, &end, 16);
        nonprint_table[k++] = pos + gap;
        nonprint_table[k++] = pos + gap + len - 1;
        pos += gap + len;
        p = *end ? end + 1 : end;
    }
    nonprint_count = k / 2;
}

bool r_unicode_isprintable(uint32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c < 0x7F;
    if (!nonprint_table)
        load_nonprint();
    size_t lo = 0, hi = nonprint_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nonprint_table[2 * mid + 1] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return !(lo < nonprint_count && nonprint_table[2 * lo] <= c);
}

static locale_t ctype_locale(void)
{
    static locale_t loc;
    static bool tried;
    if (!tried) {
        tried = true;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

static bool is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    locale_t l = ctype_locale();
    return l && iswupper_l((wint_t)c, l);
}

static bool is_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    locale_t l = ctype_locale();
    return l && iswlower_l((wint_t)c, l);
}

static bool is_alpha(uint32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    /* the C library counts other scripts' digits as letters; Python does not */
    if (r_unicode_decimal(c) >= 0)
        return false;
    locale_t l = ctype_locale();
    return l && iswalpha_l((wint_t)c, l);
}

static bool is_digit(uint32_t c)
{
    /* decimals plus the Latin-1 superscripts; other "digit" characters
     * (circled digits...) are outside what refpy knows */
    return r_unicode_decimal(c) >= 0 || c == 0xB2 || c == 0xB3 || c == 0xB9;
}

static bool is_numeric(uint32_t c)
{
    return is_digit(c) || c == 0xBC || c == 0xBD || c == 0xBE;
}

enum { CASE_LOWER, CASE_UPPER, CASE_TITLE, CASE_FOLD };

/* The full case mapping of c into out (1 to 3 code points). */
static int map_case(uint32_t c, int mode, uint32_t out[3])
{
    if (c < 0x80) {
        if (mode == CASE_LOWER || mode == CASE_FOLD)
            out[0] = c >= 'A' && c <= 'Z' ? c + 32 : c;
        else
            out[0] = c >= 'a' && c <= 'z' ? c - 32 : c;
        return 1;
    }
    if (c == 0xDF && mode != CASE_LOWER) { /* sharp s */
        out[0] = mode == CASE_FOLD ? 's' : 'S';
        out[1] = mode == CASE_UPPER ? 'S' : 's';
        return 2;
    }
    if (c == 0x130 && mode == CASE_LOWER) { /* dotted capital I */
        out[0] = 'i';
        out[1] = 0x307;
        return 2;
    }
    locale_t l = ctype_locale();
    if (!l) {
        out[0] = c;
        return 1;
    }
    out[0] = mode == CASE_LOWER || mode == CASE_FOLD ? (uint32_t)towlower_l((wint_t)c, l)
                                : (uint32_t)towupper_l((wint_t)c, l);
    return 1;
}

/* ---- allocation, the empty string and one-character ASCII strings ---- */

static RObject *empty_str;
static RObject *ascii_chars[128];

static RStr *str_alloc(size_t size)
{
    RStr *s = (RStr *)r_alloc_var(&r_str_type, size + 1);
    if (!s)
        return NULL;
    s->size = (ssize_t)size;
    s->hash = -1;
    return s;
}

static RObject *make_immortal(RObject *o)
{
    if (o)
        o->refcnt = R_IMMORTAL;
    return o;
}

static RObject *str_from_known(const char *s, size_t n, ssize_t length, bool ascii)
{
    if (n == 0) {
        if (!empty_str) {
            RStr *e = str_alloc(0);
            if (!e)
                return NULL;
            e->ascii = true;
            empty_str = make_immortal((RObject *)e);
        }
        return r_incref(empty_str);
    }
    if (n == 1 && (unsigned char)s[0] < 0x80) {
        unsigned char c = (unsigned char)s[0];
        if (!ascii_chars[c]) {
            RStr *o = str_alloc(1);
            if (!o)
                return NULL;
            o->data[0] = (char)c;
            o->length = 1;
            o->ascii = true;
            ascii_chars[c] = make_immortal((RObject *)o);
        }
        return r_incref(ascii_chars[c]);
    }
    RStr *o = str_alloc(n);
    if (!o)
        return NULL;
    memcpy(o->data, s, n);
    o->length = length;
    o->ascii = ascii;
    return (RObject *)o;
}

RObject *r_str_from_utf8(const char *s, size_t size)
{
    bool ascii;
    ssize_t length = utf8_count(s, size, &ascii);
    return str_from_known(s, size, length, ascii);
}

RObject *r_str_from_cstr(const char *s)
{
    return r_str_from_utf8(s, strlen(s));
}

RObject *r_str_from_codepoint(uint32_t cp)
{
    char buf[4];
    size_t n = r_utf8_encode(cp, buf);
    return str_from_known(buf, n, 1, cp < 0x80);
}

/* A substring given by byte pointers into s. */
static RObject *str_bytes_slice(RObject *s, const char *a, const char *b)
{
    if (a == r_str_utf8(s) && b - a == r_str_size(s) && R_TYPE(s) == &r_str_type)
        return r_incref(s); /* the whole of an exact str: itself, as CPython */
    if (((RStr *)s)->ascii)
        return str_from_known(a, (size_t)(b - a), b - a, true);
    return r_str_from_utf8(a, (size_t)(b - a));
}

/* Where code point i (0 <= i <= length) starts. */
static const char *str_offset(RObject *s, ssize_t i)
{
    RStr *o = (RStr *)s;
    if (o->ascii)
        return o->data + i;
    if (i >= o->length)
        return o->data + o->size;
    const char *p = o->data;
    while (i > 0) {
        p++;
        if ((*p & 0xC0) != 0x80)
            i--;
    }
    return p;
}

/* The code point index of byte pointer p in s. */
static ssize_t str_index_of(RObject *s, const char *p)
{
    RStr *o = (RStr *)s;
    if (o->ascii)
        return p - o->data;
    bool ascii;
    return utf8_count(o->data, (size_t)(p - o->data), &ascii);
}

RObject *r_str_substring(RObject *s, ssize_t start, ssize_t end)
{
    ssize_t len = r_str_length(s);
    if (start < 0)
        start = 0;
    if (end > len)
        end = len;
    if (start >= end)
        return str_from_known("", 0, 0, true);
    return str_bytes_slice(s, str_offset(s, start), str_offset(s, end));
}

/* ---- interning ---- */

static RObject **intern_table;
static size_t intern_cap, intern_used;

/* The table is keyed by the hash of the UTF-8 text, so that a C string can
 * be looked up before any object is made. */
static size_t intern_slot(RObject **table, size_t cap, const char *s, size_t n)
{
    size_t i = (size_t)r_hash_bytes(s, n) & (cap - 1);
    while (table[i]) {
        RObject *o = table[i];
        if ((size_t)r_str_size(o) == n && memcmp(r_str_utf8(o), s, n) == 0)
            break;
        i = (i + 1) & (cap - 1);
    }
    return i;
}

/* Most callers name a string literal, the same address every time: a small
 * cache keyed by the address spares hashing the text again (the content is
 * still compared, as an address may be a buffer that was reused). */
enum { INTERN_CACHE_SIZE = 256 };
static struct {
    const char *key;
    RObject *str;
} intern_cache[INTERN_CACHE_SIZE];

static RObject *intern_text(const char *s);

RObject *r_str_intern(const char *s)
{
    size_t slot = ((uintptr_t)s >> 3) % INTERN_CACHE_SIZE;
    if (intern_cache[slot].key == s && strcmp(r_str_utf8(intern_cache[slot].str), s) == 0)
        return r_incref(intern_cache[slot].str);
    RObject *o = intern_text(s);
    if (o) {
        intern_cache[slot].key = s;
        intern_cache[slot].str = o; /* immortal */
    }
    return o;
}

static RObject *intern_text(const char *s)
{
    size_t n = strlen(s);
    if (intern_used * 2 >= intern_cap) {
        size_t cap = intern_cap ? intern_cap * 2 : 1024;
        RObject **table = calloc(cap, sizeof *table);
        if (!table)
            return r_err_no_memory();
        for (size_t i = 0; i < intern_cap; i++) {
            RObject *o = intern_table[i];
            if (o)
                table[intern_slot(table, cap, r_str_utf8(o), (size_t)r_str_size(o))] = o;
        }
        free(intern_table);
        intern_table = table;
        intern_cap = cap;
    }
    size_t i = intern_slot(intern_table, intern_cap, s, n);
    if (!intern_table[i]) {
        RObject *o = r_str_from_utf8(s, n);
        if (!o)
            return NULL;
        ((RStr *)o)->interned = true;
        intern_table[i] = make_immortal(o);
        intern_used++;
    }
    return r_incref(intern_table[i]);
}

/* ---- hashing ----
 * SipHash-1-3 with an all-zero key: the str and bytes hashes of CPython
 * 3.11+ run with PYTHONHASHSEED=0 (CPython randomises the key per process;
 * no case may depend on str hashes, so a fixed key is as good and makes
 * refpy's set order reproducible). CPython hashes a str in its internal
 * one-, two- or four-byte form, so that form is hashed here too.
 * version: 3.8-3.10 use SipHash-2-4 */

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND(v0, v1, v2, v3)                                                     \
    do {                                                                             \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);                    \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                                       \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                                       \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);                    \
    } while (0)

static uint64_t siphash13(const unsigned char *p, size_t n)
{
    uint64_t v0 = 0x736f6d6570736575ULL, v1 = 0x646f72616e646f6dULL;
    uint64_t v2 = 0x6c7967656e657261ULL, v3 = 0x7465646279746573ULL;
    uint64_t b = (uint64_t)n << 56;
    size_t blocks = n / 8;
    for (size_t i = 0; i < blocks; i++, p += 8) {
        uint64_t m = 0;
        for (int k = 7; k >= 0; k--)
            m = (m << 8) | p[k];
        v3 ^= m;
        SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    for (size_t k = 0; k < n % 8; k++)
        b |= (uint64_t)p[k] << (8 * k);
    v3 ^= b;
    SIPROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

int64_t r_hash_bytes(const void *data, size_t n)
{
    if (n == 0)
        return 0;
    int64_t h = (int64_t)siphash13(data, n);
    return h == -1 ? -2 : h;
}

int64_t r_str_hash(RObject *s)
{
    RStr *o = (RStr *)s;
    if (o->hash != -1)
        return o->hash;
    if (o->ascii) {
        o->hash = r_hash_bytes(o->data, (size_t)o->size);
        return o->hash;
    }
    uint32_t maxc = 0;
    for (const char *p = o->data, *end = p + o->size; p < end;) {
        uint32_t c = r_utf8_decode(&p);
        if (c > maxc)
            maxc = c;
    }
    size_t width = maxc < 0x100 ? 1 : maxc < 0x10000 ? 2 : 4;
    unsigned char *buf = malloc((size_t)o->length * width);
    if (!buf)
        return r_hash_bytes(o->data, (size_t)o->size); /* still a valid hash */
    size_t k = 0;
    for (const char *p = o->data, *end = p + o->size; p < end;) {
        uint32_t c = r_utf8_decode(&p);
        for (size_t i = 0; i < width; i++) /* little-endian, as CPython on x86 */
            buf[k++] = (unsigned char)(c >> (8 * i));
    }
    o->hash = r_hash_bytes(buf, k);
    free(buf);
    return o->hash;
}

/* ---- the builder ---- */

void r_sb_init(r_str_builder *b)
{
    b->data = NULL;
    b->size = b->cap = 0;
    b->ascii = true;
}

static bool sb_reserve(r_str_builder *b, size_t extra)
{
    if (b->cap == (size_t)-1)
        return false; /* an earlier allocation failed */
    if (b->size + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->size + extra + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        free(b->data);
        b->data = NULL;
        b->cap = (size_t)-1;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

static void sb_append_known(r_str_builder *b, const char *s, size_t n, bool ascii)
{
    if (n == 0 || !sb_reserve(b, n))
        return;
    memcpy(b->data + b->size, s, n);
    b->size += n;
    b->ascii = b->ascii && ascii;
}

void r_sb_append(r_str_builder *b, const char *s, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    sb_append_known(b, s, n, ascii);
}

void r_sb_append_cstr(r_str_builder *b, const char *s)
{
    r_sb_append(b, s, strlen(s));
}

void r_sb_append_str(r_str_builder *b, RObject *str)
{
    sb_append_known(b, r_str_utf8(str), (size_t)r_str_size(str), ((RStr *)str)->ascii);
}

void r_sb_append_codepoint(r_str_builder *b, uint32_t cp)
{
    char buf[4];
    size_t n = r_utf8_encode(cp, buf);
    sb_append_known(b, buf, n, cp < 0x80);
}

static void sb_fill(r_str_builder *b, uint32_t cp, ssize_t count)
{
    for (ssize_t i = 0; i < count; i++)
        r_sb_append_codepoint(b, cp);
}

void r_sb_printf(r_str_builder *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        r_sb_append(b, tmp, (size_t)n);
        return;
    }
    if (!sb_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->size, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bool ascii = true;
    for (int i = 0; i < n && ascii; i++)
        ascii = (unsigned char)b->data[b->size + (size_t)i] < 0x80;
    b->size += (size_t)n;
    b->ascii = b->ascii && ascii;
}

RObject *r_sb_finish(r_str_builder *b)
{
    if (b->cap == (size_t)-1)
        return r_err_no_memory();
    RObject *r;
    if (b->ascii)
        r = str_from_known(b->data ? b->data : "", b->size, (ssize_t)b->size, true);
    else
        r = r_str_from_utf8(b->data, b->size);
    free(b->data);
    r_sb_init(b);
    return r;
}

void r_sb_discard(r_str_builder *b)
{
    if (b->cap != (size_t)-1)
        free(b->data);
    r_sb_init(b);
}

/* ---- equality, concatenation, join, repr ---- */

bool r_str_equal(RObject *a, RObject *b)
{
    if (a == b)
        return true;
    RStr *x = (RStr *)a, *y = (RStr *)b;
    if (x->size != y->size || (x->interned && y->interned))
        return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return false;
    return memcmp(x->data, y->data, (size_t)x->size) == 0;
}

bool r_str_equal_cstr(RObject *s, const char *c)
{
    size_t n = strlen(c);
    return (size_t)r_str_size(s) == n && memcmp(r_str_utf8(s), c, n) == 0;
}

RObject *r_str_concat(RObject *a, RObject *b)
{
    RStr *x = (RStr *)a, *y = (RStr *)b;
    if (y->size == 0 && R_TYPE(a) == &r_str_type)
        return r_incref(a);
    if (x->size == 0 && R_TYPE(b) == &r_str_type)
        return r_incref(b);
    RStr *r = str_alloc((size_t)(x->size + y->size));
    if (!r)
        return NULL;
    memcpy(r->data, x->data, (size_t)x->size);
    memcpy(r->data + x->size, y->data, (size_t)y->size);
    r->length = x->length + y->length;
    r->ascii = x->ascii && y->ascii;
    return (RObject *)r;
}

RObject *r_str_join(RObject *sep, RObject *iterable)
{
    RObject *seq = r_sequence_tuple(iterable);
    if (!seq) {
        if (r_err_matches(r_exc_TypeError)) {
            r_err_clear();
            r_err_format(r_exc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    ssize_t n = R_TUPLE_SIZE(seq);
    if (n == 1 && R_TYPE(R_TUPLE_GET(seq, 0)) == &r_str_type) {
        RObject *only = r_incref(R_TUPLE_GET(seq, 0));
        R_DECREF(seq);
        return only;
    }
    r_str_builder b;
    r_sb_init(&b);
    for (ssize_t i = 0; i < n; i++) {
        RObject *item = R_TUPLE_GET(seq, i);
        if (!R_STR_CHECK(item)) {
            r_sb_discard(&b);
            R_DECREF(seq);
            return r_err_format(r_exc_TypeError,
                                "sequence item %zd: expected str instance, %.80s found", i,
                                R_TYPE(item)->name);
        }
        if (i > 0)
            r_sb_append_str(&b, sep);
        r_sb_append_str(&b, item);
    }
    R_DECREF(seq);
    return r_sb_finish(&b);
}

/* CPython's unicode_repr: single quotes unless the text has a ' and no ". */
RObject *r_str_repr(RObject *s)
{
    const char *p = r_str_utf8(s), *end = p + r_str_size(s);
    bool has_single = memchr(p, '\'', (size_t)(end - p)) != NULL;
    bool has_double = memchr(p, '"', (size_t)(end - p)) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append(&b, &quote, 1);
    while (p < end) {
        const char *start = p;
        uint32_t c = r_utf8_decode(&p);
        if (c == (uint32_t)quote || c == '\\') {
            char esc[2] = {'\\', (char)c};
            r_sb_append(&b, esc, 2);
        } else if (c == '\t') {
            r_sb_append(&b, "\\t", 2);
        } else if (c == '\n') {
            r_sb_append(&b, "\\n", 2);
        } else if (c == '\r') {
            r_sb_append(&b, "\\r", 2);
        } else if (r_unicode_isprintable(c)) {
            sb_append_known(&b, start, (size_t)(p - start), c < 0x80);
        } else if (c <= 0xFF) {
            r_sb_printf(&b, "\\x%02x", c);
        } else if (c <= 0xFFFF) {
            r_sb_printf(&b, "\\u%04x", c);
        } else {
            r_sb_printf(&b, "\\U%08x", c);
        }
    }
    r_sb_append(&b, &quote, 1);
    return r_sb_finish(&b);
}

/* ---- slots ---- */

static void str_dealloc(RObject *o)
{
    r_free(o);
}

static RObject *str_str(RObject *o)
{
    if (R_TYPE(o) == &r_str_type)
        return r_incref(o);
    RStr *s = (RStr *)o;
    return str_from_known(s->data, (size_t)s->size, s->length, s->ascii);
}

static int64_t str_hash_slot(RObject *o)
{
    return r_str_hash(o);
}

static RObject *str_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (!R_STR_CHECK(b))
        return r_incref(R_NOTIMPLEMENTED);
    if (op == R_EQ || op == R_NE)
        return r_bool_from_long(r_str_equal(a, b) == (op == R_EQ));
    /* UTF-8 byte order is code point order */
    RStr *x = (RStr *)a, *y = (RStr *)b;
    size_t n = (size_t)(x->size < y->size ? x->size : y->size);
    int c = memcmp(x->data, y->data, n);
    if (c == 0)
        c = x->size < y->size ? -1 : x->size > y->size;
    bool r;
    switch (op) {
    case R_LT: r = c < 0; break;
    case R_LE: r = c <= 0; break;
    case R_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return r_bool_from_long(r);
}

static ssize_t str_len(RObject *o)
{
    return r_str_length(o);
}

static RObject *str_getitem(RObject *s, RObject *key)
{
    ssize_t len = r_str_length(s);
    if (R_TYPE(key)->nb_index) {
        ssize_t i = r_number_as_ssize(key, r_exc_IndexError);
        if (i == -1 && r_err_occurred())
            return NULL;
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return r_err_format(r_exc_IndexError, "string index out of range");
        const char *p = str_offset(s, i), *q = p;
        r_utf8_decode(&q);
        return str_bytes_slice(s, p, q);
    }
    if (R_SLICE_CHECK(key)) {
        ssize_t start, stop, step, n;
        if (r_slice_indices(key, len, &start, &stop, &step, &n) < 0)
            return NULL;
        if (step == 1)
            return r_str_substring(s, start, stop);
        r_str_builder b;
        r_sb_init(&b);
        if (((RStr *)s)->ascii) {
            for (ssize_t k = 0, i = start; k < n; k++, i += step)
                sb_append_known(&b, r_str_utf8(s) + i, 1, true);
        } else {
            /* decode once: stepping through UTF-8 from both ends */
            uint32_t *cps = malloc((size_t)len * sizeof *cps);
            if (!cps)
                return r_err_no_memory();
            const char *p = r_str_utf8(s);
            for (ssize_t i = 0; i < len; i++)
                cps[i] = r_utf8_decode(&p);
            for (ssize_t k = 0, i = start; k < n; k++, i += step)
                r_sb_append_codepoint(&b, cps[i]);
            free(cps);
        }
        return r_sb_finish(&b);
    }
    /* version: 3.8-3.10 say "string indices must be integers" */
    return r_err_format(r_exc_TypeError, "string indices must be integers, not '%.200s'",
                        R_TYPE(key)->name);
}

static int str_contains(RObject *s, RObject *sub)
{
    if (!R_STR_CHECK(sub)) {
        r_err_format(r_exc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                     R_TYPE(sub)->name);
        return -1;
    }
    if (r_str_size(sub) == 0)
        return 1;
    return memmem(r_str_utf8(s), (size_t)r_str_size(s), r_str_utf8(sub),
                  (size_t)r_str_size(sub)) != NULL;
}

/* str + x: a class's __radd__ gets its chance first (CPython tries every
 * number slot before the sequence concatenation), then the error. */
static RObject *str_add(RObject *a, RObject *b)
{
    if (!R_STR_CHECK(a))
        return r_incref(R_NOTIMPLEMENTED);
    if (R_STR_CHECK(b))
        return r_str_concat(a, b);
    if ((R_TYPE(b)->flags & R_TPFLAGS_HEAPTYPE) && R_TYPE(b)->nb_add) {
        RObject *r = R_TYPE(b)->nb_add(a, b);
        if (r != R_NOTIMPLEMENTED)
            return r;
        R_DECREF(r);
    }
    return r_err_format(r_exc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                        R_TYPE(b)->name);
}

static RObject *str_repeat(RObject *s, ssize_t n)
{
    RStr *o = (RStr *)s;
    if (n <= 0 || o->size == 0)
        return str_from_known("", 0, 0, true);
    if (n == 1 && R_TYPE(s) == &r_str_type)
        return r_incref(s);
    if (o->size > INT64_MAX / n)
        return r_err_format(r_exc_OverflowError, "repeated string is too long");
    RStr *r = str_alloc((size_t)(o->size * n));
    if (!r)
        return NULL;
    for (ssize_t i = 0; i < n; i++)
        memcpy(r->data + i * o->size, o->data, (size_t)o->size);
    r->length = o->length * n;
    r->ascii = o->ascii;
    return (RObject *)r;
}

static RObject *str_mul(RObject *a, RObject *b)
{
    RObject *s = R_STR_CHECK(a) ? a : b, *count = s == a ? b : a;
    if (!R_STR_CHECK(s))
        return r_incref(R_NOTIMPLEMENTED);
    if (!R_TYPE(count)->nb_index) {
        if (count == b && (R_TYPE(b)->flags & R_TPFLAGS_HEAPTYPE) && R_TYPE(b)->nb_multiply) {
            RObject *r = R_TYPE(b)->nb_multiply(a, b); /* a class's __rmul__ */
            if (r != R_NOTIMPLEMENTED)
                return r;
            R_DECREF(r);
        }
        return r_err_format(r_exc_TypeError, "can't multiply sequence by non-int of type '%.200s'",
                            R_TYPE(count)->name);
    }
    ssize_t n = r_number_as_ssize(count, r_exc_OverflowError);
    if (n == -1 && r_err_occurred())
        return NULL;
    return str_repeat(s, n);
}

static RObject *str_mod(RObject *a, RObject *b)
{
    if (!R_STR_CHECK(a))
        return r_incref(R_NOTIMPLEMENTED);
    return r_str_percent_format(a, b);
}

/* the iterator */

typedef struct {
    RObject ob;
    RObject *str; /* NULL once exhausted */
    ssize_t offset; /* in bytes */
} RStrIter;

static void striter_dealloc(RObject *o)
{
    R_XDECREF(((RStrIter *)o)->str);
    r_free(o);
}

static RObject *striter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *striter_next(RObject *o)
{
    RStrIter *it = (RStrIter *)o;
    if (!it->str)
        return NULL;
    if (it->offset >= r_str_size(it->str)) {
        R_CLEAR(it->str);
        return NULL;
    }
    const char *p = r_str_utf8(it->str) + it->offset, *q = p;
    r_utf8_decode(&q);
    it->offset += q - p;
    return str_from_known(p, (size_t)(q - p), 1, q - p == 1);
}

/* version: 3.11+ call the iterator of an all-ASCII str "str_ascii_iterator"
 * (3.8-3.10: always "str_iterator") */
static RType str_iterator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "str_iterator",
    .basicsize = sizeof(RStrIter),
    .dealloc = striter_dealloc,
    .iter = striter_self,
    .iternext = striter_next,
};

static RType str_ascii_iterator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "str_ascii_iterator",
    .basicsize = sizeof(RStrIter),
    .dealloc = striter_dealloc,
    .iter = striter_self,
    .iternext = striter_next,
};

static RObject *str_iter(RObject *s)
{
    RType *t = ((RStr *)s)->ascii ? &str_ascii_iterator_type : &str_iterator_type;
    RStrIter *it = (RStrIter *)r_alloc(t);
    if (it)
        it->str = r_incref(s);
    return (RObject *)it;
}

/* str(object='') and str(object=b'', encoding='utf-8', errors='strict') */
static RObject *str_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    RObject *vals[3] = {NULL, NULL, NULL};
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > 3)
        /* version: 3.13 says "str expected at most 3 arguments, got 4" */
        return r_err_format(r_exc_TypeError, "str() takes at most 3 arguments (%zu given)",
                            nargs + nkw);
    for (size_t i = 0; i < nargs; i++)
        vals[i] = args[i];
    for (size_t i = 0; i < nkw; i++) {
        RObject *name = R_TUPLE_GET(kwnames, i);
        size_t k = 0;
        while (k < 3 && !r_str_equal_cstr(name, names[k]))
            k++;
        if (k == 3)
            return r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for str()",
                                name);
        if (vals[k])
            return r_err_format(r_exc_TypeError,
                                "argument for str() given by name ('%s') and position (%zu)",
                                names[k], k + 1);
        vals[k] = args[nargs + i];
    }
    for (int k = 1; k < 3; k++)
        if (vals[k] && !R_STR_CHECK(vals[k]))
            return r_err_format(r_exc_TypeError, "str() argument '%s' must be str, not %.50s",
                                names[k], R_TYPE(vals[k])->name);
    RObject *value;
    if (!vals[0]) {
        value = str_from_known("", 0, 0, true);
    } else if (!vals[1] && !vals[2]) {
        value = r_str(vals[0]);
    } else if (R_BYTES_CHECK(vals[0])) {
        value = r_bytes_decode(vals[0], vals[1] ? r_str_utf8(vals[1]) : "utf-8",
                               vals[2] ? r_str_utf8(vals[2]) : "strict");
    } else if (R_STR_CHECK(vals[0])) {
        return r_err_format(r_exc_TypeError, "decoding str is not supported");
    } else {
        return r_err_format(r_exc_TypeError,
                            "decoding to str: need a bytes-like object, %.80s found",
                            R_TYPE(vals[0])->name);
    }
    if (!value || type == &r_str_type)
        return value;
    /* a subclass instance: the same text in an object of that type */
    RStr *v = (RStr *)value;
    RStr *r = (RStr *)r_alloc_var(type, (size_t)v->size + 1);
    if (r) {
        memcpy(r->data, v->data, (size_t)v->size);
        r->size = v->size;
        r->length = v->length;
        r->ascii = v->ascii;
        r->hash = -1;
    }
    R_DECREF(value);
    return (RObject *)r;
}

/* ---- arguments ---- */

/* Binds positional then keyword arguments to names, with the messages of
 * CPython 3.12's Argument Clinic; out[i] stays NULL when not given. */
static int bind_args(const char *fname, RObject *const *args, size_t nargs, RObject *kwnames,
                     const char *const *names, size_t nnames, size_t min, RObject **out)
{
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nnames; i++)
        out[i] = NULL;
    if (nargs + nkw > nnames) {
        r_err_format(r_exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", fname,
                     nnames, nnames == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        out[i] = args[i];
    for (size_t i = 0; i < nkw; i++) {
        RObject *name = R_TUPLE_GET(kwnames, i);
        size_t k = 0;
        while (k < nnames && !r_str_equal_cstr(name, names[k]))
            k++;
        if (k == nnames) {
            /* version: 3.13 says "f() got an unexpected keyword argument 'x'" */
            r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for %s()", name,
                         fname);
            return -1;
        }
        if (out[k]) {
            r_err_format(r_exc_TypeError,
                         "argument for %s() given by name ('%s') and position (%zu)", fname,
                         names[k], k + 1);
            return -1;
        }
        out[k] = args[nargs + i];
    }
    for (size_t i = 0; i < min; i++)
        if (!out[i]) {
            r_err_format(r_exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname,
                         names[i], i + 1);
            return -1;
        }
    return 0;
}

#define NO_ARGS(name)                                                                    \
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0)         \
        return NULL;                                                                     \
    (void)args

#define POS_ARGS(name, min, max)                                                         \
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, min, max) < 0)     \
        return NULL

static int need_str(RObject *o)
{
    if (R_STR_CHECK(o))
        return 0;
    /* version: 3.13 says "find() argument 1 must be str, not int" */
    r_err_format(r_exc_TypeError, "must be str, not %.100s", R_TYPE(o)->name);
    return -1;
}

/* CPython's _PyEval_SliceIndex: None keeps the default; big values clamp. */
static int slice_index(RObject *o, ssize_t *out)
{
    if (!o)
        return 0;
    return r_eval_slice_index(o, out) ? 0 : -1;
}

/* start and end as code points, adjusted as CPython's ADJUST_INDICES */
static int start_end(RObject *const *args, size_t nargs, size_t first, ssize_t len,
                     ssize_t *start, ssize_t *end)
{
    *start = 0;
    *end = INT64_MAX;
    if ((nargs > first && slice_index(args[first], start) < 0) ||
        (nargs > first + 1 && slice_index(args[first + 1], end) < 0))
        return -1;
    if (*end > len)
        *end = len;
    else if (*end < 0 && (*end += len) < 0)
        *end = 0;
    if (*start < 0 && (*start += len) < 0)
        *start = 0;
    return 0;
}

static ssize_t index_arg(RObject *o)
{
    return r_number_as_ssize(o, r_exc_OverflowError);
}

/* ---- searching ---- */

enum { FIND, RFIND, COUNT };

/* find/rfind/count of sub in s[start:end], in code points */
static ssize_t search(RObject *s, RObject *sub, ssize_t start, ssize_t end, int mode)
{
    ssize_t len = r_str_length(s), sublen = r_str_length(sub);
    if (start > len || end - start < sublen)
        return mode == COUNT ? 0 : -1;
    if (sublen == 0)
        return mode == COUNT ? end - start + 1 : mode == FIND ? start : end;
    const char *a = str_offset(s, start), *b = str_offset(s, end);
    const char *needle = r_str_utf8(sub);
    size_t n = (size_t)r_str_size(sub);
    if (mode == COUNT) {
        ssize_t count = 0;
        const char *p = a;
        while ((p = memmem(p, (size_t)(b - p), needle, n)) != NULL) {
            count++;
            p += n;
        }
        return count;
    }
    const char *found = NULL;
    if (mode == FIND) {
        found = memmem(a, (size_t)(b - a), needle, n);
    } else {
        for (const char *p = a; (p = memmem(p, (size_t)(b - p), needle, n)) != NULL; p++)
            found = p;
    }
    return found ? str_index_of(s, found) : -1;
}

static RObject *find_method(const char *name, int mode, bool raise, RObject *self,
                            RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS(name, 1, 3);
    ssize_t start, end;
    if (need_str(args[0]) < 0 || start_end(args, nargs, 1, r_str_length(self), &start, &end) < 0)
        return NULL;
    ssize_t r = search(self, args[0], start, end, mode);
    if (r == -1 && raise)
        return r_err_format(r_exc_ValueError, "substring not found");
    return r_int_from_i64(r);
}

static RObject *str_find(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return find_method("find", FIND, false, self, args, nargs, kw);
}

static RObject *str_rfind(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return find_method("rfind", RFIND, false, self, args, nargs, kw);
}

static RObject *str_index(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return find_method("index", FIND, true, self, args, nargs, kw);
}

static RObject *str_rindex(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return find_method("rindex", RFIND, true, self, args, nargs, kw);
}

static RObject *str_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return find_method("count", COUNT, false, self, args, nargs, kw);
}

static int tailmatch(RObject *s, RObject *sub, ssize_t start, ssize_t end, bool at_end)
{
    end -= r_str_length(sub);
    if (end < start)
        return 0;
    if (r_str_length(sub) == 0)
        return 1;
    const char *p = str_offset(s, at_end ? end : start);
    return memcmp(p, r_str_utf8(sub), (size_t)r_str_size(sub)) == 0;
}

static RObject *affix_method(const char *name, bool at_end, RObject *self, RObject *const *args,
                             size_t nargs, RObject *kw)
{
    POS_ARGS(name, 1, 3);
    ssize_t start, end;
    if (start_end(args, nargs, 1, r_str_length(self), &start, &end) < 0)
        return NULL;
    RObject *what = args[0];
    if (R_TUPLE_CHECK(what)) {
        for (ssize_t i = 0; i < R_TUPLE_SIZE(what); i++) {
            RObject *item = R_TUPLE_GET(what, i);
            if (!R_STR_CHECK(item))
                return r_err_format(r_exc_TypeError,
                                    "tuple for %s must only contain str, not %.100s", name,
                                    R_TYPE(item)->name);
            if (tailmatch(self, item, start, end, at_end))
                R_RETURN_TRUE;
        }
        R_RETURN_FALSE;
    }
    if (!R_STR_CHECK(what))
        return r_err_format(r_exc_TypeError,
                            "%s first arg must be str or a tuple of str, not %.100s", name,
                            R_TYPE(what)->name);
    return r_bool_from_long(tailmatch(self, what, start, end, at_end));
}

static RObject *str_startswith(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix_method("startswith", false, self, args, nargs, kw);
}

static RObject *str_endswith(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix_method("endswith", true, self, args, nargs, kw);
}

/* ---- splitting ---- */

static int list_add_slice(RObject *list, RObject *s, const char *a, const char *b)
{
    RObject *item = str_bytes_slice(s, a, b);
    if (!item)
        return -1;
    int rc = r_list_append(list, item);
    R_DECREF(item);
    return rc;
}

/* the length in bytes of the UTF-8 sequence led by c */
static int char_len(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
}

/* the white space code point at p, if any: its length in bytes, else 0 */
static int space_at(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    if ((unsigned char)*p < 0x80)
        return r_unicode_isspace((unsigned char)*p);
    const char *q = p;
    uint32_t c = r_utf8_decode(&q);
    return r_unicode_isspace(c) ? (int)(q - p) : 0;
}

/* the white space code point ending at p (exclusive), if any */
static int space_before(const char *start, const char *p)
{
    if (p <= start)
        return 0;
    const char *q = p - 1;
    while (q > start && (*q & 0xC0) == 0x80)
        q--;
    return space_at(q, p) == p - q ? (int)(p - q) : 0;
}

static void reverse_list(RObject *list)
{
    RObject **items = R_LIST_ITEMS(list);
    for (ssize_t i = 0, j = R_LIST_SIZE(list) - 1; i < j; i++, j--) {
        RObject *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

static RObject *split_impl(RObject *s, RObject *sep, ssize_t maxcount, bool right)
{
    if (maxcount < 0)
        maxcount = INT64_MAX;
    RObject *list = r_list_new(0);
    if (!list)
        return NULL;
    const char *begin = r_str_utf8(s), *end = begin + r_str_size(s);
    int rc = 0;
    if (!sep) {
        if (!right) {
            const char *i = begin;
            int w;
            while (maxcount-- > 0) {
                while ((w = space_at(i, end)) > 0)
                    i += w;
                if (i == end)
                    break;
                const char *j = i;
                while (i < end && !space_at(i, end))
                    i += char_len(*i);
                if ((rc = list_add_slice(list, s, j, i)) < 0)
                    break;
            }
            if (rc == 0 && i < end) {
                while ((w = space_at(i, end)) > 0)
                    i += w;
                if (i != end)
                    rc = list_add_slice(list, s, i, end);
            }
        } else {
            const char *i = end;
            int w;
            while (maxcount-- > 0) {
                while ((w = space_before(begin, i)) > 0)
                    i -= w;
                if (i == begin)
                    break;
                const char *j = i;
                while (i > begin && !space_before(begin, i)) {
                    i--;
                    while (i > begin && (*i & 0xC0) == 0x80)
                        i--;
                }
                if ((rc = list_add_slice(list, s, i, j)) < 0)
                    break;
            }
            if (rc == 0 && i > begin) {
                while ((w = space_before(begin, i)) > 0)
                    i -= w;
                if (i != begin)
                    rc = list_add_slice(list, s, begin, i);
            }
            reverse_list(list);
        }
    } else {
        size_t n = (size_t)r_str_size(sep);
        const char *needle = r_str_utf8(sep);
        if (!right) {
            const char *i = begin, *p;
            while (maxcount-- > 0 && (p = memmem(i, (size_t)(end - i), needle, n)) != NULL) {
                if ((rc = list_add_slice(list, s, i, p)) < 0)
                    break;
                i = p + n;
            }
            if (rc == 0)
                rc = list_add_slice(list, s, i, end);
        } else {
            const char *j = end;
            while (maxcount-- > 0) {
                const char *found = NULL;
                for (const char *p = begin; (p = memmem(p, (size_t)(j - p), needle, n)); p++)
                    found = p;
                if (!found)
                    break;
                if ((rc = list_add_slice(list, s, found + n, j)) < 0)
                    break;
                j = found;
            }
            if (rc == 0)
                rc = list_add_slice(list, s, begin, j);
            reverse_list(list);
        }
    }
    if (rc < 0) {
        R_DECREF(list);
        return NULL;
    }
    return list;
}

static RObject *split_method(const char *name, bool right, RObject *self, RObject *const *args,
                             size_t nargs, RObject *kw)
{
    static const char *const names[] = {"sep", "maxsplit"};
    RObject *a[2];
    if (bind_args(name, args, nargs, kw, names, 2, 0, a) < 0)
        return NULL;
    RObject *sep = a[0] && a[0] != R_NONE ? a[0] : NULL;
    if (sep && !R_STR_CHECK(sep))
        return r_err_format(r_exc_TypeError, "must be str or None, not %.100s", R_TYPE(sep)->name);
    if (sep && r_str_size(sep) == 0)
        return r_err_format(r_exc_ValueError, "empty separator");
    ssize_t maxsplit = -1;
    if (a[1] && (maxsplit = index_arg(a[1])) == -1 && r_err_occurred())
        return NULL;
    return split_impl(self, sep, maxsplit, right);
}

static RObject *str_split(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return split_method("split", false, self, args, nargs, kw);
}

static RObject *str_rsplit(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return split_method("rsplit", true, self, args, nargs, kw);
}

static RObject *str_splitlines(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"keepends"};
    RObject *a[1];
    if (bind_args("splitlines", args, nargs, kw, names, 1, 0, a) < 0)
        return NULL;
    /* version: 3.8-3.11 want an int ("an integer is required (got type str)" in
     * 3.8-3.9, "'str' object cannot be interpreted as an integer" in 3.10-3.11);
     * 3.12+ take any object's truth */
    int keepends = a[0] ? r_is_true(a[0]) : 0;
    if (keepends < 0)
        return NULL;
    RObject *list = r_list_new(0);
    if (!list)
        return NULL;
    const char *p = r_str_utf8(self), *end = p + r_str_size(self);
    while (p < end) {
        const char *line = p, *eol = NULL;
        while (p < end && !eol) {
            const char *q = p;
            uint32_t c = r_utf8_decode(&q);
            if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
                c == 0x85 || c == 0x2028 || c == 0x2029) {
                eol = p;
                if (c == '\r' && q < end && *q == '\n')
                    q++;
            }
            p = q;
        }
        if (list_add_slice(list, self, line, eol && !keepends ? eol : p) < 0) {
            R_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static RObject *partition_method(bool right, RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    POS_ARGS(right ? "str.rpartition" : "str.partition", 1, 1);
    RObject *sep = args[0];
    if (need_str(sep) < 0)
        return NULL;
    if (r_str_size(sep) == 0)
        return r_err_format(r_exc_ValueError, "empty separator");
    const char *begin = r_str_utf8(self), *end = begin + r_str_size(self), *found = NULL;
    size_t n = (size_t)r_str_size(sep);
    if (!right)
        found = memmem(begin, (size_t)(end - begin), r_str_utf8(sep), n);
    else
        for (const char *p = begin; (p = memmem(p, (size_t)(end - p), r_str_utf8(sep), n)); p++)
            found = p;
    RObject *parts[3];
    if (!found) {
        RObject *whole = str_str(self), *empty = str_from_known("", 0, 0, true);
        parts[0] = right ? empty : whole;
        parts[1] = r_incref(empty);
        parts[2] = right ? whole : empty;
    } else {
        parts[0] = str_bytes_slice(self, begin, found);
        parts[1] = r_incref(sep);
        parts[2] = str_bytes_slice(self, found + n, end);
    }
    RObject *t = parts[0] && parts[2] ? r_tuple_pack(3, parts[0], parts[1], parts[2]) : NULL;
    for (int i = 0; i < 3; i++)
        R_XDECREF(parts[i]);
    return t;
}

static RObject *str_partition(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return partition_method(false, self, args, nargs, kw);
}

static RObject *str_rpartition(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return partition_method(true, self, args, nargs, kw);
}

/* ---- strip, replace, affixes ---- */

static bool in_chars(uint32_t c, RObject *chars)
{
    if (!chars)
        return r_unicode_isspace(c);
    for (const char *p = r_str_utf8(chars), *end = p + r_str_size(chars); p < end;)
        if (r_utf8_decode(&p) == c)
            return true;
    return false;
}

static RObject *strip_method(const char *name, bool left, bool right, RObject *self,
                             RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS(name + 4, 0, 1);
    RObject *chars = nargs && args[0] != R_NONE ? args[0] : NULL;
    if (chars && !R_STR_CHECK(chars))
        return r_err_format(r_exc_TypeError, "%s arg must be None or str", name + 4);
    const char *a = r_str_utf8(self), *b = a + r_str_size(self);
    while (left && a < b) {
        const char *q = a;
        if (!in_chars(r_utf8_decode(&q), chars))
            break;
        a = q;
    }
    while (right && b > a) {
        const char *q = b - 1;
        while (q > a && (*q & 0xC0) == 0x80)
            q--;
        const char *t = q;
        if (!in_chars(r_utf8_decode(&t), chars))
            break;
        b = q;
    }
    return str_bytes_slice(self, a, b);
}

static RObject *str_strip(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return strip_method("str.strip", true, true, self, args, nargs, kw);
}

static RObject *str_lstrip(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return strip_method("str.lstrip", true, false, self, args, nargs, kw);
}

static RObject *str_rstrip(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return strip_method("str.rstrip", false, true, self, args, nargs, kw);
}

static RObject *str_replace(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    /* version: 3.13 also takes count by keyword */
    POS_ARGS("replace", 2, 3);
    RObject *old = args[0], *new = args[1];
    for (int i = 0; i < 2; i++)
        if (!R_STR_CHECK(args[i]))
            return r_err_format(r_exc_TypeError, "replace() argument %d must be str, not %.100s",
                                i + 1, R_TYPE(args[i])->name);
    ssize_t count = -1;
    if (nargs == 3 && (count = index_arg(args[2])) == -1 && r_err_occurred())
        return NULL;
    if (count < 0)
        count = INT64_MAX;
    r_str_builder b;
    r_sb_init(&b);
    const char *p = r_str_utf8(self), *end = p + r_str_size(self);
    size_t n = (size_t)r_str_size(old);
    if (n == 0) {
        /* the new text before every character and at the end */
        while (count > 0) {
            r_sb_append_str(&b, new);
            count--;
            if (p == end)
                break;
            const char *q = p;
            r_utf8_decode(&q);
            sb_append_known(&b, p, (size_t)(q - p), q - p == 1);
            p = q;
        }
    } else {
        const char *f;
        while (count > 0 && (f = memmem(p, (size_t)(end - p), r_str_utf8(old), n)) != NULL) {
            sb_append_known(&b, p, (size_t)(f - p), ((RStr *)self)->ascii);
            r_sb_append_str(&b, new);
            p = f + n;
            count--;
        }
    }
    sb_append_known(&b, p, (size_t)(end - p), ((RStr *)self)->ascii);
    return r_sb_finish(&b);
}

static RObject *affix_remove(bool suffix, RObject *self, RObject *const *args, size_t nargs,
                             RObject *kw)
{
    POS_ARGS(suffix ? "str.removesuffix" : "str.removeprefix", 1, 1);
    RObject *a = args[0];
    if (!R_STR_CHECK(a))
        return r_err_format(r_exc_TypeError, "%s() argument must be str, not %.100s",
                            suffix ? "removesuffix" : "removeprefix", R_TYPE(a)->name);
    const char *s = r_str_utf8(self);
    ssize_t size = r_str_size(self), n = r_str_size(a);
    if (n > 0 && n <= size &&
        memcmp(suffix ? s + size - n : s, r_str_utf8(a), (size_t)n) == 0)
        return suffix ? str_bytes_slice(self, s, s + size - n)
                      : str_bytes_slice(self, s + n, s + size);
    return str_str(self);
}

/* version: removeprefix and removesuffix are 3.9+ */
static RObject *str_removeprefix(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix_remove(false, self, args, nargs, kw);
}

static RObject *str_removesuffix(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix_remove(true, self, args, nargs, kw);
}

/* ---- case ---- */

static bool is_cased(uint32_t c)
{
    return is_upper(c) || is_lower(c);
}

enum { CONV_LOWER, CONV_UPPER, CONV_TITLE, CONV_CAPITALIZE, CONV_SWAPCASE, CONV_FOLD };

static RObject *case_convert(RObject *self, int how)
{
    r_str_builder b;
    r_sb_init(&b);
    bool prev_cased = false, first = true;
    uint32_t out[3];
    for (const char *p = r_str_utf8(self), *end = p + r_str_size(self); p < end; first = false) {
        uint32_t c = r_utf8_decode(&p);
        int mode;
        switch (how) {
        case CONV_LOWER: mode = CASE_LOWER; break;
        case CONV_UPPER: mode = CASE_UPPER; break;
        case CONV_TITLE: mode = prev_cased ? CASE_LOWER : CASE_TITLE; break;
        case CONV_CAPITALIZE: mode = first ? CASE_TITLE : CASE_LOWER; break;
        case CONV_FOLD: mode = CASE_FOLD; break;
        default: mode = is_upper(c) ? CASE_LOWER : is_lower(c) ? CASE_UPPER : -1; break;
        }
        prev_cased = is_cased(c);
        if (mode < 0) {
            r_sb_append_codepoint(&b, c);
            continue;
        }
        int n = map_case(c, mode, out);
        for (int i = 0; i < n; i++)
            r_sb_append_codepoint(&b, out[i]);
    }
    return r_sb_finish(&b);
}

#define CASE_METHOD(fname, how, pyname)                                                  \
    static RObject *fname(RObject *self, RObject *const *args, size_t nargs, RObject *kw) \
    {                                                                                    \
        NO_ARGS(pyname);                                                                 \
        return case_convert(self, how);                                                  \
    }
CASE_METHOD(str_lower, CONV_LOWER, "str.lower")
CASE_METHOD(str_upper, CONV_UPPER, "str.upper")
CASE_METHOD(str_title, CONV_TITLE, "str.title")
CASE_METHOD(str_capitalize, CONV_CAPITALIZE, "str.capitalize")
CASE_METHOD(str_swapcase, CONV_SWAPCASE, "str.swapcase")
CASE_METHOD(str_casefold, CONV_FOLD, "str.casefold")
#undef CASE_METHOD

/* ---- predicates ---- */

typedef bool (*char_pred)(uint32_t);

static bool is_alnum(uint32_t c)
{
    return is_alpha(c) || is_numeric(c);
}

static bool is_printable(uint32_t c)
{
    return r_unicode_isprintable(c);
}

static bool all_chars(RObject *s, char_pred pred)
{
    if (r_str_size(s) == 0)
        return false;
    for (const char *p = r_str_utf8(s), *end = p + r_str_size(s); p < end;)
        if (!pred(r_utf8_decode(&p)))
            return false;
    return true;
}

static bool is_decimal(uint32_t c)
{
    return r_unicode_decimal(c) >= 0;
}

#define PRED_METHOD(fname, pred, pyname)                                                 \
    static RObject *fname(RObject *self, RObject *const *args, size_t nargs, RObject *kw) \
    {                                                                                    \
        NO_ARGS(pyname);                                                                 \
        return r_bool_from_long(all_chars(self, pred));                                  \
    }
PRED_METHOD(str_isdigit, is_digit, "str.isdigit")
PRED_METHOD(str_isdecimal, is_decimal, "str.isdecimal")
PRED_METHOD(str_isnumeric, is_numeric, "str.isnumeric")
PRED_METHOD(str_isalpha, is_alpha, "str.isalpha")
PRED_METHOD(str_isalnum, is_alnum, "str.isalnum")
PRED_METHOD(str_isspace, r_unicode_isspace, "str.isspace")
#undef PRED_METHOD

static RObject *str_isprintable(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.isprintable");
    return r_bool_from_long(r_str_size(self) == 0 || all_chars(self, is_printable));
}

static RObject *str_isascii(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.isascii");
    return r_bool_from_long(((RStr *)self)->ascii);
}

/* isupper/islower: some cased character and none of the other case */
static RObject *case_pred(RObject *self, bool upper)
{
    bool cased = false;
    for (const char *p = r_str_utf8(self), *end = p + r_str_size(self); p < end;) {
        uint32_t c = r_utf8_decode(&p);
        if (upper ? is_lower(c) : is_upper(c))
            R_RETURN_FALSE;
        cased = cased || (upper ? is_upper(c) : is_lower(c));
    }
    return r_bool_from_long(cased);
}

static RObject *str_isupper(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.isupper");
    return case_pred(self, true);
}

static RObject *str_islower(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.islower");
    return case_pred(self, false);
}

static RObject *str_istitle(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.istitle");
    bool cased = false, prev_cased = false;
    for (const char *p = r_str_utf8(self), *end = p + r_str_size(self); p < end;) {
        uint32_t c = r_utf8_decode(&p);
        if (is_upper(c)) {
            if (prev_cased)
                R_RETURN_FALSE;
            prev_cased = cased = true;
        } else if (is_lower(c)) {
            if (!prev_cased)
                R_RETURN_FALSE;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return r_bool_from_long(cased);
}

static RObject *str_isidentifier(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("str.isidentifier");
    const char *p = r_str_utf8(self), *end = p + r_str_size(self);
    if (p == end)
        R_RETURN_FALSE;
    for (bool first = true; p < end; first = false) {
        uint32_t c = r_utf8_decode(&p);
        if (!(c == '_' || is_alpha(c) || (!first && is_decimal(c))))
            R_RETURN_FALSE;
    }
    R_RETURN_TRUE;
}

/* ---- padding ---- */

static int fill_char_arg(RObject *const *args, size_t nargs, size_t i, uint32_t *fill)
{
    *fill = ' ';
    if (nargs <= i)
        return 0;
    RObject *f = args[i];
    if (!R_STR_CHECK(f)) {
        r_err_format(r_exc_TypeError, "The fill character must be a unicode character, not %.100s",
                     R_TYPE(f)->name);
        return -1;
    }
    if (r_str_length(f) != 1) {
        r_err_format(r_exc_TypeError, "The fill character must be exactly one character long");
        return -1;
    }
    const char *p = r_str_utf8(f);
    *fill = r_utf8_decode(&p);
    return 0;
}

static RObject *pad(RObject *self, ssize_t left, ssize_t right, uint32_t fill)
{
    r_str_builder b;
    r_sb_init(&b);
    sb_fill(&b, fill, left);
    r_sb_append_str(&b, self);
    sb_fill(&b, fill, right);
    return r_sb_finish(&b);
}

enum { JUST_LEFT, JUST_RIGHT, JUST_CENTER };

static RObject *justify(const char *name, int how, RObject *self, RObject *const *args,
                        size_t nargs, RObject *kw)
{
    POS_ARGS(name, 1, 2);
    ssize_t width = index_arg(args[0]);
    uint32_t fill;
    if ((width == -1 && r_err_occurred()) || fill_char_arg(args, nargs, 1, &fill) < 0)
        return NULL;
    ssize_t len = r_str_length(self);
    if (len >= width)
        return str_str(self);
    ssize_t marg = width - len;
    if (how == JUST_LEFT)
        return pad(self, 0, marg, fill);
    if (how == JUST_RIGHT)
        return pad(self, marg, 0, fill);
    ssize_t left = marg / 2 + (marg & width & 1); /* CPython's rounding of odd margins */
    return pad(self, left, marg - left, fill);
}

static RObject *str_center(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return justify("center", JUST_CENTER, self, args, nargs, kw);
}

static RObject *str_ljust(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return justify("ljust", JUST_LEFT, self, args, nargs, kw);
}

static RObject *str_rjust(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return justify("rjust", JUST_RIGHT, self, args, nargs, kw);
}

static RObject *str_zfill(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS("str.zfill", 1, 1);
    ssize_t width = index_arg(args[0]);
    if (width == -1 && r_err_occurred())
        return NULL;
    ssize_t len = r_str_length(self);
    if (len >= width)
        return str_str(self);
    r_str_builder b;
    r_sb_init(&b);
    const char *p = r_str_utf8(self);
    if (len > 0 && (*p == '+' || *p == '-')) { /* the sign stays in front */
        r_sb_append(&b, p, 1);
        p++;
    }
    sb_fill(&b, '0', width - len);
    r_sb_append(&b, p, (size_t)(r_str_utf8(self) + r_str_size(self) - p));
    return r_sb_finish(&b);
}

static RObject *str_expandtabs(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"tabsize"};
    RObject *a[1];
    if (bind_args("expandtabs", args, nargs, kw, names, 1, 0, a) < 0)
        return NULL;
    ssize_t tabsize = 8;
    if (a[0] && (tabsize = index_arg(a[0])) == -1 && r_err_occurred())
        return NULL;
    r_str_builder b;
    r_sb_init(&b);
    ssize_t col = 0;
    for (const char *p = r_str_utf8(self), *end = p + r_str_size(self); p < end;) {
        uint32_t c = r_utf8_decode(&p);
        if (c == '\t') {
            if (tabsize > 0) {
                ssize_t n = tabsize - col % tabsize;
                sb_fill(&b, ' ', n);
                col += n;
            }
        } else {
            r_sb_append_codepoint(&b, c);
            col = c == '\n' || c == '\r' ? 0 : col + 1;
        }
    }
    return r_sb_finish(&b);
}

static RObject *str_encode(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"encoding", "errors"};
    RObject *a[2];
    if (bind_args("encode", args, nargs, kw, names, 2, 0, a) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (a[i] && !R_STR_CHECK(a[i]))
            return r_err_format(r_exc_TypeError, "encode() argument '%s' must be str, not %.50s",
                                names[i], R_TYPE(a[i])->name);
    return r_str_encode(self, a[0] ? r_str_utf8(a[0]) : "utf-8",
                        a[1] ? r_str_utf8(a[1]) : "strict");
}

/* ---- the remaining methods ---- */

static RObject *str_join_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS("str.join", 1, 1);
    return r_str_join(self, args[0]);
}

static RObject *str_format_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return r_str_format(self, args, nargs, kw);
}

static RObject *str_format_map(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS("str.format_map", 1, 1);
    return r_str_format_map(self, args[0]);
}

static RObject *str_dunder_format(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    POS_ARGS("__format__", 1, 1);
    if (!R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "__format__() argument must be str, not %.200s",
                            R_TYPE(args[0])->name);
    return r_format_str(self, args[0]);
}

static const r_method_def str_methods[] = {
    {"join", str_join_method, 0, "Concatenate any number of strings."},
    {"split", str_split, 0, "Return a list of the substrings, split at sep."},
    {"rsplit", str_rsplit, 0, "Return a list of the substrings, split at sep from the right."},
    {"splitlines", str_splitlines, 0, "Return a list of the lines in the string."},
    {"strip", str_strip, 0, "Return a copy without leading and trailing characters."},
    {"lstrip", str_lstrip, 0, "Return a copy without leading characters."},
    {"rstrip", str_rstrip, 0, "Return a copy without trailing characters."},
    {"replace", str_replace, 0, "Return a copy with occurrences of old replaced by new."},
    {"startswith", str_startswith, 0, "Return True if S starts with the specified prefix."},
    {"endswith", str_endswith, 0, "Return True if S ends with the specified suffix."},
    {"find", str_find, 0, "Return the lowest index in S where sub is found, or -1."},
    {"rfind", str_rfind, 0, "Return the highest index in S where sub is found, or -1."},
    {"index", str_index, 0, "Return the lowest index in S where sub is found."},
    {"rindex", str_rindex, 0, "Return the highest index in S where sub is found."},
    {"count", str_count, 0, "Return the number of non-overlapping occurrences of sub."},
    {"partition", str_partition, 0, "Partition the string into three parts at sep."},
    {"rpartition", str_rpartition, 0, "Partition the string into three parts at the last sep."},
    {"upper", str_upper, 0, "Return a copy of the string converted to uppercase."},
    {"lower", str_lower, 0, "Return a copy of the string converted to lowercase."},
    {"title", str_title, 0, "Return a version of the string where each word is titlecased."},
    {"capitalize", str_capitalize, 0, "Return a capitalized version of the string."},
    {"swapcase", str_swapcase, 0, "Swap the case of every cased character."},
    {"casefold", str_casefold, 0, "Return a version of the string for caseless comparisons."},
    {"isdigit", str_isdigit, 0, "Return True if the string is a digit string."},
    {"isdecimal", str_isdecimal, 0, "Return True if the string is a decimal string."},
    {"isnumeric", str_isnumeric, 0, "Return True if the string is a numeric string."},
    {"isalpha", str_isalpha, 0, "Return True if the string is an alphabetic string."},
    {"isalnum", str_isalnum, 0, "Return True if the string is an alpha-numeric string."},
    {"isspace", str_isspace, 0, "Return True if the string is a whitespace string."},
    {"isupper", str_isupper, 0, "Return True if the string is an uppercase string."},
    {"islower", str_islower, 0, "Return True if the string is a lowercase string."},
    {"istitle", str_istitle, 0, "Return True if the string is a title-cased string."},
    {"isidentifier", str_isidentifier, 0, "Return True if the string is a valid identifier."},
    {"isprintable", str_isprintable, 0, "Return True if the string is printable."},
    {"isascii", str_isascii, 0, "Return True if all characters in the string are ASCII."},
    {"center", str_center, 0, "Return a centered string of length width."},
    {"ljust", str_ljust, 0, "Return a left-justified string of length width."},
    {"rjust", str_rjust, 0, "Return a right-justified string of length width."},
    {"zfill", str_zfill, 0, "Pad a numeric string with zeros on the left."},
    {"expandtabs", str_expandtabs, 0, "Return a copy with tabs expanded to spaces."},
    {"removeprefix", str_removeprefix, 0, "Return a str without the given prefix."},
    {"removesuffix", str_removesuffix, 0, "Return a str without the given suffix."},
    {"encode", str_encode, 0, "Encode the string using the codec registered for encoding."},
    {"format", str_format_method, 0, "Return a formatted version of S."},
    {"format_map", str_format_map, 0, "Return a formatted version of S, from a mapping."},
    {"__format__", str_dunder_format, 0, "Return a formatted version of the string."},
    {NULL, NULL, 0, NULL},
};

/* the text and its NUL: a subclass's __dict__ follows them */
static size_t str_var_size(RObject *o)
{
    return (size_t)((RStr *)o)->size + 1;
}

RType r_str_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "str",
    .basicsize = sizeof(RStr),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_STR_SUBCLASS,
    .dealloc = str_dealloc,
    .repr = r_str_repr,
    .str = str_str,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .iter = str_iter,
    .nb_add = str_add,
    .nb_multiply = str_mul,
    .nb_remainder = str_mod,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .tp_new = str_new,
    .methods = str_methods,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str",
    .var_size = str_var_size,
};
