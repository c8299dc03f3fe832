/* bytes (CPython's Objects/bytesobject.c) and the UTF-8, ASCII and Latin-1
 * codecs, with the error positions and reasons of CPython's decoders. */
#define _GNU_SOURCE /* memmem */
#include "bytesobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

static RObject *empty_bytes;

static RBytes *bytes_alloc(size_t n)
{
    RBytes *b = (RBytes *)r_alloc_var(&r_bytes_type, n + 1);
    if (b) {
        b->size = (ssize_t)n;
        b->hash = -1;
    }
    return b;
}

RObject *r_bytes_from_data(const void *data, size_t n)
{
    if (n == 0) {
        if (!empty_bytes) {
            empty_bytes = (RObject *)bytes_alloc(0);
            if (!empty_bytes)
                return NULL;
            empty_bytes->refcnt = R_IMMORTAL;
        }
        return r_incref(empty_bytes);
    }
    RBytes *b = bytes_alloc(n);
    if (b)
        memcpy(b->data, data, n);
    return (RObject *)b;
}

RObject *r_bytes_repr(RObject *o)
{
    const unsigned char *p = (const unsigned char *)R_BYTES_DATA(o);
    size_t n = (size_t)R_BYTES_SIZE(o);
    bool single = memchr(p, '\'', n) != NULL, dbl = memchr(p, '"', n) != NULL;
    char quote = single && !dbl ? '"' : '\'';
    r_str_builder b;
    r_sb_init(&b);
    r_sb_printf(&b, "b%c", quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == quote || c == '\\')
            r_sb_printf(&b, "\\%c", c);
        else if (c == '\t')
            r_sb_append(&b, "\\t", 2);
        else if (c == '\n')
            r_sb_append(&b, "\\n", 2);
        else if (c == '\r')
            r_sb_append(&b, "\\r", 2);
        else if (c < ' ' || c >= 0x7F)
            r_sb_printf(&b, "\\x%02x", c);
        else
            r_sb_append(&b, (const char *)&c, 1);
    }
    r_sb_append(&b, &quote, 1);
    return r_sb_finish(&b);
}

/* ---- codecs ---- */

int r_codec_lookup(const char *encoding)
{
    char norm[32];
    size_t n = 0;
    for (const char *p = encoding; *p && n < sizeof norm - 1; p++)
        norm[n++] = *p == '-' || *p == ' ' ? '_' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    norm[n] = '\0';
    static const char *const utf8[] = {"utf_8", "utf8", "u8", "utf", "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us_ascii", "646", "us", NULL};
    static const char *const latin1[] = {"latin_1", "latin1", "latin", "l1", "iso_8859_1",
                                         "iso8859_1", "8859", "cp819", "iso_ir_100", NULL};
    const char *const *tables[] = {utf8, ascii, latin1};
    for (int t = 0; t < 3; t++)
        for (const char *const *name = tables[t]; *name; name++)
            if (strcmp(norm, *name) == 0)
                return t;
    r_err_format(r_exc_LookupError, "unknown encoding: %s", encoding);
    return -1;
}

int r_codec_error_handler(const char *errors)
{
    static const char *const names[] = {"strict", "ignore", "replace", "backslashreplace",
                                        "xmlcharrefreplace", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(errors, names[i]) == 0)
            return i;
    r_err_format(r_exc_LookupError, "unknown error handler name '%s'", errors);
    return -1;
}

void r_set_unicode_error(RType *type, int codec, RObject *object, ssize_t start, ssize_t end,
                         const char *reason)
{
    static const char *const names[] = {"utf-8", "ascii", "latin-1"};
    RObject *enc = r_str_from_cstr(names[codec]);
    RObject *s = r_int_from_i64(start), *e = r_int_from_i64(end);
    RObject *why = r_str_from_cstr(reason);
    RObject *args = enc && s && e && why ? r_tuple_pack(5, enc, object, s, e, why) : NULL;
    if (args)
        r_err_set_object(type, args);
    R_XDECREF(enc);
    R_XDECREF(s);
    R_XDECREF(e);
    R_XDECREF(why);
    R_XDECREF(args);
}

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Checks the UTF-8 sequence at p[i]: its length when valid, else 0 with
 * the end of the bad range and CPython's reason. */
static size_t utf8_check(const unsigned char *p, size_t n, size_t i, size_t *bad_end,
                         const char **reason)
{
    unsigned char c = p[i];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c < 0xC2 || c > 0xF4) {
        *bad_end = i + 1;
        *reason = "invalid start byte";
        return 0;
    }
    if (c < 0xE0) {
        len = 2;
    } else if (c < 0xF0) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    }
    for (size_t k = 1; k < len; k++) {
        if (i + k >= n) {
            *bad_end = n;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned char d = p[i + k];
        if (k == 1 ? (d < lo || d > hi) : !is_cont(d)) {
            *bad_end = i + k;
            *reason = "invalid continuation byte";
            return 0;
        }
    }
    return len;
}

RObject *r_bytes_decode(RObject *o, const char *encoding, const char *errors)
{
    if (R_BYTES_SIZE(o) == 0)
        return r_str_from_utf8("", 0); /* CPython does not even look the codec up */
    int codec = r_codec_lookup(encoding);
    if (codec < 0)
        return NULL;
    const unsigned char *p = (const unsigned char *)R_BYTES_DATA(o);
    size_t n = (size_t)R_BYTES_SIZE(o);
    r_str_builder b;
    r_sb_init(&b);
    int handler = -2;
    size_t i = 0;
    while (i < n) {
        size_t len = 1, bad_end = i + 1;
        const char *reason = NULL;
        if (codec == R_CODEC_UTF8) {
            /* copy the longest valid run at once */
            size_t j = i;
            while (j < n && (len = utf8_check(p, n, j, &bad_end, &reason)) > 0)
                j += len;
            r_sb_append(&b, (const char *)p + i, j - i);
            if (j == n)
                break;
            i = j;
        } else if (codec == R_CODEC_LATIN1 || p[i] < 0x80) {
            r_sb_append_codepoint(&b, p[i]);
            i++;
            continue;
        } else {
            reason = "ordinal not in range(128)";
        }
        if (handler == -2 && (handler = r_codec_error_handler(errors)) < 0)
            break;
        if (handler == 0) {
            r_sb_discard(&b);
            r_set_unicode_error(r_exc_UnicodeDecodeError, codec, o, (ssize_t)i, (ssize_t)bad_end,
                                reason);
            return NULL;
        }
        if (handler == 2)
            r_sb_append_codepoint(&b, 0xFFFD);
        else if (handler >= 3)
            for (size_t k = i; k < bad_end; k++)
                r_sb_printf(&b, "\\x%02x", p[k]);
        i = bad_end;
    }
    if (handler == -1) {
        r_sb_discard(&b);
        return NULL;
    }
    return r_sb_finish(&b);
}

/* str.encode: UTF-8 is str's own storage, so only the other codecs and
 * lone surrogates need work. */

RObject *r_str_encode(RObject *s, const char *encoding, const char *errors)
{
    int codec = r_codec_lookup(encoding);
    if (codec < 0)
        return NULL;
    uint32_t limit = codec == 0 ? 0x110000 : codec == 1 ? 0x80 : 0x100;
    const char *p = r_str_utf8(s), *end = p + r_str_size(s);
    if (codec == 0 || ((RStr *)s)->ascii) {
        /* UTF-8 is the storage: only surrogates cannot be encoded */
        bool clean = true;
        for (const char *q = p; q < end && clean; q++)
            clean = !((unsigned char)q[0] == 0xED && q + 1 < end && (unsigned char)q[1] >= 0xA0);
        if (clean)
            return r_bytes_from_data(p, (size_t)(end - p));
    }
    char *out = malloc((size_t)(end - p) * 10 + 1); /* "&#1114111;" is the longest */
    if (!out)
        return r_err_no_memory();
    size_t k = 0;
    ssize_t pos = 0;
    int handler = -2;
    while (p < end) {
        const char *start = p;
        uint32_t c = r_utf8_decode(&p);
        bool bad = c >= limit || (c >= 0xD800 && c <= 0xDFFF);
        if (!bad) {
            if (codec == 0) {
                memcpy(out + k, start, (size_t)(p - start));
                k += (size_t)(p - start);
            } else {
                out[k++] = (char)c;
            }
            pos++;
            continue;
        }
        if (handler == -2 && (handler = r_codec_error_handler(errors)) < 0) {
            free(out);
            return NULL;
        }
        if (handler == 0) {
            /* the run of characters this codec cannot encode */
            ssize_t run_end = pos + 1;
            for (const char *q = p; q < end; run_end++) {
                uint32_t d = r_utf8_decode(&q);
                if (!(d >= limit || (d >= 0xD800 && d <= 0xDFFF)))
                    break;
            }
            free(out);
            r_set_unicode_error(r_exc_UnicodeEncodeError, codec, s, pos, run_end,
                              codec == 0 ? "surrogates not allowed"
                              : codec == 1 ? "ordinal not in range(128)"
                                           : "ordinal not in range(256)");
            return NULL;
        }
        if (handler == 2)
            out[k++] = '?';
        else if (handler == 3)
            k += (size_t)sprintf(out + k,
                                 c <= 0xFF ? "\\x%02x" : c <= 0xFFFF ? "\\u%04x" : "\\U%08x", c);
        else if (handler == 4)
            k += (size_t)sprintf(out + k, "&#%u;", c);
        pos++;
    }
    RObject *r = r_bytes_from_data(out, k);
    free(out);
    return r;
}

/* ---- slots ---- */

static void bytes_dealloc(RObject *o)
{
    r_free(o);
}

static int64_t bytes_hash(RObject *o)
{
    RBytes *b = (RBytes *)o;
    if (b->hash == -1)
        b->hash = r_hash_bytes(b->data, (size_t)b->size); /* equal to the str's, as CPython */
    return b->hash;
}

static RObject *bytes_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (!R_BYTES_CHECK(b))
        return r_incref(R_NOTIMPLEMENTED);
    size_t na = (size_t)R_BYTES_SIZE(a), nb = (size_t)R_BYTES_SIZE(b);
    int c = memcmp(R_BYTES_DATA(a), R_BYTES_DATA(b), na < nb ? na : nb);
    if (c == 0)
        c = na < nb ? -1 : na > nb;
    bool r;
    switch (op) {
    case R_LT: r = c < 0; break;
    case R_LE: r = c <= 0; break;
    case R_EQ: r = c == 0; break;
    case R_NE: r = c != 0; break;
    case R_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return r_bool_from_long(r);
}

static ssize_t bytes_len(RObject *o)
{
    return R_BYTES_SIZE(o);
}

static RObject *bytes_getitem(RObject *o, RObject *key)
{
    ssize_t len = R_BYTES_SIZE(o);
    if (R_TYPE(key)->nb_index) {
        ssize_t i = r_number_as_ssize(key, r_exc_IndexError);
        if (i == -1 && r_err_occurred())
            return NULL;
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return r_err_format(r_exc_IndexError, "index out of range");
        return r_int_from_i64((unsigned char)R_BYTES_DATA(o)[i]);
    }
    if (R_SLICE_CHECK(key)) {
        ssize_t start, stop, step, n;
        if (r_slice_indices(key, len, &start, &stop, &step, &n) < 0)
            return NULL;
        if (step == 1)
            return r_bytes_from_data(R_BYTES_DATA(o) + start, (size_t)n);
        RBytes *r = bytes_alloc((size_t)n);
        if (!r)
            return NULL;
        for (ssize_t k = 0, i = start; k < n; k++, i += step)
            r->data[k] = R_BYTES_DATA(o)[i];
        return (RObject *)r;
    }
    return r_err_format(r_exc_TypeError, "byte indices must be integers or slices, not %.200s",
                        R_TYPE(key)->name);
}

static int bytes_contains(RObject *o, RObject *x)
{
    if (R_TYPE(x)->nb_index) {
        ssize_t v = r_number_as_ssize(x, NULL);
        if (v == -1 && r_err_occurred())
            return -1;
        if (v < 0 || v > 255) {
            r_err_format(r_exc_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        return memchr(R_BYTES_DATA(o), (int)v, (size_t)R_BYTES_SIZE(o)) != NULL;
    }
    if (!R_BYTES_CHECK(x)) {
        r_err_format(r_exc_TypeError, "a bytes-like object is required, not '%.100s'",
                     R_TYPE(x)->name);
        return -1;
    }
    if (R_BYTES_SIZE(x) == 0)
        return 1;
    return memmem(R_BYTES_DATA(o), (size_t)R_BYTES_SIZE(o), R_BYTES_DATA(x),
                  (size_t)R_BYTES_SIZE(x)) != NULL;
}

static RObject *bytes_add(RObject *a, RObject *b)
{
    if (!R_BYTES_CHECK(a))
        return r_incref(R_NOTIMPLEMENTED);
    if (R_BYTES_CHECK(b)) {
        size_t na = (size_t)R_BYTES_SIZE(a), nb = (size_t)R_BYTES_SIZE(b);
        RBytes *r = bytes_alloc(na + nb);
        if (!r)
            return NULL;
        memcpy(r->data, R_BYTES_DATA(a), na);
        memcpy(r->data + na, R_BYTES_DATA(b), nb);
        return (RObject *)r;
    }
    if ((R_TYPE(b)->flags & R_TPFLAGS_HEAPTYPE) && R_TYPE(b)->nb_add) {
        RObject *r = R_TYPE(b)->nb_add(a, b); /* a class's __radd__ */
        if (r != R_NOTIMPLEMENTED)
            return r;
        R_DECREF(r);
    }
    return r_err_format(r_exc_TypeError, "can't concat %.100s to %.100s", R_TYPE(b)->name,
                        R_TYPE(a)->name);
}

static RObject *bytes_mul(RObject *a, RObject *b)
{
    RObject *s = R_BYTES_CHECK(a) ? a : b, *count = s == a ? b : a;
    if (!R_BYTES_CHECK(s))
        return r_incref(R_NOTIMPLEMENTED);
    if (!R_TYPE(count)->nb_index)
        return r_err_format(r_exc_TypeError, "can't multiply sequence by non-int of type '%.200s'",
                            R_TYPE(count)->name);
    ssize_t n = r_number_as_ssize(count, r_exc_OverflowError);
    if (n == -1 && r_err_occurred())
        return NULL;
    ssize_t size = R_BYTES_SIZE(s);
    if (n <= 0 || size == 0)
        return r_bytes_from_data("", 0);
    if (size > INT64_MAX / n)
        return r_err_format(r_exc_OverflowError, "repeated bytes are too long");
    RBytes *r = bytes_alloc((size_t)(size * n));
    if (!r)
        return NULL;
    for (ssize_t i = 0; i < n; i++)
        memcpy(r->data + i * size, R_BYTES_DATA(s), (size_t)size);
    return (RObject *)r;
}

typedef struct {
    RObject ob;
    RObject *bytes; /* NULL once exhausted */
    ssize_t index;
} RBytesIter;

static void bytesiter_dealloc(RObject *o)
{
    R_XDECREF(((RBytesIter *)o)->bytes);
    r_free(o);
}

static RObject *bytesiter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *bytesiter_next(RObject *o)
{
    RBytesIter *it = (RBytesIter *)o;
    if (!it->bytes)
        return NULL;
    if (it->index >= R_BYTES_SIZE(it->bytes)) {
        R_CLEAR(it->bytes);
        return NULL;
    }
    return r_int_from_i64((unsigned char)R_BYTES_DATA(it->bytes)[it->index++]);
}

static RType bytes_iterator_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "bytes_iterator",
    .basicsize = sizeof(RBytesIter),
    .dealloc = bytesiter_dealloc,
    .iter = bytesiter_self,
    .iternext = bytesiter_next,
};

static RObject *bytes_iter(RObject *o)
{
    RBytesIter *it = (RBytesIter *)r_alloc(&bytes_iterator_type);
    if (it)
        it->bytes = r_incref(o);
    return (RObject *)it;
}

/* ---- bytes(...) ---- */

static int bind_kw(const char *fname, RObject *const *args, size_t nargs, RObject *kwnames,
                   const char *const *names, size_t nnames, RObject **out)
{
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    for (size_t i = 0; i < nnames; i++)
        out[i] = i < nargs ? args[i] : NULL;
    if (nargs + nkw > nnames) {
        r_err_format(r_exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", fname,
                     nnames, nnames == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    for (size_t i = 0; i < nkw; i++) {
        RObject *name = R_TUPLE_GET(kwnames, i);
        size_t k = 0;
        while (k < nnames && !r_str_equal_cstr(name, names[k]))
            k++;
        if (k == nnames || out[k]) {
            r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for %s()", name,
                         fname);
            return -1;
        }
        out[k] = args[nargs + i];
    }
    for (size_t i = 1; i < nnames; i++)
        if (out[i] && !R_STR_CHECK(out[i])) {
            r_err_format(r_exc_TypeError, "%s() argument '%s' must be str, not %.50s", fname,
                         names[i], R_TYPE(out[i])->name);
            return -1;
        }
    return 0;
}

static RObject *bytes_from_iterable(RObject *src)
{
    RObject *it = r_get_iter(src);
    if (!it) {
        if (r_err_matches(r_exc_TypeError)) {
            r_err_clear();
            r_err_format(r_exc_TypeError, "cannot convert '%.200s' object to bytes",
                         R_TYPE(src)->name);
        }
        return NULL;
    }
    size_t n = 0, cap = 16;
    char *buf = malloc(cap);
    RObject *item;
    while (buf && (item = r_iter_next(it)) != NULL) {
        ssize_t v = r_number_as_ssize(item, NULL);
        R_DECREF(item);
        if (v == -1 && r_err_occurred())
            break;
        if (v < 0 || v > 255) {
            r_err_format(r_exc_ValueError, "bytes must be in range(0, 256)");
            break;
        }
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
        }
        buf[n++] = (char)v;
    }
    R_DECREF(it);
    if (!buf)
        return r_err_no_memory();
    RObject *r = r_err_occurred() ? NULL : r_bytes_from_data(buf, n);
    free(buf);
    return r;
}

static RObject *bytes_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    RObject *a[3];
    if (bind_kw("bytes", args, nargs, kwnames, names, 3, a) < 0)
        return NULL;
    RObject *src = a[0], *value;
    if (!src) {
        if (a[1] || a[2])
            return r_err_format(r_exc_TypeError, a[1] ? "encoding without a string argument"
                                                       : "errors without a string argument");
        value = r_bytes_from_data("", 0);
    } else if (a[1]) {
        if (!R_STR_CHECK(src))
            return r_err_format(r_exc_TypeError, "encoding without a string argument");
        value = r_str_encode(src, r_str_utf8(a[1]), a[2] ? r_str_utf8(a[2]) : "strict");
    } else if (a[2]) {
        return r_err_format(r_exc_TypeError, R_STR_CHECK(src)
                                                 ? "string argument without an encoding"
                                                 : "errors without a string argument");
    } else if (R_STR_CHECK(src)) {
        return r_err_format(r_exc_TypeError, "string argument without an encoding");
    } else if (R_BYTES_CHECK(src)) {
        value = r_bytes_from_data(R_BYTES_DATA(src), (size_t)R_BYTES_SIZE(src));
    } else if (R_TYPE(src)->nb_index) {
        ssize_t n = r_number_as_ssize(src, r_exc_OverflowError);
        if (n == -1 && r_err_occurred())
            return NULL;
        if (n < 0)
            return r_err_format(r_exc_ValueError, "negative count");
        RBytes *r = bytes_alloc((size_t)n);
        if (r)
            memset(r->data, 0, (size_t)n);
        value = (RObject *)r;
    } else {
        value = bytes_from_iterable(src);
    }
    if (!value || type == &r_bytes_type)
        return value;
    RBytes *r = (RBytes *)r_alloc_var(type, (size_t)R_BYTES_SIZE(value) + 1);
    if (r) {
        r->size = R_BYTES_SIZE(value);
        r->hash = -1;
        memcpy(r->data, R_BYTES_DATA(value), (size_t)r->size);
    }
    R_DECREF(value);
    return (RObject *)r;
}

/* ---- methods ---- */

static RObject *bytes_decode_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    static const char *const names[] = {"encoding", "errors"};
    RObject *a[2];
    if (bind_kw("decode", args, nargs, kw, names, 2, a) < 0)
        return NULL;
    if (a[0] && !R_STR_CHECK(a[0]))
        return r_err_format(r_exc_TypeError, "decode() argument 'encoding' must be str, not %.50s",
                            R_TYPE(a[0])->name);
    return r_bytes_decode(self, a[0] ? r_str_utf8(a[0]) : "utf-8",
                          a[1] ? r_str_utf8(a[1]) : "strict");
}

static RObject *bytes_hex(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("hex", kw) < 0 || r_check_nargs("hex", nargs, 0, 0) < 0)
        return NULL;
    r_str_builder b;
    r_sb_init(&b);
    for (ssize_t i = 0; i < R_BYTES_SIZE(self); i++)
        r_sb_printf(&b, "%02x", (unsigned char)R_BYTES_DATA(self)[i]);
    return r_sb_finish(&b);
}

static int need_bytes(RObject *o)
{
    if (R_BYTES_CHECK(o))
        return 0;
    r_err_format(r_exc_TypeError, "a bytes-like object is required, not '%.100s'", R_TYPE(o)->name);
    return -1;
}

static RObject *affix(const char *name, bool at_end, RObject *self, RObject *const *args,
                      size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 1, 1) < 0)
        return NULL;
    RObject *what = args[0];
    if (!R_TUPLE_CHECK(what) && !R_BYTES_CHECK(what))
        return r_err_format(r_exc_TypeError,
                            "%s first arg must be bytes or a tuple of bytes, not %.100s", name,
                            R_TYPE(what)->name);
    ssize_t count = R_TUPLE_CHECK(what) ? R_TUPLE_SIZE(what) : 1;
    for (ssize_t i = 0; i < count; i++) {
        RObject *x = R_TUPLE_CHECK(what) ? R_TUPLE_GET(what, i) : what;
        if (need_bytes(x) < 0)
            return NULL;
        ssize_t n = R_BYTES_SIZE(x), size = R_BYTES_SIZE(self);
        if (n <= size &&
            memcmp(R_BYTES_DATA(self) + (at_end ? size - n : 0), R_BYTES_DATA(x), (size_t)n) == 0)
            R_RETURN_TRUE;
    }
    R_RETURN_FALSE;
}

static RObject *bytes_startswith(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix("startswith", false, self, args, nargs, kw);
}

static RObject *bytes_endswith(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    return affix("endswith", true, self, args, nargs, kw);
}

static RObject *bytes_find(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("find", kw) < 0 || r_check_nargs("find", nargs, 1, 1) < 0 ||
        need_bytes(args[0]) < 0)
        return NULL;
    const char *hay = R_BYTES_DATA(self);
    const char *f = memmem(hay, (size_t)R_BYTES_SIZE(self), R_BYTES_DATA(args[0]),
                           (size_t)R_BYTES_SIZE(args[0]));
    return r_int_from_i64(f ? f - hay : -1);
}

static RObject *bytes_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("count", kw) < 0 || r_check_nargs("count", nargs, 1, 1) < 0 ||
        need_bytes(args[0]) < 0)
        return NULL;
    size_t n = (size_t)R_BYTES_SIZE(args[0]);
    const char *p = R_BYTES_DATA(self), *end = p + R_BYTES_SIZE(self);
    if (n == 0)
        return r_int_from_i64(R_BYTES_SIZE(self) + 1);
    int64_t count = 0;
    while ((p = memmem(p, (size_t)(end - p), R_BYTES_DATA(args[0]), n)) != NULL) {
        count++;
        p += n;
    }
    return r_int_from_i64(count);
}

static RObject *bytes_join(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("join", kw) < 0 || r_check_nargs("bytes.join", nargs, 1, 1) < 0)
        return NULL;
    RObject *seq = r_sequence_tuple(args[0]);
    if (!seq)
        return NULL;
    size_t total = 0;
    ssize_t n = R_TUPLE_SIZE(seq);
    for (ssize_t i = 0; i < n; i++) {
        RObject *item = R_TUPLE_GET(seq, i);
        if (!R_BYTES_CHECK(item)) {
            R_DECREF(seq);
            return r_err_format(r_exc_TypeError,
                                "sequence item %zd: expected a bytes-like object, %.80s found", i,
                                R_TYPE(item)->name);
        }
        total += (size_t)R_BYTES_SIZE(item) + (i ? (size_t)R_BYTES_SIZE(self) : 0);
    }
    RBytes *r = bytes_alloc(total);
    if (r) {
        char *p = r->data;
        for (ssize_t i = 0; i < n; i++) {
            RObject *item = R_TUPLE_GET(seq, i);
            if (i) {
                memcpy(p, R_BYTES_DATA(self), (size_t)R_BYTES_SIZE(self));
                p += R_BYTES_SIZE(self);
            }
            memcpy(p, R_BYTES_DATA(item), (size_t)R_BYTES_SIZE(item));
            p += R_BYTES_SIZE(item);
        }
    }
    R_DECREF(seq);
    return (RObject *)r;
}

static const r_method_def bytes_methods[] = {
    {"decode", bytes_decode_method, 0, "Decode the bytes using the codec registered for encoding."},
    {"hex", bytes_hex, 0, "Create a string of hexadecimal numbers from a bytes object."},
    {"startswith", bytes_startswith, 0, "Return True if B starts with the specified prefix."},
    {"endswith", bytes_endswith, 0, "Return True if the bytes ends with the specified suffix."},
    {"find", bytes_find, 0, "Return the lowest index in B where subsection sub is found."},
    {"count", bytes_count, 0, "Return the number of non-overlapping occurrences of sub."},
    {"join", bytes_join, 0, "Concatenate any number of bytes objects."},
    {NULL, NULL, 0, NULL},
};

/* the bytes and a NUL: a subclass's __dict__ follows them */
static size_t bytes_var_size(RObject *o)
{
    return (size_t)R_BYTES_SIZE(o) + 1;
}

RType r_bytes_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "bytes",
    .basicsize = sizeof(RBytes),
    .flags = R_TPFLAGS_BASETYPE,
    .dealloc = bytes_dealloc,
    .repr = r_bytes_repr,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = bytes_iter,
    .nb_add = bytes_add,
    .nb_multiply = bytes_mul,
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .tp_new = bytes_new,
    .methods = bytes_methods,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes",
    .var_size = bytes_var_size,
};
