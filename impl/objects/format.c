/* Formatting, as CPython 3.12: the mini-language parser and the int, float
 * and str formatters follow Python/formatter_unicode.c, str.format follows
 * Objects/stringlib/unicode_format.h and str % args follows
 * Objects/unicodeobject.c (PyUnicode_Format); the messages are theirs. */
#include "format.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- the format specification ---- */

typedef struct {
    uint32_t fill, align, type;
    bool alternate, no_neg_0;
    char sign;        /* 0, '+', '-' or ' ' */
    char thousands;   /* 0, ',' or '_' */
    int group;        /* digits per group: 3, or 4 for '_' with b o x X */
    ssize_t width, precision; /* -1 when absent */
} spec_t;

/* The code points of a str (spec strings are short). */
static uint32_t *code_points(RObject *s, ssize_t *n)
{
    ssize_t len = r_str_length(s);
    uint32_t *cps = malloc((size_t)(len + 1) * sizeof *cps);
    if (!cps) {
        r_err_no_memory();
        return NULL;
    }
    const char *p = r_str_utf8(s);
    for (ssize_t i = 0; i < len; i++)
        cps[i] = r_utf8_decode(&p);
    *n = len;
    return cps;
}

static int get_integer(const uint32_t *s, ssize_t *pos, ssize_t end, ssize_t *result)
{
    ssize_t acc = 0;
    int numdigits = 0;
    for (; *pos < end; (*pos)++, numdigits++) {
        int d = r_unicode_decimal(s[*pos]);
        if (d < 0)
            break;
        if (acc > (INT64_MAX - d) / 10) {
            r_err_format(r_exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
    }
    *result = acc;
    return numdigits;
}

static bool is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

static void format_code_error(const char *fmt1, const char *fmt2, uint32_t code, const char *what)
{
    if (code > 32 && code < 128)
        r_err_format(r_exc_ValueError, fmt1, (char)code, what);
    else
        r_err_format(r_exc_ValueError, fmt2, (unsigned)code, what);
}

static void unknown_code(uint32_t code, RObject *obj)
{
    format_code_error("Unknown format code '%c' for object of type '%.200s'",
                      "Unknown format code '\\x%x' for object of type '%.200s'", code,
                      R_TYPE(obj)->name);
}

static int parse_spec(RObject *obj, RObject *specobj, uint32_t default_type, uint32_t default_align,
                      spec_t *f)
{
    ssize_t end;
    uint32_t *s = code_points(specobj, &end);
    if (!s)
        return -1;
    ssize_t pos = 0;
    bool align_given = false, fill_given = false;
    f->fill = ' ';
    f->align = default_align;
    f->alternate = f->no_neg_0 = false;
    f->sign = 0;
    f->width = f->precision = -1;
    f->thousands = 0;
    f->group = 3;
    f->type = default_type;
    int rc = -1;
    if (end - pos >= 2 && is_align(s[pos + 1])) {
        f->align = s[pos + 1];
        f->fill = s[pos];
        fill_given = align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(s[pos])) {
        f->align = s[pos++];
        align_given = true;
    }
    if (pos < end && (s[pos] == ' ' || s[pos] == '+' || s[pos] == '-'))
        f->sign = (char)s[pos++];
    /* version: 'z' is 3.11+ */
    if (pos < end && s[pos] == 'z') {
        f->no_neg_0 = true;
        pos++;
    }
    if (pos < end && s[pos] == '#') {
        f->alternate = true;
        pos++;
    }
    if (!fill_given && pos < end && s[pos] == '0') {
        f->fill = '0';
        /* version: 3.8-3.9 make '=' the alignment for strings too */
        if (!align_given && default_align == '>')
            f->align = '=';
        pos++;
    }
    int consumed = get_integer(s, &pos, end, &f->width);
    if (consumed < 0)
        goto done;
    if (consumed == 0)
        f->width = -1;
    if (pos < end && s[pos] == ',') {
        f->thousands = ',';
        pos++;
    }
    if (pos < end && s[pos] == '_') {
        if (f->thousands) {
            r_err_format(r_exc_ValueError, "Cannot specify both ',' and '_'.");
            goto done;
        }
        f->thousands = '_';
        pos++;
    }
    if (pos < end && s[pos] == ',' && f->thousands == '_') {
        r_err_format(r_exc_ValueError, "Cannot specify both ',' and '_'.");
        goto done;
    }
    if (pos < end && s[pos] == '.') {
        pos++;
        consumed = get_integer(s, &pos, end, &f->precision);
        if (consumed < 0)
            goto done;
        if (consumed == 0) {
            r_err_format(r_exc_ValueError, "Format specifier missing precision");
            goto done;
        }
    }
    if (end - pos > 1) {
        /* version: 3.8-3.10 say just "Invalid format specifier" */
        r_err_format(r_exc_ValueError, "Invalid format specifier '%U' for object of type '%.200s'",
                     specobj, R_TYPE(obj)->name);
        goto done;
    }
    if (end - pos == 1)
        f->type = s[pos];
    if (f->thousands) {
        switch (f->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f->thousands == '_') {
                f->group = 4;
                break;
            }
            /* fall through */
        default:
            if (f->type > 32 && f->type < 128)
                r_err_format(r_exc_ValueError, "Cannot specify '%c' with '%c'.", f->thousands,
                             (char)f->type);
            else
                r_err_format(r_exc_ValueError, "Cannot specify '%c' with '\\x%x'.", f->thousands,
                             (unsigned)f->type);
            goto done;
        }
    }
    rc = 0;
done:
    free(s);
    return rc;
}

/* ---- laying out a number: [lpad][sign][prefix][spad]digits[.rest][rpad] ---- */

typedef struct {
    ssize_t lpad, spad, rpad, n_prefix, n_sign, n_grouped, n_digits, n_decimal, n_remainder,
        min_width;
    char sign;
} layout_t;

/* CPython's _PyUnicode_InsertThousandsGrouping: the digits grouped from the
 * right, zero-padded on the left up to min_width; writes into out (when
 * not NULL, filled right to left from out + return value) and returns the
 * length. */
static ssize_t group_digits(char *out, const char *digits, ssize_t n, ssize_t min_width, int group,
                            char sep)
{
    ssize_t remaining = n, pos = 0, di = n; /* pos counts from the right */
    bool use_sep = false, done = false;
    if (min_width < 0)
        min_width = 0;
#define PUT(c) do { if (out) out[-(++pos)] = (c); else pos++; } while (0)
#define PUT_DIGIT() do { di--; PUT(out ? digits[di] : '0'); } while (0)
    while (group > 0) {
        ssize_t len = remaining > min_width ? remaining : min_width;
        if (len < 1)
            len = 1;
        if (len > group)
            len = group;
        ssize_t zeros = len > remaining ? len - remaining : 0;
        ssize_t chars = remaining < len ? remaining : len;
        if (use_sep)
            PUT(sep);
        for (ssize_t i = 0; i < chars; i++)
            PUT_DIGIT();
        for (ssize_t i = 0; i < zeros; i++)
            PUT('0');
        use_sep = true;
        remaining -= chars;
        min_width -= len;
        if (remaining <= 0 && min_width <= 0) {
            done = true;
            break;
        }
        min_width -= 1; /* the separator */
    }
    if (!done) {
        ssize_t len = remaining > min_width ? remaining : min_width;
        if (len < 1)
            len = 1;
        ssize_t zeros = len > remaining ? len - remaining : 0;
        if (use_sep)
            PUT(sep);
        for (ssize_t i = 0; i < remaining; i++)
            PUT_DIGIT();
        for (ssize_t i = 0; i < zeros; i++)
            PUT('0');
    }
#undef PUT
#undef PUT_DIGIT
    return pos;
}

static void calc_layout(layout_t *w, ssize_t n_prefix, char sign_char, ssize_t n_digits,
                        ssize_t n_remainder, bool has_decimal, const spec_t *f, int group)
{
    w->n_digits = n_digits;
    w->n_prefix = n_prefix;
    w->n_decimal = has_decimal;
    w->n_remainder = n_remainder;
    w->lpad = w->spad = w->rpad = 0;
    w->sign = 0;
    w->n_sign = 0;
    if (f->sign == '+' || f->sign == ' ') {
        w->n_sign = 1;
        w->sign = sign_char == '-' ? '-' : f->sign;
    } else if (sign_char == '-') {
        w->n_sign = 1;
        w->sign = '-';
    }
    ssize_t fixed = w->n_sign + n_prefix + w->n_decimal + n_remainder;
    w->min_width = f->fill == '0' && f->align == '=' ? f->width - fixed : 0;
    w->n_grouped = n_digits == 0 ? 0 : group_digits(NULL, NULL, n_digits, w->min_width, group, 0);
    ssize_t padding = f->width - (fixed + w->n_grouped);
    if (padding > 0) {
        switch (f->align) {
        case '<': w->rpad = padding; break;
        case '^': w->lpad = padding / 2; w->rpad = padding - w->lpad; break;
        case '=': w->spad = padding; break;
        default: w->lpad = padding; break;
        }
    }
}

static void fill_run(r_str_builder *b, uint32_t c, ssize_t n)
{
    for (ssize_t i = 0; i < n; i++)
        r_sb_append_codepoint(b, c);
}

static void fill_number(r_str_builder *b, const layout_t *w, const char *prefix, const char *digits,
                        const char *remainder, size_t remainder_bytes, const spec_t *f, int group)
{
    fill_run(b, f->fill, w->lpad);
    if (w->n_sign)
        r_sb_append(b, &w->sign, 1);
    r_sb_append(b, prefix, (size_t)w->n_prefix);
    fill_run(b, f->fill, w->spad);
    if (w->n_digits) {
        char *tmp = malloc((size_t)w->n_grouped + 1);
        if (tmp) {
            group_digits(tmp + w->n_grouped, digits, w->n_digits, w->min_width, group,
                         f->thousands);
            r_sb_append(b, tmp, (size_t)w->n_grouped);
            free(tmp);
        } else {
            r_sb_append(b, digits, (size_t)w->n_digits);
        }
    }
    if (w->n_decimal)
        r_sb_append(b, ".", 1);
    r_sb_append(b, remainder, remainder_bytes);
    fill_run(b, f->fill, w->rpad);
}

/* ---- int ---- */

static RObject *format_float_spec(double val, const spec_t *f);

static RObject *format_long(RObject *value, const spec_t *f)
{
    if (f->precision != -1)
        return r_err_format(r_exc_ValueError, "Precision not allowed in integer format specifier");
    if (f->no_neg_0)
        return r_err_format(r_exc_ValueError,
                            "Negative zero coercion (z) not allowed in integer format specifier");
    int group = f->thousands ? f->group : 0;
    layout_t w;
    r_str_builder b;
    if (f->type == 'c') {
        if (f->sign)
            return r_err_format(r_exc_ValueError,
                                "Sign not allowed with integer format specifier 'c'");
        if (f->alternate)
            return r_err_format(r_exc_ValueError,
                                "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t x;
        if (!r_int_fits_i64(value, &x) || x < 0 || x > 0x10FFFF)
            return r_err_format(r_exc_OverflowError, "%%c arg not in range(0x110000)");
        char ch[4];
        size_t n = r_utf8_encode((uint32_t)x, ch);
        calc_layout(&w, 0, 0, 0, 1, false, f, group);
        r_sb_init(&b);
        fill_number(&b, &w, "", "", ch, n, f, group);
        return r_sb_finish(&b);
    }
    int base = f->type == 'b' ? 2 : f->type == 'o' ? 8 : f->type == 'x' || f->type == 'X' ? 16 : 10;
    size_t len;
    char *text = r_int_to_cstr(value, base, &len);
    if (!text)
        return NULL;
    char *digits = text;
    char sign_char = 0;
    if (*digits == '-') {
        sign_char = '-';
        digits++;
    }
    if (f->type == 'X')
        for (char *p = digits; *p; p++)
            if (*p >= 'a' && *p <= 'f')
                *p = (char)(*p - 32);
    char prefix[3] = {'0', (char)(base == 8 ? 'o' : base == 2 ? 'b' : f->type), 0};
    ssize_t n_prefix = f->alternate && base != 10 ? 2 : 0;
    calc_layout(&w, n_prefix, sign_char, (ssize_t)strlen(digits), 0, false, f, group);
    r_sb_init(&b);
    fill_number(&b, &w, prefix, digits, "", 0, f, group);
    free(text);
    return r_sb_finish(&b);
}

RObject *r_format_int(RObject *obj, RObject *spec)
{
    if (r_str_size(spec) == 0)
        return R_INT_CHECK_EXACT(obj) ? r_int_to_decimal(obj) : r_str(obj);
    spec_t f;
    if (parse_spec(obj, spec, 'd', '>', &f) < 0)
        return NULL;
    switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        return format_long(obj, &f);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d = r_int_as_double(obj);
        if (d == -1.0 && r_err_occurred())
            return NULL;
        return format_float_spec(d, &f);
    }
    default:
        unknown_code(f.type, obj);
        return NULL;
    }
}

/* ---- float ---- */

static RObject *format_float_spec(double val, const spec_t *f)
{
    if (f->precision > INT_MAX)
        return r_err_format(r_exc_ValueError, "precision too big");
    int precision = (int)f->precision, default_precision = 6, flags = 0;
    uint32_t type = f->type;
    bool add_pct = false;
    if (f->alternate)
        flags |= R_DTSF_ALT;
    if (f->no_neg_0)
        flags |= R_DTSF_NO_NEG_0;
    if (type == 0) {
        /* like repr without a precision, else like 'g' with at least one
         * digit after the point */
        flags |= R_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n')
        type = 'g';
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = true;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    char *buf = r_double_to_string(val, (char)type, precision, flags);
    if (!buf)
        return r_err_no_memory();
    size_t n = strlen(buf);
    if (add_pct) {
        char *bigger = realloc(buf, n + 2);
        if (!bigger) {
            free(buf);
            return r_err_no_memory();
        }
        buf = bigger;
        buf[n++] = '%';
        buf[n] = '\0';
    }
    char *p = buf;
    char sign_char = 0;
    if (*p == '-') {
        sign_char = '-';
        p++;
    }
    ssize_t n_digits = 0;
    while (p[n_digits] >= '0' && p[n_digits] <= '9')
        n_digits++;
    bool has_decimal = p[n_digits] == '.';
    const char *rest = p + n_digits + has_decimal;
    int group = f->thousands ? 3 : 0;
    layout_t w;
    calc_layout(&w, 0, sign_char, n_digits, (ssize_t)strlen(rest), has_decimal, f, group);
    r_str_builder b;
    r_sb_init(&b);
    fill_number(&b, &w, "", p, rest, strlen(rest), f, group);
    free(buf);
    return r_sb_finish(&b);
}

RObject *r_format_float(RObject *obj, RObject *spec)
{
    if (r_str_size(spec) == 0)
        return r_str(obj);
    spec_t f;
    if (parse_spec(obj, spec, 0, '>', &f) < 0)
        return NULL;
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        return format_float_spec(R_FLOAT_VALUE(obj), &f);
    default:
        unknown_code(f.type, obj);
        return NULL;
    }
}

/* ---- str ---- */

RObject *r_format_str(RObject *obj, RObject *spec)
{
    if (r_str_size(spec) == 0)
        return r_str(obj);
    spec_t f;
    if (parse_spec(obj, spec, 's', '<', &f) < 0)
        return NULL;
    if (f.type != 's') {
        unknown_code(f.type, obj);
        return NULL;
    }
    if (f.sign == ' ')
        /* version: 3.8 says "Sign not allowed in string format specifier" */
        return r_err_format(r_exc_ValueError, "Space not allowed in string format specifier");
    if (f.sign)
        return r_err_format(r_exc_ValueError, "Sign not allowed in string format specifier");
    if (f.no_neg_0)
        return r_err_format(r_exc_ValueError,
                            "Negative zero coercion (z) not allowed in string format specifier");
    if (f.alternate)
        return r_err_format(r_exc_ValueError,
                            "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=')
        return r_err_format(r_exc_ValueError,
                            "'=' alignment not allowed in string format specifier");
    ssize_t len = r_str_length(obj);
    if (f.precision >= 0 && len > f.precision)
        len = f.precision;
    ssize_t total = f.width > len ? f.width : len, left;
    if (f.align == '>')
        left = total - len;
    else if (f.align == '^')
        left = (total - len) / 2;
    else
        left = 0;
    RObject *text = len == r_str_length(obj) ? r_str(obj) : r_str_substring(obj, 0, len);
    if (!text)
        return NULL;
    if (total == len) {
        return text;
    }
    r_str_builder b;
    r_sb_init(&b);
    fill_run(&b, f.fill, left);
    r_sb_append_str(&b, text);
    fill_run(&b, f.fill, total - len - left);
    R_DECREF(text);
    return r_sb_finish(&b);
}

/* ---- format() ---- */

RObject *r_object_format(RObject *obj, RObject *spec)
{
    if (r_str_size(spec) > 0)
        return r_err_format(r_exc_TypeError,
                            "unsupported format string passed to %.200s.__format__",
                            R_TYPE(obj)->name);
    return r_str(obj);
}

RObject *r_format(RObject *obj, RObject *spec)
{
    RType *t = R_TYPE(obj);
    if (t == &r_str_type)
        return r_format_str(obj, spec);
    if (t == &r_int_type)
        return r_format_int(obj, spec);
    if (t == &r_float_type)
        return r_format_float(obj, spec);
    RObject *method = r_type_lookup(t, r_str_intern("__format__"));
    RObject *res;
    if (!method) {
        res = r_object_format(obj, spec);
    } else {
        res = r_call_method(obj, "__format__", &spec, 1);
    }
    if (res && !R_STR_CHECK(res)) {
        r_err_format(r_exc_TypeError, "__format__ must return a str, not %.200s",
                     R_TYPE(res)->name);
        R_DECREF(res);
        return NULL;
    }
    return res;
}

RObject *r_format_cstr(RObject *obj, const char *spec)
{
    RObject *s = r_str_from_cstr(spec);
    if (!s)
        return NULL;
    RObject *r = r_format(obj, s);
    R_DECREF(s);
    return r;
}

RObject *r_ascii(RObject *obj)
{
    RObject *repr = r_repr(obj);
    if (!repr || ((RStr *)repr)->ascii)
        return repr;
    r_str_builder b;
    r_sb_init(&b);
    for (const char *p = r_str_utf8(repr), *end = p + r_str_size(repr); p < end;) {
        uint32_t c = r_utf8_decode(&p);
        if (c < 0x80)
            r_sb_append_codepoint(&b, c);
        else if (c <= 0xFF)
            r_sb_printf(&b, "\\x%02x", c);
        else if (c <= 0xFFFF)
            r_sb_printf(&b, "\\u%04x", c);
        else
            r_sb_printf(&b, "\\U%08x", c);
    }
    R_DECREF(repr);
    return r_sb_finish(&b);
}

/* ---- str.format ---- */

typedef struct {
    RObject *const *args;
    size_t nargs;
    RObject *kwnames;  /* with the values after args, as vectorcall */
    RObject *mapping;  /* format_map: looked up by subscription */
    bool map_only;
    int auto_state;    /* 0 not yet, 1 automatic, 2 manual */
    ssize_t auto_next;
} fmt_ctx;

static RObject *build_string(fmt_ctx *ctx, const char *s, const char *end, int depth);

/* A field name or index part as a str (byte range of UTF-8). */
static RObject *substr(const char *a, const char *b)
{
    return r_str_from_utf8(a, (size_t)(b - a));
}

/* The integer a field part spells, -1 when it is not one (or empty). */
static ssize_t field_integer(const char *a, const char *b)
{
    if (a >= b)
        return -1;
    ssize_t acc = 0;
    for (const char *p = a; p < b;) {
        int d = r_unicode_decimal(r_utf8_decode(&p));
        if (d < 0)
            return -1;
        if (acc > (INT64_MAX - d) / 10) {
            r_err_format(r_exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

static RObject *lookup_keyword(fmt_ctx *ctx, RObject *key)
{
    if (ctx->mapping)
        return r_getitem(ctx->mapping, key);
    ssize_t nkw = ctx->kwnames ? R_TUPLE_SIZE(ctx->kwnames) : 0;
    for (ssize_t i = 0; i < nkw; i++)
        if (r_str_equal(R_TUPLE_GET(ctx->kwnames, i), key))
            return r_incref(ctx->args[ctx->nargs + (size_t)i]);
    r_err_set_object(r_exc_KeyError, key);
    return NULL;
}

/* get_field_object: the object a field name selects, with .attr and [key]. */
static RObject *field_object(fmt_ctx *ctx, const char *a, const char *b)
{
    const char *p = a;
    while (p < b && *p != '.' && *p != '[')
        p++;
    ssize_t index = field_integer(a, p);
    if (index == -1 && r_err_occurred())
        return NULL;
    bool empty = a == p;
    if (empty || index != -1) {
        int state = empty ? 1 : 2;
        if (ctx->auto_state == 0)
            ctx->auto_state = state;
        if (ctx->auto_state != state) {
            r_err_format(r_exc_ValueError, state == 1
                                               ? "cannot switch from manual field specification to "
                                                 "automatic field numbering"
                                               : "cannot switch from automatic field numbering to "
                                                 "manual field specification");
            return NULL;
        }
        if (empty)
            index = ctx->auto_next++;
    }
    RObject *obj;
    if (index == -1) {
        RObject *key = substr(a, p);
        if (!key)
            return NULL;
        obj = lookup_keyword(ctx, key);
        R_DECREF(key);
    } else if (ctx->map_only) {
        return r_err_format(r_exc_ValueError, "Format string contains positional fields");
    } else if ((size_t)index >= ctx->nargs) {
        return r_err_format(r_exc_IndexError,
                            "Replacement index %zd out of range for positional args tuple", index);
    } else {
        obj = r_incref(ctx->args[index]);
    }
    while (obj && p < b) {
        bool attr = *p == '.';
        if (*p != '.' && *p != '[') {
            R_DECREF(obj);
            return r_err_format(r_exc_ValueError,
                                "Only '.' or '[' may follow ']' in format field specifier");
        }
        const char *start = ++p, *stop;
        if (attr) {
            while (p < b && *p != '.' && *p != '[')
                p++;
            stop = p;
        } else {
            while (p < b && *p != ']')
                p++;
            if (p == b) {
                R_DECREF(obj);
                return r_err_format(r_exc_ValueError, "Missing ']' in format string");
            }
            stop = p++;
        }
        if (start == stop) {
            R_DECREF(obj);
            return r_err_format(r_exc_ValueError, "Empty attribute in format string");
        }
        RObject *next;
        ssize_t i = attr ? -1 : field_integer(start, stop);
        if (i == -1 && r_err_occurred()) {
            next = NULL;
        } else if (i >= 0) {
            RObject *k = r_int_from_i64(i);
            next = k ? r_getitem(obj, k) : NULL;
            R_XDECREF(k);
        } else {
            RObject *name = substr(start, stop);
            next = !name ? NULL : attr ? r_getattr(obj, name) : r_getitem(obj, name);
            R_XDECREF(name);
        }
        R_DECREF(obj);
        obj = next;
    }
    return obj;
}

static RObject *convert_field(RObject *obj, uint32_t conversion)
{
    switch (conversion) {
    case 'r':
        return r_repr(obj);
    case 's':
        return r_str(obj);
    case 'a':
        return r_ascii(obj);
    default:
        if (conversion > 32 && conversion < 127)
            return r_err_format(r_exc_ValueError, "Unknown conversion specifier %c",
                                (char)conversion);
        return r_err_format(r_exc_ValueError, "Unknown conversion specifier \\x%x",
                            (unsigned)conversion);
    }
}

/* One {field!conv:spec} from just after '{'; *pp is left after its '}'. */
static int output_field(fmt_ctx *ctx, r_str_builder *out, const char **pp, const char *end,
                        int depth)
{
    const char *p = *pp, *name = p;
    char c = 0;
    /* the field name ends at ':', '!' or '}' (brackets may hide them) */
    while (p < end) {
        c = *p++;
        if (c == '{') {
            r_err_format(r_exc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (p < end && *p != ']')
                p++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    const char *name_end = p - 1;
    uint32_t conversion = 0;
    const char *spec = NULL, *spec_end = NULL;
    bool nested = false;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (p >= end) {
                r_err_format(r_exc_ValueError,
                             "end of string while looking for conversion specifier");
                return -1;
            }
            conversion = r_utf8_decode(&p);
            if (p < end) {
                char d = *p++;
                if (d == '}')
                    goto have_field;
                if (d != ':') {
                    r_err_format(r_exc_ValueError, "expected ':' after conversion specifier");
                    return -1;
                }
            }
        }
        spec = p;
        int count = 1;
        while (p < end) {
            char d = *p++;
            if (d == '{') {
                nested = true;
                count++;
            } else if (d == '}' && --count == 0) {
                spec_end = p - 1;
                goto have_field;
            }
        }
        r_err_format(r_exc_ValueError, "unmatched '{' in format spec");
        return -1;
    } else if (c != '}') {
        r_err_format(r_exc_ValueError, "expected '}' before end of string");
        return -1;
    }
have_field:
    *pp = p;
    RObject *obj = field_object(ctx, name, name_end);
    if (!obj)
        return -1;
    if (conversion) {
        R_SETREF(obj, convert_field(obj, conversion));
        if (!obj)
            return -1;
    }
    RObject *specstr = !spec ? r_str_from_utf8("", 0)
                       : nested ? build_string(ctx, spec, spec_end, depth - 1)
                                : r_str_from_utf8(spec, (size_t)(spec_end - spec));
    RObject *text = specstr ? r_format(obj, specstr) : NULL;
    R_XDECREF(specstr);
    R_DECREF(obj);
    if (!text)
        return -1;
    r_sb_append_str(out, text);
    R_DECREF(text);
    return 0;
}

static RObject *build_string(fmt_ctx *ctx, const char *s, const char *end, int depth)
{
    if (depth <= 0)
        return r_err_format(r_exc_ValueError, "Max string recursion exceeded");
    r_str_builder out;
    r_sb_init(&out);
    const char *p = s;
    while (p < end) {
        const char *lit = p;
        while (p < end && *p != '{' && *p != '}')
            p++;
        r_sb_append(&out, lit, (size_t)(p - lit));
        if (p == end)
            break;
        char c = *p++;
        if (c == '}') {
            if (p == end || *p != '}') {
                r_sb_discard(&out);
                return r_err_format(r_exc_ValueError, "Single '}' encountered in format string");
            }
            r_sb_append(&out, "}", 1);
            p++;
            continue;
        }
        if (p == end) {
            r_sb_discard(&out);
            return r_err_format(r_exc_ValueError, "Single '{' encountered in format string");
        }
        if (*p == '{') {
            r_sb_append(&out, "{", 1);
            p++;
            continue;
        }
        if (output_field(ctx, &out, &p, end, depth) < 0) {
            r_sb_discard(&out);
            return NULL;
        }
    }
    return r_sb_finish(&out);
}

RObject *r_str_format(RObject *fmt, RObject *const *args, size_t nargs, RObject *kwnames)
{
    fmt_ctx ctx = {args, nargs, kwnames, NULL, false, 0, 0};
    const char *s = r_str_utf8(fmt);
    return build_string(&ctx, s, s + r_str_size(fmt), 2); /* PEP 3101: two levels */
}

RObject *r_str_format_map(RObject *fmt, RObject *mapping)
{
    fmt_ctx ctx = {NULL, 0, NULL, mapping, true, 0, 0};
    const char *s = r_str_utf8(fmt);
    return build_string(&ctx, s, s + r_str_size(fmt), 2);
}

/* ---- str % args ---- */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct {
    RObject *args;      /* the current argument source (a tuple, one value, or a dict value) */
    bool args_owned;
    ssize_t arglen, argidx;
    RObject *dict;
} pct_ctx;

static RObject *next_arg(pct_ctx *c)
{
    if (c->argidx < c->arglen) {
        ssize_t i = c->argidx++;
        return c->arglen < 0 ? c->args : R_TUPLE_GET(c->args, i);
    }
    return r_err_format(r_exc_TypeError, "not enough arguments for format string");
}

/* The digits of an int for %d %o %x %X: "-"? ("0x"|"0X"|"0o")? digits, at
 * least prec of them (CPython's _PyUnicode_FormatLong). */
static RObject *format_long_pct(RObject *v, bool alt, int prec, char type)
{
    int base = type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
    size_t len;
    char *text = r_int_to_cstr(v, base, &len);
    if (!text)
        return NULL;
    bool neg = text[0] == '-';
    const char *digits = text + neg;
    ssize_t ndigits = (ssize_t)len - neg;
    r_str_builder b;
    r_sb_init(&b);
    if (neg)
        r_sb_append(&b, "-", 1);
    if (alt && base != 10) {
        char prefix[2] = {'0', type};
        r_sb_append(&b, prefix, 2);
    }
    for (ssize_t i = ndigits; i < prec; i++)
        r_sb_append(&b, "0", 1);
    if (type == 'X')
        for (char *p = text; *p; p++)
            if (*p >= 'a' && *p <= 'f')
                *p = (char)(*p - 32);
    r_sb_append(&b, digits, (size_t)ndigits);
    free(text);
    return r_sb_finish(&b);
}

static bool is_number(RObject *v)
{
    RType *t = R_TYPE(v);
    return t->nb_index || t->nb_int || t->nb_float;
}

static RObject *pct_long(RObject *v, int flags, int prec, char type)
{
    if (!is_number(v))
        goto wrongtype;
    RObject *iobj;
    if (!R_INT_CHECK(v)) {
        if (type == 'o' || type == 'x' || type == 'X') {
            if (!R_TYPE(v)->nb_index)
                goto wrongtype;
            iobj = r_number_index(v);
        } else {
            iobj = R_TYPE(v)->nb_int ? R_TYPE(v)->nb_int(v) : r_number_index(v);
        }
        if (!iobj)
            return NULL;
    } else {
        iobj = r_incref(v);
    }
    RObject *r = format_long_pct(iobj, flags & F_ALT, prec, type);
    R_DECREF(iobj);
    return r;
wrongtype:
    /* version: 3.8-3.9 say "a number is required" for %d */
    if (type == 'o' || type == 'x' || type == 'X')
        return r_err_format(r_exc_TypeError, "%%%c format: an integer is required, not %.200s",
                            type, R_TYPE(v)->name);
    return r_err_format(r_exc_TypeError, "%%%c format: a real number is required, not %.200s",
                        type, R_TYPE(v)->name);
}

static RObject *pct_float(RObject *v, int flags, int prec, char type)
{
    double x = r_float_as_double(v);
    if (x == -1.0 && r_err_occurred())
        return NULL;
    char *p = r_double_to_string(x, type, prec < 0 ? 6 : prec, flags & F_ALT ? R_DTSF_ALT : 0);
    if (!p)
        return r_err_no_memory();
    RObject *r = r_str_from_cstr(p);
    free(p);
    return r;
}

static RObject *pct_char(RObject *v)
{
    if (R_STR_CHECK(v)) {
        if (r_str_length(v) == 1)
            return r_incref(v);
    } else if (R_INT_CHECK(v)) {
        int64_t x;
        if (!r_int_fits_i64(v, &x) || x < 0 || x > 0x10FFFF)
            return r_err_format(r_exc_OverflowError, "%%c arg not in range(0x110000)");
        return r_str_from_codepoint((uint32_t)x);
    }
    /* version: 3.14 says "%c requires an int or a unicode character, ..." */
    return r_err_format(r_exc_TypeError, "%%c requires int or char");
}

/* Writes a converted argument with its width, precision and flags
 * (CPython's unicode_format_arg_output). */
static void pct_output(r_str_builder *out, RObject *str, uint32_t ch, int flags, ssize_t width,
                       ssize_t prec, bool sign)
{
    uint32_t fill = sign && (flags & F_ZERO) ? '0' : ' ';
    ssize_t len = r_str_length(str);
    if ((width == -1 || width <= len) && (prec == -1 || prec >= len) &&
        !(flags & (F_SIGN | F_BLANK))) {
        r_sb_append_str(out, str);
        return;
    }
    if ((ch == 's' || ch == 'r' || ch == 'a') && prec >= 0 && len > prec)
        len = prec;
    const char *p = r_str_utf8(str);
    char signchar = 0;
    if (sign) {
        if (*p == '-' || *p == '+') {
            signchar = *p++;
            len--;
        } else if (flags & F_SIGN) {
            signchar = '+';
        } else if (flags & F_BLANK) {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if (width < len)
        width = len;
    if (sign) {
        if (fill != ' ')
            r_sb_append(out, &signchar, 1);
        if (width > len)
            width--;
    }
    bool prefix = (flags & F_ALT) && (ch == 'x' || ch == 'X' || ch == 'o');
    if (prefix) {
        if (fill != ' ') {
            r_sb_append(out, p, 2);
            p += 2;
        }
        width -= 2;
        if (width < 0)
            width = 0;
        len -= 2;
    }
    if (width > len && !(flags & F_LJUST)) {
        fill_run(out, fill, width - len);
        width = len;
    }
    if (fill == ' ') {
        if (sign)
            r_sb_append(out, &signchar, 1);
        if (prefix) {
            r_sb_append(out, p, 2);
            p += 2;
        }
    }
    const char *q = p;
    for (ssize_t i = 0; i < len; i++)
        r_utf8_decode(&q);
    r_sb_append(out, p, (size_t)(q - p));
    if (width > len)
        fill_run(out, ' ', width - len);
}

static int pct_star(pct_ctx *c, ssize_t *value)
{
    RObject *v = next_arg(c);
    if (!v)
        return -1;
    if (!R_INT_CHECK(v)) {
        r_err_format(r_exc_TypeError, "* wants int");
        return -1;
    }
    *value = r_int_as_ssize(v);
    return *value == -1 && r_err_occurred() ? -1 : 0;
}

/* One conversion, from just after its '%'; *pp is moved past it. */
static int pct_arg(pct_ctx *c, r_str_builder *out, RObject *fmt, const char **pp, const char *end)
{
    const char *p = *pp;
    if (*p == '%') {
        r_sb_append(out, "%", 1);
        *pp = p + 1;
        return 0;
    }
    int flags = 0;
    ssize_t width = -1, prec = -1;
    if (*p == '(') {
        if (!c->dict) {
            r_err_format(r_exc_TypeError, "format requires a mapping");
            return -1;
        }
        const char *key = ++p;
        int depth = 1;
        while (p < end && depth > 0) {
            if (*p == ')')
                depth--;
            else if (*p == '(')
                depth++;
            p++;
        }
        if (depth > 0) {
            r_err_format(r_exc_ValueError, "incomplete format key");
            return -1;
        }
        RObject *k = r_str_from_utf8(key, (size_t)(p - 1 - key));
        RObject *v = k ? r_getitem(c->dict, k) : NULL;
        R_XDECREF(k);
        if (!v)
            return -1;
        if (c->args_owned)
            R_DECREF(c->args);
        c->args = v;
        c->args_owned = true;
        c->arglen = -1;
        c->argidx = -2;
    }
    for (; p < end; p++) {
        if (*p == '-') flags |= F_LJUST;
        else if (*p == '+') flags |= F_SIGN;
        else if (*p == ' ') flags |= F_BLANK;
        else if (*p == '#') flags |= F_ALT;
        else if (*p == '0') flags |= F_ZERO;
        else break;
    }
    if (p < end && *p == '*') {
        if (pct_star(c, &width) < 0)
            return -1;
        if (width < 0) {
            flags |= F_LJUST;
            width = -width;
        }
        p++;
    } else if (p < end && *p >= '0' && *p <= '9') {
        width = 0;
        for (; p < end && *p >= '0' && *p <= '9'; p++) {
            if (width > (INT64_MAX - (*p - '0')) / 10) {
                r_err_format(r_exc_ValueError, "width too big");
                return -1;
            }
            width = width * 10 + (*p - '0');
        }
    }
    if (p < end && *p == '.') {
        prec = 0;
        p++;
        if (p < end && *p == '*') {
            if (pct_star(c, &prec) < 0)
                return -1;
            if (prec < 0)
                prec = 0;
            p++;
        } else {
            for (; p < end && *p >= '0' && *p <= '9'; p++) {
                if (prec > (INT_MAX - (*p - '0')) / 10) {
                    r_err_format(r_exc_ValueError, "precision too big");
                    return -1;
                }
                prec = prec * 10 + (*p - '0');
            }
        }
    }
    if (p < end && (*p == 'h' || *p == 'l' || *p == 'L'))
        p++;
    if (p >= end) {
        r_err_format(r_exc_ValueError, "incomplete format");
        return -1;
    }
    const char *chp = p;
    uint32_t ch = r_utf8_decode(&p);
    *pp = p;
    RObject *v = next_arg(c);
    if (!v)
        return -1;
    RObject *str = NULL;
    bool sign = false;
    switch (ch) {
    case 's':
        str = r_str(v);
        break;
    case 'r':
        str = r_repr(v);
        break;
    case 'a':
        str = r_ascii(v);
        break;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
        str = pct_long(v, flags, (int)prec, (char)ch);
        sign = true;
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        str = pct_float(v, flags, (int)prec, (char)ch);
        sign = true;
        break;
    case 'c':
        str = pct_char(v);
        break;
    default: {
        ssize_t index = 0; /* in code points, as CPython reports it */
        for (const char *q = r_str_utf8(fmt); q < chp; index++)
            r_utf8_decode(&q);
        r_err_format(r_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                     ch >= 31 && ch <= 126 ? (char)ch : '?', (unsigned)ch, index);
        return -1;
    }
    }
    if (!str)
        return -1;
    pct_output(out, str, ch, flags, width, prec, sign);
    R_DECREF(str);
    if (c->dict && c->argidx < c->arglen) {
        r_err_format(r_exc_TypeError, "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

RObject *r_str_percent_format(RObject *fmt, RObject *args)
{
    pct_ctx c;
    c.args = args;
    c.args_owned = false;
    if (R_TUPLE_CHECK(args)) {
        c.arglen = R_TUPLE_SIZE(args);
        c.argidx = 0;
    } else {
        c.arglen = -1;
        c.argidx = -2;
    }
    /* PyMapping_Check: anything subscriptable but a tuple or a str */
    c.dict = R_TYPE(args)->getitem && !R_TUPLE_CHECK(args) && !R_STR_CHECK(args) ? args : NULL;
    r_str_builder out;
    r_sb_init(&out);
    const char *p = r_str_utf8(fmt), *end = p + r_str_size(fmt);
    int rc = 0;
    while (p < end && rc == 0) {
        const char *lit = p;
        while (p < end && *p != '%')
            p++;
        r_sb_append(&out, lit, (size_t)(p - lit));
        if (p < end) {
            p++;
            if (p >= end) {
                r_err_format(r_exc_ValueError, "incomplete format");
                rc = -1;
            } else {
                rc = pct_arg(&c, &out, fmt, &p, end);
            }
        }
    }
    if (rc == 0 && c.argidx < c.arglen && !c.dict) {
        r_err_format(r_exc_TypeError, "not all arguments converted during string formatting");
        rc = -1;
    }
    if (c.args_owned)
        R_DECREF(c.args);
    if (rc < 0) {
        r_sb_discard(&out);
        return NULL;
    }
    return r_sb_finish(&out);
}
