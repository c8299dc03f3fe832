/* int: CPython's Objects/longobject.c semantics on an int64 fast path plus
 * GMP for everything that does not fit (floor division and modulo, shifts
 * and bitwise operations on negative values use GMP's two's-complement
 * semantics, which are Python's). */
#include "intobject.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "bytesobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "format.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

_Static_assert(GMP_NUMB_BITS == 64 && sizeof(long) == 8,
               "int64 values are viewed as one GMP limb and converted with mpz_*_si");

/* sys.set_int_max_str_digits (CPython 3.11+, and 3.8.14+/3.9.14+/3.10.7+) */
static int max_str_digits = 4300;

int r_int_get_max_str_digits(void)
{
    return max_str_digits;
}

void r_int_set_max_str_digits(int maxdigits)
{
    max_str_digits = maxdigits;
}

/* ---- the small-int cache: -5..256, immortal ---- */

#define SMALL_MIN (-5)
#define SMALL_MAX 256
#define S(x) {.ob = R_STATIC_HEAD(&r_int_type), .v = (x)}
#define S10(x) S(x), S(x + 1), S(x + 2), S(x + 3), S(x + 4), S(x + 5), S(x + 6), S(x + 7), \
               S(x + 8), S(x + 9)
#define S100(x) S10(x), S10(x + 10), S10(x + 20), S10(x + 30), S10(x + 40), S10(x + 50), \
                S10(x + 60), S10(x + 70), S10(x + 80), S10(x + 90)
static RInt small_ints[SMALL_MAX - SMALL_MIN + 1] = {
    S(-5), S(-4), S(-3), S(-2), S(-1), S100(0), S100(100), S10(200), S10(210), S10(220),
    S10(230), S10(240), S(250), S(251), S(252), S(253), S(254), S(255), S(256),
};
#undef S
#undef S10
#undef S100

#define V(o) (((RInt *)(o))->v)
#define BIG(o) (((RInt *)(o))->big)
#define Z(o) (((RInt *)(o))->z)

RObject *r_int_from_i64(int64_t v)
{
    if (v >= SMALL_MIN && v <= SMALL_MAX)
        return r_incref((RObject *)&small_ints[v - SMALL_MIN]);
    RInt *r = (RInt *)r_alloc(&r_int_type);
    if (r)
        r->v = v;
    return (RObject *)r;
}

/* Moves an initialised mpz into a new int (clearing it in every case). */
static RObject *int_from_mpz_steal(mpz_ptr z)
{
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        mpz_clear(z);
        return r_int_from_i64(v);
    }
    RInt *r = (RInt *)r_alloc(&r_int_type);
    if (!r) {
        mpz_clear(z);
        return NULL;
    }
    r->big = true;
    r->z[0] = *z; /* a move: the limbs now belong to r */
    return (RObject *)r;
}

RObject *r_int_from_mpz(mpz_srcptr z)
{
    mpz_t copy;
    mpz_init_set(copy, z);
    return int_from_mpz_steal(copy);
}

RObject *r_int_from_u64(uint64_t v)
{
    if (v <= INT64_MAX)
        return r_int_from_i64((int64_t)v);
    mpz_t z;
    mpz_init_set_ui(z, v);
    return int_from_mpz_steal(z);
}

/* A read-only mpz view of any int, with no allocation for an int64. */
typedef struct {
    mpz_t z;
    mp_limb_t limb;
} int_view;

static mpz_srcptr view(RObject *o, int_view *tmp)
{
    if (BIG(o))
        return Z(o);
    int64_t v = V(o);
    tmp->limb = v < 0 ? (mp_limb_t)0 - (mp_limb_t)(uint64_t)v : (mp_limb_t)v;
    return mpz_roinit_n(tmp->z, &tmp->limb, v < 0 ? -1 : v > 0 ? 1 : 0);
}

void r_int_get_mpz(RObject *o, mpz_ptr out)
{
    int_view t;
    mpz_set(out, view(o, &t));
}

int r_int_sign(RObject *o)
{
    if (BIG(o))
        return mpz_sgn(Z(o));
    return V(o) < 0 ? -1 : V(o) > 0;
}

/* An exact int with the value of an int subclass instance. */
static RObject *int_exact(RObject *o)
{
    if (R_INT_CHECK_EXACT(o))
        return r_incref(o);
    return BIG(o) ? r_int_from_mpz(Z(o)) : r_int_from_i64(V(o));
}

/* ---- conversions to C ---- */

/* A caller that was given something other than an int gets it through
 * __index__, as PyLong_AsLong does, or the TypeError of an object that has
 * none: never the bits of another type read as an int's. */
static int64_t non_int_as_i64(RObject *o)
{
    RObject *i = r_number_index(o);
    if (!i)
        return -1;
    int64_t v = r_int_as_i64(i);
    R_DECREF(i);
    return v;
}

int64_t r_int_as_i64(RObject *o)
{
    if (!R_INT_CHECK(o))
        return non_int_as_i64(o);
    if (BIG(o)) {
        r_err_set_string(r_exc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    return V(o);
}

ssize_t r_int_as_ssize(RObject *o)
{
    if (!R_INT_CHECK(o))
        return (ssize_t)non_int_as_i64(o);
    if (BIG(o)) {
        r_err_set_string(r_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (ssize_t)V(o);
}

/* m * 2**e for m > 0, plus "sticky" bits below m when the value is not
 * exact, rounded half to even to a double (subnormals included). */
static double scaled_to_double(mpz_srcptr m, long e, bool sticky, bool *overflow)
{
    long nbits = (long)mpz_sizeinbase(m, 2);
    long top = nbits - 1 + e; /* binary exponent of the leading bit */
    *overflow = false;
    if (top >= 1024) {
        *overflow = true;
        return HUGE_VAL;
    }
    long prec = top >= -1022 ? 53 : 53 - (-1022 - top);
    long shift = nbits - prec; /* low bits that do not fit */
    if (shift <= 0)
        return ldexp(mpz_get_d(m), (int)e); /* exact: m has at most 53 bits */
    mpz_t q;
    mpz_init(q);
    mpz_tdiv_q_2exp(q, m, (mp_bitcnt_t)shift);
    bool half = mpz_tstbit(m, (mp_bitcnt_t)(shift - 1));
    bool below = sticky || mpz_scan1(m, 0) < (mp_bitcnt_t)(shift - 1);
    if (half && (below || mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    double d = ldexp(mpz_get_d(q), (int)(e + shift));
    mpz_clear(q);
    if (isinf(d))
        *overflow = true;
    return d;
}

static double mpz_to_double(mpz_srcptr z, bool *overflow)
{
    *overflow = false;
    if (mpz_sgn(z) == 0)
        return 0.0;
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    double d = scaled_to_double(a, 0, false, overflow);
    mpz_clear(a);
    return mpz_sgn(z) < 0 ? -d : d;
}

double r_int_as_double(RObject *o)
{
    if (!BIG(o))
        return (double)V(o); /* the hardware conversion rounds half to even */
    bool overflow;
    double d = mpz_to_double(Z(o), &overflow);
    if (overflow) {
        r_err_set_string(r_exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return d;
}

RObject *r_int_from_double(double d)
{
    if (isinf(d))
        return r_err_format(r_exc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(d))
        return r_err_format(r_exc_ValueError, "cannot convert float NaN to integer");
    d = trunc(d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return r_int_from_i64((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d); /* exact: d is integral */
    return int_from_mpz_steal(z);
}

/* ---- __index__ ---- */

RObject *r_number_index(RObject *o)
{
    if (R_INT_CHECK(o))
        return int_exact(o);
    if (!R_TYPE(o)->nb_index)
        return r_err_format(r_exc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                            R_TYPE(o)->name);
    RObject *r = R_TYPE(o)->nb_index(o);
    if (r && !R_INT_CHECK(r)) {
        r_err_format(r_exc_TypeError, "__index__ returned non-int (type %.200s)", R_TYPE(r)->name);
        R_DECREF(r);
        return NULL;
    }
    if (r && !R_INT_CHECK_EXACT(r))
        R_SETREF(r, int_exact(r));
    return r;
}

ssize_t r_number_as_ssize(RObject *o, RType *exc)
{
    if (R_TYPE(o) == &r_int_type && !BIG(o))
        return (ssize_t)V(o); /* the common case: an index that is a small int */
    RObject *i = r_number_index(o);
    if (!i)
        return -1;
    ssize_t n;
    if (!BIG(i)) {
        n = (ssize_t)V(i);
    } else if (!exc) {
        n = mpz_sgn(Z(i)) < 0 ? (ssize_t)INT64_MIN : (ssize_t)INT64_MAX;
    } else {
        r_err_format(exc, "cannot fit '%.200s' into an index-sized integer", R_TYPE(o)->name);
        n = -1;
    }
    R_DECREF(i);
    return n;
}

/* ---- text to int ---- */

static bool is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

enum { PARSE_OK, PARSE_INVALID, PARSE_FAILED };

/* CPython's PyLong_FromString on an ASCII buffer (non-ASCII already mapped
 * by the caller): *msg_base is the base the error message names. */
static int parse_ascii(const char *s, const char *end, int base, RObject **out, int *msg_base)
{
    *msg_base = base;
    while (s < end && is_ascii_space(*s))
        s++;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-'))
        negative = *s++ == '-';
    char c1 = s + 1 < end ? s[1] : '\0';
    bool error_if_nonzero = false;
    if (base == 0) {
        if (s >= end || *s != '0')
            base = 10;
        else if (c1 == 'x' || c1 == 'X')
            base = 16;
        else if (c1 == 'o' || c1 == 'O')
            base = 8;
        else if (c1 == 'b' || c1 == 'B')
            base = 2;
        else {
            error_if_nonzero = true; /* a C-style octal literal is only valid as zero */
            base = 10;
        }
    }
    if (s < end && *s == '0' &&
        ((base == 16 && (c1 == 'x' || c1 == 'X')) || (base == 8 && (c1 == 'o' || c1 == 'O')) ||
         (base == 2 && (c1 == 'b' || c1 == 'B')))) {
        s += 2;
        if (s < end && *s == '_') /* one underscore may follow the prefix */
            s++;
    }
    /* digits with single underscores between them */
    const char *start = s;
    size_t ndigits = 0;
    bool prev_underscore = true; /* no leading underscore */
    while (s < end) {
        if (*s == '_') {
            if (prev_underscore)
                return PARSE_INVALID;
            prev_underscore = true;
        } else if (digit_value(*s) < base) {
            prev_underscore = false;
            ndigits++;
        } else {
            break;
        }
        s++;
    }
    if (ndigits == 0 || prev_underscore)
        return PARSE_INVALID;
    const char *digits_end = s;
    while (s < end && is_ascii_space(*s))
        s++;
    if (s != end)
        return PARSE_INVALID;
    bool power_of_two = (base & (base - 1)) == 0;
    if (!power_of_two && max_str_digits > 0 && ndigits > (size_t)max_str_digits) {
        /* version: 3.8-3.10 say "(4300)", 3.11+ "(4300 digits)" */
        r_err_format(r_exc_ValueError,
                     "Exceeds the limit (%d digits) for integer string conversion: value has "
                     "%zu digits; use sys.set_int_max_str_digits() to increase the limit",
                     max_str_digits, ndigits);
        return PARSE_FAILED;
    }
    RObject *r;
    /* base**ndigits stays below 2**63: no GMP */
    if (ndigits <= (base <= 10 ? 18u : 12u)) {
        int64_t v = 0;
        for (const char *p = start; p < digits_end; p++)
            if (*p != '_')
                v = v * base + digit_value(*p);
        r = r_int_from_i64(negative ? -v : v);
    } else {
        char *buf = malloc(ndigits + 1);
        if (!buf) {
            r_err_no_memory();
            return PARSE_FAILED;
        }
        size_t k = 0;
        for (const char *p = start; p < digits_end; p++)
            if (*p != '_')
                buf[k++] = *p;
        buf[k] = '\0';
        mpz_t z;
        mpz_init_set_str(z, buf, base);
        free(buf);
        if (negative)
            mpz_neg(z, z);
        r = int_from_mpz_steal(z);
    }
    if (!r)
        return PARSE_FAILED;
    if (error_if_nonzero && r_int_sign(r) != 0) {
        *msg_base = 0;
        R_DECREF(r);
        return PARSE_INVALID;
    }
    *out = r;
    return PARSE_OK;
}

/* "invalid literal for int() with base N: R", R the repr cut at 200
 * characters (CPython's %.200R). */
static RObject *invalid_literal(RObject *text, int base)
{
    RObject *repr = r_repr(text);
    if (!repr)
        return NULL;
    if (r_str_length(repr) > 200)
        R_SETREF(repr, r_str_substring(repr, 0, 200));
    if (repr)
        r_err_format(r_exc_ValueError, "invalid literal for int() with base %d: %U", base, repr);
    R_XDECREF(repr);
    return NULL;
}

/* str to the ASCII text PyLong_FromString sees: Unicode decimal digits
 * become ASCII digits, Unicode white space a space, anything else
 * non-ASCII a character no literal contains
 * (_PyUnicode_TransformDecimalAndSpaceToASCII). */
static char *transform_to_ascii(const char *s, size_t n, size_t *outlen)
{
    char *buf = malloc(n + 1);
    if (!buf)
        return NULL;
    size_t k = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        if ((unsigned char)*p < 0x80) {
            buf[k++] = *p++;
            continue;
        }
        uint32_t cp = r_utf8_decode(&p);
        int d = r_unicode_decimal(cp);
        buf[k++] = d >= 0 ? (char)('0' + d) : r_unicode_isspace(cp) ? ' ' : '?';
    }
    buf[k] = '\0';
    *outlen = k;
    return buf;
}

static RObject *int_from_text(RObject *text, const char *s, size_t n, int base, bool is_str)
{
    size_t len = n;
    char *ascii = NULL;
    if (is_str && !((RStr *)text)->ascii) {
        ascii = transform_to_ascii(s, n, &len);
        if (!ascii)
            return r_err_no_memory();
        s = ascii;
    }
    RObject *r = NULL;
    int msg_base;
    int rc = parse_ascii(s, s + len, base, &r, &msg_base);
    free(ascii);
    if (rc == PARSE_INVALID)
        return invalid_literal(text, msg_base);
    return rc == PARSE_OK ? r : NULL;
}

RObject *r_int_from_text_object(RObject *text, int base)
{
    if (R_STR_CHECK(text))
        return int_from_text(text, r_str_utf8(text), (size_t)r_str_size(text), base, true);
    if (R_BYTES_CHECK(text))
        return int_from_text(text, R_BYTES_DATA(text), (size_t)R_BYTES_SIZE(text), base, false);
    return r_err_format(r_exc_TypeError, "int() can't convert non-string with explicit base");
}

RObject *r_int_from_utf8(const char *s, size_t n, int base)
{
    RObject *text = r_str_from_utf8(s, n);
    if (!text)
        return NULL;
    RObject *r = r_int_from_text_object(text, base);
    R_DECREF(text);
    return r;
}

RObject *r_int_from_string(const char *text, int base)
{
    return r_int_from_utf8(text, strlen(text), base);
}

/* ---- int to text ---- */

static RObject *digit_limit_error(void)
{
    /* version: 3.8-3.10 say "(4300)", 3.11+ "(4300 digits)" */
    return r_err_format(r_exc_ValueError,
                        "Exceeds the limit (%d digits) for integer string conversion; use "
                        "sys.set_int_max_str_digits() to increase the limit",
                        max_str_digits);
}

char *r_int_to_cstr(RObject *o, int base, size_t *len)
{
    char *buf;
    if (!BIG(o)) {
        buf = malloc(72);
        if (!buf) {
            r_err_no_memory();
            return NULL;
        }
        int64_t v = V(o);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        char tmp[72];
        size_t k = 0;
        do {
            tmp[k++] = "0123456789abcdef"[m % (uint64_t)base];
            m /= (uint64_t)base;
        } while (m);
        size_t n = 0;
        if (v < 0)
            buf[n++] = '-';
        while (k)
            buf[n++] = tmp[--k];
        buf[n] = '\0';
        *len = n;
        return buf;
    }
    if (base == 10 && max_str_digits > 0 &&
        mpz_sizeinbase(Z(o), 10) - 1 > (size_t)max_str_digits) {
        digit_limit_error(); /* certainly too long: do not pay for the conversion */
        return NULL;
    }
    buf = mpz_get_str(NULL, base, Z(o));
    *len = strlen(buf);
    if (base == 10 && max_str_digits > 0 &&
        *len - (buf[0] == '-') > (size_t)max_str_digits) {
        free(buf);
        digit_limit_error();
        return NULL;
    }
    return buf;
}

RObject *r_int_to_decimal(RObject *o)
{
    size_t n;
    char *s = r_int_to_cstr(o, 10, &n);
    if (!s)
        return NULL;
    RObject *r = r_str_from_utf8(s, n);
    free(s);
    return r;
}

RObject *r_int_to_base_str(RObject *o, int base)
{
    RObject *i = r_number_index(o);
    if (!i)
        return NULL;
    size_t n;
    char *s = r_int_to_cstr(i, base, &n);
    R_DECREF(i);
    if (!s)
        return NULL;
    bool neg = s[0] == '-';
    const char *prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    RObject *r = r_str_from_format("%s%s%s", neg ? "-" : "", prefix, s + neg);
    free(s);
    return r;
}

static RObject *int_repr(RObject *o)
{
    return r_int_to_decimal(o);
}

/* ---- comparison and hash ---- */

static int int_compare(RObject *a, RObject *b)
{
    if (!BIG(a) && !BIG(b))
        return V(a) < V(b) ? -1 : V(a) > V(b);
    int_view ta, tb;
    int c = mpz_cmp(view(a, &ta), view(b, &tb));
    return c < 0 ? -1 : c > 0;
}

static RObject *int_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (!R_INT_CHECK(a) || !R_INT_CHECK(b))
        return r_incref(R_NOTIMPLEMENTED);
    int c = int_compare(a, b);
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

#define HASH_MODULUS ((uint64_t)0x1FFFFFFFFFFFFFFF) /* 2**61 - 1 */

int64_t r_int_hash(RObject *o)
{
    int64_t h;
    if (!BIG(o)) {
        int64_t v = V(o);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        h = (int64_t)(m % HASH_MODULUS);
        if (v < 0)
            h = -h;
    } else {
        h = (int64_t)mpz_tdiv_ui(Z(o), HASH_MODULUS);
        if (mpz_sgn(Z(o)) < 0)
            h = -h;
    }
    return h == -1 ? -2 : h;
}

int64_t r_int_hash_value(RObject *o)
{
    if (!BIG(o))
        return V(o) == -1 ? -2 : V(o);
    return r_int_hash(o);
}

/* ---- arithmetic ---- */

#define BINOP_CHECK(a, b)                          \
    do {                                           \
        if (!R_INT_CHECK(a) || !R_INT_CHECK(b))    \
            return r_incref(R_NOTIMPLEMENTED);     \
    } while (0)

typedef void (*mpz_binop)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static RObject *big_binop(RObject *a, RObject *b, mpz_binop f)
{
    int_view ta, tb;
    mpz_t r;
    mpz_init(r);
    f(r, view(a, &ta), view(b, &tb));
    return int_from_mpz_steal(r);
}

static RObject *int_add(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    int64_t r;
    if (!BIG(a) && !BIG(b) && !__builtin_add_overflow(V(a), V(b), &r))
        return r_int_from_i64(r);
    return big_binop(a, b, mpz_add);
}

static RObject *int_sub(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    int64_t r;
    if (!BIG(a) && !BIG(b) && !__builtin_sub_overflow(V(a), V(b), &r))
        return r_int_from_i64(r);
    return big_binop(a, b, mpz_sub);
}

static RObject *int_mul(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    int64_t r;
    if (!BIG(a) && !BIG(b) && !__builtin_mul_overflow(V(a), V(b), &r))
        return r_int_from_i64(r);
    return big_binop(a, b, mpz_mul);
}

static bool is_zero(RObject *o)
{
    return !BIG(o) && V(o) == 0;
}

/* Floor division and modulo with Python's signs; either out may be NULL. */
static int int_divmod_parts(RObject *a, RObject *b, RObject **q, RObject **r)
{
    if (!BIG(a) && !BIG(b) && !(V(a) == INT64_MIN && V(b) == -1)) {
        int64_t x = V(a), y = V(b);
        int64_t qq = x / y, rr = x % y;
        if (rr != 0 && ((rr < 0) != (y < 0))) {
            qq--;
            rr += y;
        }
        if (q && !(*q = r_int_from_i64(qq)))
            return -1;
        if (r && !(*r = r_int_from_i64(rr))) {
            if (q)
                R_CLEAR(*q);
            return -1;
        }
        return 0;
    }
    int_view ta, tb;
    mpz_t zq, zr;
    mpz_inits(zq, zr, NULL);
    mpz_fdiv_qr(zq, zr, view(a, &ta), view(b, &tb));
    if (q && !(*q = int_from_mpz_steal(zq))) {
        mpz_clear(zr);
        return -1;
    }
    if (!q)
        mpz_clear(zq);
    if (r && !(*r = int_from_mpz_steal(zr))) {
        if (q)
            R_CLEAR(*q);
        return -1;
    }
    if (!r)
        mpz_clear(zr);
    return 0;
}

static RObject *int_floor_div(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (is_zero(b))
        return r_err_format(r_exc_ZeroDivisionError, "integer division or modulo by zero");
    RObject *q;
    return int_divmod_parts(a, b, &q, NULL) < 0 ? NULL : q;
}

static RObject *int_mod(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (is_zero(b))
        return r_err_format(r_exc_ZeroDivisionError, r_int_modulo_message_is_own()
                                                          ? "integer modulo by zero"
                                                          : "integer division or modulo by zero");
    RObject *r;
    return int_divmod_parts(a, b, NULL, &r) < 0 ? NULL : r;
}

RObject *r_int_divmod(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (is_zero(b))
        return r_err_format(r_exc_ZeroDivisionError, "integer division or modulo by zero");
    RObject *q, *r;
    if (int_divmod_parts(a, b, &q, &r) < 0)
        return NULL;
    RObject *t = r_tuple_pack(2, q, r);
    R_DECREF(q);
    R_DECREF(r);
    return t;
}

/* a / b correctly rounded (CPython's long_true_divide). */
static RObject *int_true_div(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (is_zero(b))
        return r_err_format(r_exc_ZeroDivisionError, "division by zero");
    const int64_t exact = (int64_t)1 << 53;
    if (!BIG(a) && !BIG(b) && V(a) <= exact && V(a) >= -exact && V(b) <= exact &&
        V(b) >= -exact)
        return r_float_from_double((double)V(a) / (double)V(b));
    int_view ta, tb;
    mpz_srcptr za = view(a, &ta), zb = view(b, &tb);
    bool negative = (mpz_sgn(za) < 0) != (mpz_sgn(zb) < 0);
    if (mpz_sgn(za) == 0)
        return r_float_from_double(negative ? -0.0 : 0.0);
    mpz_t num, den, q, r;
    mpz_inits(num, den, q, r, NULL);
    mpz_abs(num, za);
    mpz_abs(den, zb);
    /* scale so that the quotient has 55 or 56 bits: enough to round once */
    long shift = 55 - ((long)mpz_sizeinbase(num, 2) - (long)mpz_sizeinbase(den, 2));
    if (shift > 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)shift);
    else if (shift < 0)
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-shift);
    mpz_tdiv_qr(q, r, num, den);
    bool overflow;
    double d = scaled_to_double(q, -shift, mpz_sgn(r) != 0, &overflow);
    mpz_clears(num, den, q, r, NULL);
    if (overflow)
        return r_err_format(r_exc_OverflowError, "integer division result too large for a float");
    return r_float_from_double(negative ? -d : d);
}

/* Results past this many bits would take GMP past its limits (it aborts). */
#define MAX_RESULT_BITS ((uint64_t)1 << 36)

static RObject *int_pow(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (r_int_sign(b) < 0) /* a negative exponent gives a float */
        return r_float_type.nb_power(a, b);
    if (BIG(b)) {
        /* only 0, 1 and -1 have a representable power */
        if (!BIG(a) && V(a) >= -1 && V(a) <= 1)
            return r_int_from_i64(V(a) == -1 ? (mpz_odd_p(Z(b)) ? -1 : 1) : V(a));
        return r_err_no_memory();
    }
    uint64_t e = (uint64_t)V(b);
    if (!BIG(a)) {
        /* square and multiply while it fits */
        int64_t base = V(a), result = 1;
        uint64_t k = e;
        bool ok = true;
        while (k) {
            if (k & 1)
                ok = ok && !__builtin_mul_overflow(result, base, &result);
            k >>= 1;
            if (k)
                ok = ok && !__builtin_mul_overflow(base, base, &base);
            if (!ok)
                break;
        }
        if (ok)
            return r_int_from_i64(result);
    }
    int_view ta;
    mpz_srcptr za = view(a, &ta);
    if (mpz_cmpabs_ui(za, 1) > 0 && (uint64_t)mpz_sizeinbase(za, 2) * e > MAX_RESULT_BITS)
        return r_err_no_memory();
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, za, (unsigned long)e);
    return int_from_mpz_steal(r);
}

RObject *r_int_pow_mod(RObject *a, RObject *b, RObject *m)
{
    if (!R_INT_CHECK(a) || !R_INT_CHECK(b) || !R_INT_CHECK(m)) {
        if (r_typecheck(a, &r_float_type) || r_typecheck(b, &r_float_type) ||
            r_typecheck(m, &r_float_type))
            return r_err_format(r_exc_TypeError,
                                "pow() 3rd argument not allowed unless all arguments are integers");
        return r_err_format(r_exc_TypeError,
                            "unsupported operand type(s) for ** or pow(): '%.100s', '%.100s', "
                            "'%.100s'",
                            R_TYPE(a)->name, R_TYPE(b)->name, R_TYPE(m)->name);
    }
    if (is_zero(m))
        return r_err_format(r_exc_ValueError, "pow() 3rd argument cannot be 0");
    if (!BIG(m) && (V(m) == 1 || V(m) == -1))
        return r_int_from_i64(0); /* everything is 0 modulo 1, and invertible */
    int_view ta, tb, tm;
    mpz_srcptr za = view(a, &ta), zb = view(b, &tb), zm = view(m, &tm);
    mpz_t base, exp, mod, r;
    mpz_inits(base, exp, mod, r, NULL);
    mpz_abs(mod, zm);
    mpz_set(exp, zb);
    mpz_set(base, za);
    if (mpz_sgn(exp) < 0) {
        /* a negative exponent raises the inverse (3.8+) */
        if (!mpz_invert(base, za, mod)) {
            mpz_clears(base, exp, mod, r, NULL);
            return r_err_format(r_exc_ValueError, "base is not invertible for the given modulus");
        }
        mpz_neg(exp, exp);
    }
    mpz_powm(r, base, exp, mod);
    if (mpz_sgn(zm) < 0 && mpz_sgn(r) != 0)
        mpz_sub(r, r, mod); /* the result takes the modulus's sign */
    mpz_clears(base, exp, mod, NULL);
    return int_from_mpz_steal(r);
}

static RObject *int_lshift(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (r_int_sign(b) < 0)
        return r_err_format(r_exc_ValueError, "negative shift count");
    if (is_zero(a))
        return r_int_from_i64(0);
    if (BIG(b))
        return r_err_format(r_exc_OverflowError, "too many digits in integer");
    int64_t n = V(b);
    if (!BIG(a) && n < 62) {
        int64_t v = V(a), limit = (int64_t)1 << (62 - n);
        if (v < limit && v > -limit)
            return r_int_from_i64((int64_t)((uint64_t)v << n));
    }
    int_view ta;
    mpz_srcptr za = view(a, &ta);
    if ((uint64_t)mpz_sizeinbase(za, 2) + (uint64_t)n > MAX_RESULT_BITS)
        return r_err_no_memory();
    mpz_t r;
    mpz_init(r);
    mpz_mul_2exp(r, za, (mp_bitcnt_t)n);
    return int_from_mpz_steal(r);
}

static RObject *int_rshift(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    int sb = r_int_sign(b);
    if (sb < 0)
        return r_err_format(r_exc_ValueError, "negative shift count");
    int sa = r_int_sign(a);
    if (BIG(b) || (!BIG(a) && V(b) >= 63))
        return r_int_from_i64(sa < 0 ? -1 : 0);
    int64_t n = V(b);
    if (!BIG(a)) {
        int64_t v = V(a);
        /* rounds toward minus infinity without relying on >> of negatives */
        return r_int_from_i64(v >= 0 ? v >> n : -((-(v + 1)) >> n) - 1);
    }
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q_2exp(r, Z(a), (mp_bitcnt_t)n);
    return int_from_mpz_steal(r);
}

static RObject *int_and(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (!BIG(a) && !BIG(b))
        return r_int_from_i64(V(a) & V(b));
    return big_binop(a, b, mpz_and);
}

static RObject *int_or(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (!BIG(a) && !BIG(b))
        return r_int_from_i64(V(a) | V(b));
    return big_binop(a, b, mpz_ior);
}

static RObject *int_xor(RObject *a, RObject *b)
{
    BINOP_CHECK(a, b);
    if (!BIG(a) && !BIG(b))
        return r_int_from_i64(V(a) ^ V(b));
    return big_binop(a, b, mpz_xor);
}

static RObject *int_neg(RObject *a)
{
    if (!BIG(a) && V(a) != INT64_MIN)
        return r_int_from_i64(-V(a));
    int_view ta;
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, view(a, &ta));
    return int_from_mpz_steal(r);
}

static RObject *int_abs(RObject *a)
{
    return r_int_sign(a) < 0 ? int_neg(a) : int_exact(a);
}

static RObject *int_invert(RObject *a)
{
    if (!BIG(a))
        return r_int_from_i64(~V(a));
    mpz_t r;
    mpz_init(r);
    mpz_com(r, Z(a));
    return int_from_mpz_steal(r);
}

static int int_bool(RObject *a)
{
    return BIG(a) || V(a) != 0;
}

static RObject *int_float(RObject *a)
{
    double d = r_int_as_double(a);
    if (d == -1.0 && r_err_occurred())
        return NULL;
    return r_float_from_double(d);
}

/* round(x, ndigits) for ints: x itself for ndigits >= 0, else x rounded to
 * a multiple of 10**-ndigits, half to even (CPython's _PyLong_DivmodNear). */
RObject *r_int_round(RObject *o, RObject *ndigits)
{
    if (!ndigits || ndigits == R_NONE)
        return int_exact(o);
    RObject *nd = r_number_index(ndigits);
    if (!nd)
        return NULL;
    int sign = r_int_sign(nd);
    if (sign >= 0) {
        R_DECREF(nd);
        return int_exact(o);
    }
    int_view to, tn;
    mpz_srcptr zo = view(o, &to);
    mpz_t k;
    mpz_init(k);
    mpz_neg(k, view(nd, &tn));
    R_DECREF(nd);
    /* 10**k beyond twice |x|: the nearest multiple is 0 */
    if (mpz_cmp_ui(k, (unsigned long)mpz_sizeinbase(zo, 10) + 1) > 0) {
        mpz_clear(k);
        return r_int_from_i64(0);
    }
    mpz_t p, q, r, twice;
    mpz_inits(p, q, r, twice, NULL);
    mpz_ui_pow_ui(p, 10, mpz_get_ui(k));
    mpz_fdiv_qr(q, r, zo, p);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    mpz_sub(r, zo, r); /* x rounded down */
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add(r, r, p);
    mpz_clears(k, p, q, twice, NULL);
    return int_from_mpz_steal(r);
}

RObject *r_int_bit_length(RObject *o)
{
    if (!BIG(o)) {
        int64_t v = V(o);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        return r_int_from_i64(m ? 64 - __builtin_clzll(m) : 0);
    }
    return r_int_from_u64((uint64_t)mpz_sizeinbase(Z(o), 2));
}

/* ---- int(x), int(text, base) ---- */

static RObject *int_subtype_copy(RType *type, RObject *value)
{
    RInt *r = (RInt *)r_alloc(type);
    if (r) {
        r->big = BIG(value);
        r->v = V(value);
        if (r->big)
            mpz_init_set(r->z, Z(value));
    }
    return (RObject *)r;
}

/* PyNumber_Long: __int__, __index__, text; the value of int(x). */
static RObject *number_to_int(RObject *x)
{
    RType *t = R_TYPE(x);
    if (R_INT_CHECK(x))
        return int_exact(x);
    if (t->nb_int) {
        RObject *r = t->nb_int(x);
        if (r && !R_INT_CHECK(r)) {
            r_err_format(r_exc_TypeError, "__int__ returned non-int (type %.200s)",
                         R_TYPE(r)->name);
            R_DECREF(r);
            return NULL;
        }
        if (r && !R_INT_CHECK_EXACT(r))
            R_SETREF(r, int_exact(r));
        return r;
    }
    if (t->nb_index)
        return r_number_index(x);
    if (R_STR_CHECK(x) || R_BYTES_CHECK(x))
        return r_int_from_text_object(x, 10);
    /* version: 3.8-3.9 say "or a number" */
    return r_err_format(r_exc_TypeError,
                        "int() argument must be a string, a bytes-like object or a real number, "
                        "not '%.200s'",
                        t->name);
}

static RObject *int_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    RObject *x = nargs > 0 ? args[0] : NULL;
    RObject *obase = nargs > 1 ? args[1] : NULL;
    if (nargs + nkw > 2)
        /* version: 3.13 says "int expected at most 2 arguments, got 3" */
        return r_err_format(r_exc_TypeError, "int() takes at most 2 arguments (%zu given)",
                            nargs + nkw);
    for (size_t i = 0; i < nkw; i++) {
        RObject *name = R_TUPLE_GET(kwnames, i);
        if (!r_str_equal_cstr(name, "base") || obase)
            /* version: 3.13 says "int() got an unexpected keyword argument 'x'" */
            return r_err_format(r_exc_TypeError, "'%U' is an invalid keyword argument for int()",
                                name);
        obase = args[nargs + i];
    }
    RObject *value;
    if (!x) {
        if (obase)
            return r_err_format(r_exc_TypeError, "int() missing string argument");
        value = r_int_from_i64(0);
    } else if (!obase) {
        value = number_to_int(x);
    } else {
        ssize_t base = r_number_as_ssize(obase, NULL);
        if (base == -1 && r_err_occurred())
            return NULL;
        if ((base != 0 && base < 2) || base > 36)
            return r_err_format(r_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        value = r_int_from_text_object(x, (int)base);
    }
    if (!value || type == &r_int_type)
        return value;
    RObject *r = int_subtype_copy(type, value);
    R_DECREF(value);
    return r;
}

static void int_dealloc(RObject *o)
{
    if (BIG(o))
        mpz_clear(Z(o));
    r_free(o);
}

/* ---- methods ---- */

static RObject *int_bit_length_method(RObject *self, RObject *const *args, size_t nargs,
                                      RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("bit_length", kw) < 0 || r_check_nargs("bit_length", nargs, 0, 0) < 0)
        return NULL;
    return r_int_bit_length(self);
}

/* version: int.bit_count is 3.10+ */
static RObject *int_bit_count(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("bit_count", kw) < 0 || r_check_nargs("bit_count", nargs, 0, 0) < 0)
        return NULL;
    if (!BIG(self)) {
        int64_t v = V(self);
        return r_int_from_i64(__builtin_popcountll(v < 0 ? (uint64_t)0 - (uint64_t)v
                                                         : (uint64_t)v));
    }
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, Z(self));
    uint64_t n = mpz_popcount(a);
    mpz_clear(a);
    return r_int_from_u64(n);
}

static RObject *int_self_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("int", kw) < 0 || r_check_nargs("int", nargs, 0, 0) < 0)
        return NULL;
    return int_exact(self);
}

static RObject *int_float_method(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("__float__", kw) < 0 || r_check_nargs("__float__", nargs, 0, 0) < 0)
        return NULL;
    return int_float(self);
}

static RObject *int_round_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    if (r_check_no_kwargs("__round__", kw) < 0 || r_check_nargs("__round__", nargs, 0, 1) < 0)
        return NULL;
    return r_int_round(self, nargs ? args[0] : NULL);
}

static RObject *int_format_method(RObject *self, RObject *const *args, size_t nargs,
                                  RObject *kw)
{
    if (r_check_no_kwargs("__format__", kw) < 0 || r_check_nargs("__format__", nargs, 1, 1) < 0)
        return NULL;
    if (!R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "__format__() argument must be str, not %.200s",
                            R_TYPE(args[0])->name);
    return r_format_int(self, args[0]);
}

/* version: int.is_integer is 3.12+ */
static RObject *int_is_integer(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)args;
    if (r_check_no_kwargs("is_integer", kw) < 0 || r_check_nargs("is_integer", nargs, 0, 0) < 0)
        return NULL;
    R_RETURN_TRUE;
}

static RObject *int_as_integer_ratio(RObject *self, RObject *const *args, size_t nargs,
                                     RObject *kw)
{
    (void)args;
    if (r_check_no_kwargs("as_integer_ratio", kw) < 0 ||
        r_check_nargs("as_integer_ratio", nargs, 0, 0) < 0)
        return NULL;
    RObject *n = int_exact(self);
    RObject *one = r_int_from_i64(1);
    RObject *t = n && one ? r_tuple_pack(2, n, one) : NULL;
    R_XDECREF(n);
    R_XDECREF(one);
    return t;
}

static const r_method_def int_methods[] = {
    {"bit_length", int_bit_length_method, 0, "Number of bits needed to represent self."},
    {"bit_count", int_bit_count, 0, "Number of ones in the binary representation of abs(self)."},
    {"conjugate", int_self_method, 0, "Returns self, the complex conjugate of any int."},
    {"as_integer_ratio", int_as_integer_ratio, 0, "Return a pair of integers (self, 1)."},
    {"is_integer", int_is_integer, 0, "Returns True."},
    {"__trunc__", int_self_method, 0, "Truncating an Integral returns itself."},
    {"__floor__", int_self_method, 0, "Flooring an Integral returns itself."},
    {"__ceil__", int_self_method, 0, "Ceiling of an Integral returns itself."},
    {"__index__", int_self_method, 0, "Return self converted to an integer."},
    {"__int__", int_self_method, 0, "int(self)"},
    {"__float__", int_float_method, 0, "float(self)"},
    {"__round__", int_round_method, 0, "Rounding an Integral returns itself."},
    {"__format__", int_format_method, 0, "Convert to a string according to format_spec."},
    {NULL, NULL, 0, NULL},
};

static RObject *int_get_self(RObject *self)
{
    return int_exact(self);
}

static RObject *int_get_zero(RObject *self)
{
    (void)self;
    return r_int_from_i64(0);
}

static RObject *int_get_one(RObject *self)
{
    (void)self;
    return r_int_from_i64(1);
}

static const r_getset_def int_getsets[] = {
    {"real", int_get_self, NULL},
    {"imag", int_get_zero, NULL},
    {"numerator", int_get_self, NULL},
    {"denominator", int_get_one, NULL},
    {NULL, NULL, NULL},
};

static int64_t int_hash_slot(RObject *o)
{
    return r_int_hash(o);
}

RType r_int_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "int",
    .basicsize = sizeof(RInt),
    .flags = R_TPFLAGS_BASETYPE | R_TPFLAGS_INT_SUBCLASS,
    .dealloc = int_dealloc,
    .repr = int_repr,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .nb_add = int_add,
    .nb_subtract = int_sub,
    .nb_multiply = int_mul,
    .nb_true_divide = int_true_div,
    .nb_floor_divide = int_floor_div,
    .nb_remainder = int_mod,
    .nb_power = int_pow,
    .nb_lshift = int_lshift,
    .nb_rshift = int_rshift,
    .nb_and = int_and,
    .nb_or = int_or,
    .nb_xor = int_xor,
    .nb_negative = int_neg,
    .nb_positive = int_exact,
    .nb_invert = int_invert,
    .nb_absolute = int_abs,
    .nb_int = int_exact,
    .nb_float = int_float,
    .nb_index = int_exact,
    .nb_bool = int_bool,
    .tp_new = int_new,
    .methods = int_methods,
    .getsets = int_getsets,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer",
};
