/* float: CPython's Objects/floatobject.c semantics. Decimal conversion
 * follows Python/pystrtod.c (format_float_short); the digits that CPython
 * gets from David Gay's dtoa come here from glibc, whose printf and strtod
 * are exact and round half to even: the shortest round-trip digits are the
 * fewest correctly rounded digits (or their neighbour on the other side of
 * x, for the asymmetric intervals at powers of two) that strtod maps back
 * to x. */
#include "floatobject.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "bytesobject.h"
#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "format.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "profile.h"

RObject *r_float_from_double(double v)
{
    RFloat *f = (RFloat *)r_alloc(&r_float_type);
    if (f)
        f->value = v;
    return (RObject *)f;
}

double r_float_as_double(RObject *o)
{
    if (R_FLOAT_CHECK(o))
        return R_FLOAT_VALUE(o);
    if (R_INT_CHECK(o))
        return r_int_as_double(o);
    RType *t = R_TYPE(o);
    if (t->nb_float) {
        RObject *r = t->nb_float(o);
        if (!r)
            return -1.0;
        if (!R_FLOAT_CHECK(r)) {
            r_err_format(r_exc_TypeError, "%.50s.__float__ returned non-float (type %.50s)",
                         t->name, R_TYPE(r)->name);
            R_DECREF(r);
            return -1.0;
        }
        double d = R_FLOAT_VALUE(r);
        R_DECREF(r);
        return d;
    }
    if (t->nb_index) {
        RObject *i = r_number_index(o);
        if (!i)
            return -1.0;
        double d = r_int_as_double(i);
        R_DECREF(i);
        return d;
    }
    r_err_format(r_exc_TypeError, "must be real number, not %.50s", t->name);
    return -1.0;
}

/* ---- digits, as _Py_dg_dtoa gives them: no trailing zeros, and the value
 * is 0.d1d2d3... * 10**decpt ---- */

/* %.*e of |x| into digits: returns the digit count. */
static int e_digits(double x, int ndigits, char *buf, size_t bufsize, int *decpt)
{
    char tmp[64];
    char *s = tmp;
    size_t need = (size_t)ndigits + 16;
    if (need > sizeof tmp && !(s = malloc(need)))
        return -1;
    snprintf(s, need > sizeof tmp ? need : sizeof tmp, "%.*e", ndigits - 1, fabs(x));
    int n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p != '.' && (size_t)n < bufsize - 1)
            buf[n++] = *p;
    *decpt = atoi(p + 1) + 1;
    if (s != tmp)
        free(s);
    while (n > 1 && buf[n - 1] == '0')
        n--;
    buf[n] = '\0';
    return n;
}

static bool digits_round_trip(const char *digits, int n, int decpt, double x)
{
    char s[48];
    snprintf(s, sizeof s, "0.%.*se%d", n, digits, decpt);
    return strtod(s, NULL) == fabs(x);
}

/* Steps a digit string by one unit in its last place (up or down); the
 * length and decpt may change (999 -> 1000, 1000 -> 999). */
static int step_digits(char *d, int n, int *decpt, bool up)
{
    int i = n - 1;
    if (up) {
        while (i >= 0 && d[i] == '9')
            d[i--] = '0';
        if (i < 0) {
            memmove(d + 1, d, (size_t)n);
            d[0] = '1';
            (*decpt)++;
            n++;
        } else {
            d[i]++;
        }
    } else {
        while (i >= 0 && d[i] == '0')
            d[i--] = '9';
        d[i]--;
        if (d[0] == '0') { /* 10**k - one unit: n nines, one place lower */
            memset(d, '9', (size_t)n);
            (*decpt)--;
        }
    }
    while (n > 1 && d[n - 1] == '0')
        n--;
    d[n] = '\0';
    return n;
}

/* Can x be written with p significant digits? The closest p-digit decimal,
 * or failing that its neighbour towards x, is put in buf. */
static bool try_digits(double x, int p, char *buf, int *n, int *decpt)
{
    *n = e_digits(x, p, buf, 40, decpt);
    char s[48];
    snprintf(s, sizeof s, "0.%se%d", buf, *decpt);
    double back = strtod(s, NULL);
    if (back == fabs(x))
        return true;
    /* pad back to p digits so that one unit is in the p-th place */
    while (*n < p)
        buf[(*n)++] = '0';
    buf[*n] = '\0';
    *n = step_digits(buf, *n, decpt, back < fabs(x));
    return digits_round_trip(buf, *n, *decpt, x);
}

/* _Py_dg_dtoa mode 0: the shortest digits that round-trip. The rounding
 * interval of a normal double is narrower than the gap between 15-digit
 * decimals, so at most one 15-digit decimal lies in it: when there is one,
 * it is the shortest (its trailing zeros dropped), else 16 or 17 digits
 * are needed. A subnormal has fewer bits: search the digit count. */
static int shortest_digits(double x, char *buf, int *decpt)
{
    if (x == 0) {
        strcpy(buf, "0");
        *decpt = 1;
        return 1;
    }
    int n;
    if (fabs(x) >= DBL_MIN) {
        if (try_digits(x, 15, buf, &n, decpt) || try_digits(x, 16, buf, &n, decpt))
            return n;
        return e_digits(x, 17, buf, 40, decpt); /* 17 digits always round-trip */
    }
    int lo = 1, hi = 17;
    char tmp[48];
    while (lo < hi) { /* the fewest digits that suffice */
        int mid = (lo + hi) / 2;
        if (try_digits(x, mid, tmp, &n, decpt))
            hi = mid;
        else
            lo = mid + 1;
    }
    if (!try_digits(x, lo, buf, &n, decpt))
        n = e_digits(x, 17, buf, 40, decpt);
    return n;
}

/* _Py_dg_dtoa mode 3: rounded to ndigits after the point (ndigits >= 0);
 * malloc'd; an empty string with decpt = -ndigits when it rounds to 0. */
static char *fixed_digits(double x, int ndigits, int *n, int *decpt)
{
    size_t need = (size_t)ndigits + 330;
    char *s = malloc(need);
    if (!s)
        return NULL;
    snprintf(s, need, "%.*f", ndigits, fabs(x));
    int intlen = (int)strcspn(s, ".");
    int k = 0, zeros = 0;
    bool leading = true;
    for (char *p = s; *p; p++) {
        if (*p == '.')
            continue;
        if (leading && *p == '0') {
            zeros++;
            continue;
        }
        leading = false;
        s[k++] = *p;
    }
    while (k > 0 && s[k - 1] == '0')
        k--;
    s[k] = '\0';
    *n = k;
    *decpt = k ? intlen - zeros : -ndigits;
    return s;
}

/* ---- PyOS_double_to_string ---- */

char *r_double_to_string(double x, char code, int precision, int flags)
{
    bool upper = code == 'E' || code == 'F' || code == 'G';
    if (upper)
        code = (char)(code - 'A' + 'a');
    bool sign = signbit(x) && !isnan(x);
    bool add_sign = flags & R_DTSF_SIGN, alt = flags & R_DTSF_ALT;
    bool add_dot_0 = flags & R_DTSF_ADD_DOT_0;
    if (!isfinite(x)) {
        char *buf = malloc(8);
        if (buf)
            snprintf(buf, 8, "%s%s", sign ? "-" : add_sign ? "+" : "",
                     isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return buf;
    }
    char small[48];
    char *digits = small, *allocated = NULL;
    int ndig, decpt;
    switch (code) {
    case 'e':
        precision++;
        /* fall through */
    case 'g':
        if (code == 'g' && precision == 0)
            precision = 1;
        if (x == 0) {
            strcpy(small, "0");
            ndig = 1;
            decpt = 1;
        } else {
            size_t need = (size_t)precision + 8;
            if (need > sizeof small && !(digits = allocated = malloc(need)))
                return NULL;
            ndig = e_digits(x, precision, digits, (size_t)precision + 8, &decpt);
        }
        break;
    case 'f':
        if (!(digits = allocated = fixed_digits(x, precision, &ndig, &decpt)))
            return NULL;
        break;
    default: /* 'r' */
        ndig = shortest_digits(x, small, &decpt);
        break;
    }
    if ((flags & R_DTSF_NO_NEG_0) && sign && (ndig == 0 || (ndig == 1 && digits[0] == '0')))
        sign = false;

    /* Lay out vdigits[start:end], the digits padded with zeros on either
     * side, with the point after position decpt. */
    bool use_exp = false;
    int exp = 0;
    long vend = ndig;
    switch (code) {
    case 'e':
        use_exp = true;
        vend = precision;
        break;
    case 'f':
        vend = (long)decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision))
            use_exp = true;
        if (alt)
            vend = precision;
        break;
    default: /* 'r': exponent form from 1e16 on */
        if (decpt <= -4 || decpt > 16)
            use_exp = true;
        break;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    long vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0)
        vend = vend > decpt ? vend : decpt + 1;
    else
        vend = vend > decpt ? vend : decpt;

    size_t size = 3 + (size_t)(vend - vstart) + (use_exp ? 8 : 0);
    char *buf = malloc(size);
    if (!buf) {
        free(allocated);
        return NULL;
    }
    char *p = buf;
    if (sign)
        *p++ = '-';
    else if (add_sign)
        *p++ = '+';
    if (decpt <= 0) {
        memset(p, '0', (size_t)(decpt - vstart));
        p += decpt - vstart;
        *p++ = '.';
        memset(p, '0', (size_t)-decpt);
        p += -decpt;
    } else {
        memset(p, '0', (size_t)-vstart);
        p += -vstart;
    }
    if (0 < decpt && decpt <= ndig) {
        memcpy(p, digits, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, digits + decpt, (size_t)(ndig - decpt));
        p += ndig - decpt;
    } else {
        memcpy(p, digits, (size_t)ndig);
        p += ndig;
    }
    if (ndig < decpt) {
        memset(p, '0', (size_t)(decpt - ndig));
        p += decpt - ndig;
        *p++ = '.';
        memset(p, '0', (size_t)(vend - decpt));
        p += vend - decpt;
    } else {
        memset(p, '0', (size_t)(vend - ndig));
        p += vend - ndig;
    }
    if (p[-1] == '.' && !alt)
        p--;
    if (use_exp)
        p += sprintf(p, "%c%+.02d", upper ? 'E' : 'e', exp);
    *p = '\0';
    free(allocated);
    return buf;
}

RObject *r_float_repr_of(double x)
{
    char *s = r_double_to_string(x, 'r', 0, R_DTSF_ADD_DOT_0);
    if (!s)
        return r_err_no_memory();
    RObject *r = r_str_from_utf8(s, strlen(s));
    free(s);
    return r;
}

static RObject *float_repr(RObject *o)
{
    return r_float_repr_of(R_FLOAT_VALUE(o));
}

/* ---- text to float ---- */

static bool is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool match_word(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != word[i])
            return false;
    return true;
}

/* The grammar of float(): [sign] (digits [. digits] | . digits) [e [sign]
 * digits], or [sign] inf | infinity | nan; a single '_' only between two
 * digits. Returns false when the text is not one; else *out. */
static bool parse_float_ascii(const char *s, const char *end, double *out)
{
    while (s < end && is_ascii_space(*s))
        s++;
    while (end > s && is_ascii_space(end[-1]))
        end--;
    const char *body = s;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-'))
        negative = *s++ == '-';
    if (match_word(s, end, "inf") || match_word(s, end, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return true;
    }
    if (match_word(s, end, "nan")) {
        *out = negative ? -NAN : NAN;
        return true;
    }
    size_t n = (size_t)(end - body);
    char small[64];
    char *clean = n < sizeof small ? small : malloc(n + 1);
    if (!clean)
        return false;
    size_t k = 0;
    const char *p = body;
    if (p < end && (*p == '+' || *p == '-'))
        clean[k++] = *p++;
    int mantissa_digits = 0, state = 0; /* 0: integer part, 1: fraction, 2: exponent */
    bool ok = true, exp_digits = false;
    for (; p < end && ok; p++) {
        char c = *p;
        if (is_digit(c)) {
            if (state < 2)
                mantissa_digits++;
            else
                exp_digits = true;
            clean[k++] = c;
        } else if (c == '_') {
            ok = p > body && is_digit(p[-1]) && p + 1 < end && is_digit(p[1]);
        } else if (c == '.' && state == 0) {
            state = 1;
            clean[k++] = c;
        } else if ((c == 'e' || c == 'E') && state < 2 && mantissa_digits > 0) {
            state = 2;
            clean[k++] = c;
            if (p + 1 < end && (p[1] == '+' || p[1] == '-'))
                clean[k++] = *++p;
        } else {
            ok = false;
        }
    }
    ok = ok && mantissa_digits > 0 && (state < 2 || exp_digits);
    clean[k] = '\0';
    if (ok)
        *out = strtod(clean, NULL); /* correctly rounded; overflow gives inf */
    if (clean != small)
        free(clean);
    return ok;
}

RObject *r_float_from_text_object(RObject *text)
{
    const char *s;
    size_t n;
    char *ascii = NULL;
    if (R_STR_CHECK(text)) {
        s = r_str_utf8(text);
        n = (size_t)r_str_size(text);
        if (!((RStr *)text)->ascii) {
            /* Unicode digits and spaces count, as in CPython */
            ascii = malloc(n + 1);
            if (!ascii)
                return r_err_no_memory();
            size_t k = 0;
            const char *p = s, *end = s + n;
            while (p < end) {
                if ((unsigned char)*p < 0x80) {
                    ascii[k++] = *p++;
                    continue;
                }
                uint32_t cp = r_utf8_decode(&p);
                int d = r_unicode_decimal(cp);
                ascii[k++] = d >= 0 ? (char)('0' + d) : r_unicode_isspace(cp) ? ' ' : '?';
            }
            s = ascii;
            n = k;
        }
    } else if (R_BYTES_CHECK(text)) {
        s = R_BYTES_DATA(text);
        n = (size_t)R_BYTES_SIZE(text);
    } else {
        return r_err_format(r_exc_TypeError,
                            "float() argument must be a string or a real number, not '%.200s'",
                            R_TYPE(text)->name);
    }
    double d;
    bool ok = memchr(s, '\0', n) == NULL && parse_float_ascii(s, s + n, &d);
    free(ascii);
    if (!ok)
        /* version: 3.8-3.9 show the repr of the stripped text */
        return r_err_format(r_exc_ValueError, "could not convert string to float: %R", text);
    return r_float_from_double(d);
}

/* ---- arithmetic ---- */

/* CPython's CONVERT_TO_DOUBLE: 1 converted, 0 not a number (NotImplemented),
 * -1 error (an int too large). */
static int to_double(RObject *o, double *d)
{
    if (R_FLOAT_CHECK(o)) {
        *d = R_FLOAT_VALUE(o);
        return 1;
    }
    if (R_INT_CHECK(o)) {
        *d = r_int_as_double(o);
        return *d == -1.0 && r_err_occurred() ? -1 : 1;
    }
    return 0;
}

#define CONVERT_BOTH(a, b, x, y)                     \
    double x, y;                                     \
    do {                                             \
        int ca_ = to_double(a, &x);                  \
        if (ca_ <= 0)                                \
            return ca_ < 0 ? NULL : r_incref(R_NOTIMPLEMENTED); \
        int cb_ = to_double(b, &y);                  \
        if (cb_ <= 0)                                \
            return cb_ < 0 ? NULL : r_incref(R_NOTIMPLEMENTED); \
    } while (0)

static RObject *float_add(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    return r_float_from_double(x + y);
}

static RObject *float_sub(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    return r_float_from_double(x - y);
}

static RObject *float_mul(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    return r_float_from_double(x * y);
}

static RObject *float_div(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    if (y == 0.0)
        return r_err_format(r_exc_ZeroDivisionError, "float division by zero");
    return r_float_from_double(x / y);
}

/* CPython's _float_div_mod: floor quotient and modulo with the divisor's sign. */
static void float_div_mod(double vx, double wx, double *floordiv, double *mod)
{
    double div;
    *mod = fmod(vx, wx);
    div = (vx - *mod) / wx;
    if (*mod) {
        if ((wx < 0) != (*mod < 0)) {
            *mod += wx;
            div -= 1.0;
        }
    } else {
        *mod = copysign(0.0, wx);
    }
    if (div) {
        *floordiv = floor(div);
        if (div - *floordiv > 0.5)
            *floordiv += 1.0;
    } else {
        *floordiv = copysign(0.0, vx / wx);
    }
}

static RObject *float_floor_div(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    if (y == 0.0)
        /* version: 3.8 says "float divmod()" */
        return r_err_format(r_exc_ZeroDivisionError, "float floor division by zero");
    double q, r;
    float_div_mod(x, y, &q, &r);
    return r_float_from_double(q);
}

static RObject *float_mod(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    if (y == 0.0)
        return r_err_format(r_exc_ZeroDivisionError,
                            r_float_modulo_says_by_zero() ? "float modulo by zero" : "float modulo");
    double mod = fmod(x, y);
    if (mod) {
        if ((y < 0) != (mod < 0))
            mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return r_float_from_double(mod);
}

RObject *r_float_divmod(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, x, y);
    if (y == 0.0)
        return r_err_format(r_exc_ZeroDivisionError, "float divmod()");
    double q, r;
    float_div_mod(x, y, &q, &r);
    RObject *fq = r_float_from_double(q);
    RObject *fr = r_float_from_double(r);
    RObject *t = fq && fr ? r_tuple_pack(2, fq, fr) : NULL;
    R_XDECREF(fq);
    R_XDECREF(fr);
    return t;
}

static bool is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

/* CPython's float_pow, special cases first, then C's pow with errno. */
static RObject *float_pow(RObject *a, RObject *b)
{
    CONVERT_BOTH(a, b, iv, iw);
    if (iw == 0)
        return r_float_from_double(1.0); /* x**0 is 1, even 0**0 and nan**0 */
    if (isnan(iv))
        return r_float_from_double(iv);
    if (isnan(iw))
        return r_float_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0)
            return r_float_from_double(1.0);
        return r_float_from_double((iw > 0.0) == (iv > 1.0) ? fabs(iw) : 0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0)
            return r_float_from_double(odd ? iv : fabs(iv));
        return r_float_from_double(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        bool odd = is_odd_integer(iw);
        if (iw < 0.0)
            return r_err_format(r_exc_ZeroDivisionError,
                                "0.0 cannot be raised to a negative power");
        return r_float_from_double(odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw))
            /* CPython returns a complex here; complex is outside the case
             * language, so this is refpy's own error */
            return r_err_format(r_exc_ValueError,
                                "negative number cannot be raised to a fractional power");
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0)
        return r_float_from_double(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (errno == 0 && isinf(ix))
        errno = ERANGE;
    else if (errno == ERANGE && ix == 0.0)
        errno = 0; /* underflow to zero is not an error */
    if (negate)
        ix = -ix;
    if (errno) {
        /* PyErr_SetFromErrno: OverflowError(errno, strerror(errno)) */
        int err = errno;
        RObject *code = r_int_from_i64(err);
        RObject *msg = r_str_from_cstr(strerror(err));
        RObject *args = code && msg ? r_tuple_pack(2, code, msg) : NULL;
        if (args)
            r_err_set_object(err == ERANGE ? r_exc_OverflowError : r_exc_ValueError, args);
        R_XDECREF(code);
        R_XDECREF(msg);
        R_XDECREF(args);
        return NULL;
    }
    return r_float_from_double(ix);
}

static RObject *float_neg(RObject *a)
{
    return r_float_from_double(-R_FLOAT_VALUE(a));
}

static RObject *float_pos(RObject *a)
{
    if (R_FLOAT_CHECK_EXACT(a))
        return r_incref(a);
    return r_float_from_double(R_FLOAT_VALUE(a));
}

static RObject *float_abs(RObject *a)
{
    return r_float_from_double(fabs(R_FLOAT_VALUE(a)));
}

static int float_bool(RObject *a)
{
    return R_FLOAT_VALUE(a) != 0.0;
}

static RObject *float_int(RObject *a)
{
    return r_int_from_double(R_FLOAT_VALUE(a));
}

/* ---- comparison and hash ---- */

/* The sign of the exact difference i - x for a finite double x. */
static int compare_int_double(RObject *i, double x)
{
    int64_t v;
    if (r_int_fits_i64(i, &v) && v <= ((int64_t)1 << 53) && v >= -((int64_t)1 << 53)) {
        double d = (double)v; /* exact */
        return d < x ? -1 : d > x;
    }
    mpz_t z;
    mpz_init(z);
    r_int_get_mpz(i, z);
    int c = mpz_cmp_d(z, x); /* exact */
    mpz_clear(z);
    return c < 0 ? -1 : c > 0;
}

static RObject *float_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    double x = R_FLOAT_VALUE(a);
    int c; /* sign of a - b, or 2 when unordered */
    if (R_FLOAT_CHECK(b)) {
        double y = R_FLOAT_VALUE(b);
        c = isnan(x) || isnan(y) ? 2 : x < y ? -1 : x > y;
    } else if (R_INT_CHECK(b)) {
        if (isnan(x))
            c = 2;
        else if (isinf(x))
            c = x > 0 ? 1 : -1;
        else
            c = -compare_int_double(b, x);
    } else {
        return r_incref(R_NOTIMPLEMENTED);
    }
    bool r;
    switch (op) {
    case R_LT: r = c == -1; break;
    case R_LE: r = c == -1 || c == 0; break;
    case R_EQ: r = c == 0; break;
    case R_NE: r = c != 0; break;
    case R_GT: r = c == 1; break;
    default: r = c == 0 || c == 1; break;
    }
    return r_bool_from_long(r);
}

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

/* CPython's _Py_HashDouble: the value of v modulo 2**61 - 1 as a rational. */
int64_t r_float_hash_value(double v, RObject *obj)
{
    if (!isfinite(v)) {
        if (isinf(v))
            return v > 0 ? 314159 : -314159;
        /* version: 3.8-3.9 hash every NaN to 0 */
        return r_hash_pointer(obj);
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS)
            x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

static int64_t float_hash(RObject *o)
{
    return r_float_hash_value(R_FLOAT_VALUE(o), o);
}

/* ---- round ---- */

/* x rounded half to even at 10**-ndigits on its exact binary value
 * (_Py_dg_dtoa mode 3 then strtod, as CPython's double_round). */
static RObject *double_round(double x, int ndigits)
{
    char *s;
    if (ndigits >= 0) {
        int n = snprintf(NULL, 0, "%.*f", ndigits, x);
        if (!(s = malloc((size_t)n + 1)))
            return r_err_no_memory();
        snprintf(s, (size_t)n + 1, "%.*f", ndigits, x);
    } else {
        /* the exact expansion, then rounding of its integer part by hand */
        size_t k = (size_t)-ndigits;
        char *exact = malloc(1500);
        if (!exact)
            return r_err_no_memory();
        snprintf(exact, 1500, "%.1100f", fabs(x));
        size_t intlen = strcspn(exact, ".");
        size_t pad = intlen < k + 1 ? k + 1 - intlen : 0;
        size_t len = pad + intlen; /* integer digits, left-padded with zeros */
        if (!(s = malloc(len + 3))) {
            free(exact);
            return r_err_no_memory();
        }
        char *d = s + 1;
        memset(d, '0', pad);
        memcpy(d + pad, exact, intlen);
        size_t head = len - k; /* digits kept */
        char first = d[head];
        bool rest = false;
        for (size_t i = head + 1; i < len && !rest; i++)
            rest = d[i] != '0';
        for (const char *p = exact + intlen + 1; *p && !rest; p++)
            rest = *p != '0';
        free(exact);
        bool up = first > '5' || (first == '5' && (rest || (d[head - 1] - '0') % 2 == 1));
        memset(d + head, '0', k);
        if (up) {
            size_t i = head;
            while (i > 0 && d[i - 1] == '9')
                d[--i] = '0';
            if (i > 0)
                d[i - 1]++;
            else
                memmove(d + 1, d, len++), d[0] = '1';
        }
        d[len] = '\0';
        s[0] = signbit(x) ? '-' : '+';
    }
    errno = 0;
    double rounded = strtod(s, NULL);
    int err = errno;
    free(s);
    if (err == ERANGE && fabs(rounded) >= 1.0)
        return r_err_format(r_exc_OverflowError, "rounded value too large to represent");
    return r_float_from_double(rounded);
}

RObject *r_float_round(RObject *o, RObject *ndigits)
{
    double x = R_FLOAT_VALUE(o);
    if (!ndigits || ndigits == R_NONE) {
        double rounded = round(x);
        if (fabs(x - rounded) == 0.5)
            rounded = 2.0 * round(x / 2.0); /* halfway: to even */
        return r_int_from_double(rounded);
    }
    ssize_t n = r_number_as_ssize(ndigits, NULL);
    if (n == -1 && r_err_occurred())
        return NULL;
    if (!isfinite(x))
        return r_float_from_double(x);
    /* beyond these, x rounds to itself or to a signed zero (0.30103 bounds
     * log10(2) from above) */
    const int ndigits_max = (int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
    const int ndigits_min = -(int)((DBL_MAX_EXP + 1) * 0.30103);
    if (n > ndigits_max)
        return r_float_from_double(x);
    if (n < ndigits_min)
        return r_float_from_double(0.0 * x);
    return double_round(x, (int)n);
}

/* ---- float(x) ---- */

static RObject *float_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    if (r_check_no_kwargs("float", kwnames) < 0 || r_check_nargs("float", nargs, 0, 1) < 0)
        return NULL;
    RObject *value;
    if (nargs == 0) {
        value = r_float_from_double(0.0);
    } else if (R_FLOAT_CHECK_EXACT(args[0])) {
        value = r_incref(args[0]);
    } else if (R_STR_CHECK(args[0]) || R_BYTES_CHECK(args[0])) {
        value = r_float_from_text_object(args[0]);
    } else {
        RType *t = R_TYPE(args[0]);
        if (!R_FLOAT_CHECK(args[0]) && !t->nb_float && !t->nb_index)
            /* version: 3.8-3.9 say "a string or a number" */
            return r_err_format(r_exc_TypeError,
                                "float() argument must be a string or a real number, not "
                                "'%.200s'",
                                t->name);
        double d = r_float_as_double(args[0]);
        if (d == -1.0 && r_err_occurred())
            return NULL;
        value = r_float_from_double(d);
    }
    if (!value || type == &r_float_type)
        return value;
    RObject *r = r_alloc(type);
    if (r)
        ((RFloat *)r)->value = R_FLOAT_VALUE(value);
    R_DECREF(value);
    return r;
}

static void float_dealloc(RObject *o)
{
    r_free(o);
}

/* ---- methods ---- */

#define NO_ARGS(name)                                                                   \
    if (r_check_no_kwargs(name, kw) < 0 || r_check_nargs(name, nargs, 0, 0) < 0)        \
        return NULL;                                                                    \
    (void)args

static RObject *float_is_integer(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("is_integer");
    double x = R_FLOAT_VALUE(self);
    return r_bool_from_long(isfinite(x) && floor(x) == x);
}

static RObject *float_trunc(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("__trunc__");
    return r_int_from_double(R_FLOAT_VALUE(self));
}

static RObject *float_floor(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("__floor__");
    return r_int_from_double(floor(R_FLOAT_VALUE(self)));
}

static RObject *float_ceil(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("__ceil__");
    return r_int_from_double(ceil(R_FLOAT_VALUE(self)));
}

static RObject *float_conjugate(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("conjugate");
    return float_pos(self);
}

static RObject *float_as_integer_ratio(RObject *self, RObject *const *args, size_t nargs,
                                       RObject *kw)
{
    NO_ARGS("as_integer_ratio");
    double x = R_FLOAT_VALUE(self);
    if (isinf(x))
        return r_err_format(r_exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return r_err_format(r_exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(x, &e);
    for (int i = 0; i < 300 && m != floor(m); i++) {
        m *= 2.0;
        e--;
    }
    mpz_t num, den;
    mpz_init_set_d(num, m);
    mpz_init_set_ui(den, 1);
    if (e > 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    RObject *n = r_int_from_mpz(num), *d = r_int_from_mpz(den);
    mpz_clears(num, den, NULL);
    RObject *t = n && d ? r_tuple_pack(2, n, d) : NULL;
    R_XDECREF(n);
    R_XDECREF(d);
    return t;
}

static RObject *float_round_method(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    if (r_check_no_kwargs("__round__", kw) < 0 || r_check_nargs("__round__", nargs, 0, 1) < 0)
        return NULL;
    return r_float_round(self, nargs ? args[0] : NULL);
}

static RObject *float_format_method(RObject *self, RObject *const *args, size_t nargs,
                                    RObject *kw)
{
    if (r_check_no_kwargs("__format__", kw) < 0 || r_check_nargs("__format__", nargs, 1, 1) < 0)
        return NULL;
    if (!R_STR_CHECK(args[0]))
        return r_err_format(r_exc_TypeError, "__format__() argument must be str, not %.200s",
                            R_TYPE(args[0])->name);
    return r_format_float(self, args[0]);
}

static RObject *float_int_method(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    NO_ARGS("__int__");
    return float_int(self);
}

static RObject *float_float_method(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    NO_ARGS("__float__");
    return float_pos(self);
}

static const r_method_def float_methods[] = {
    {"is_integer", float_is_integer, 0, "Return True if the float is an integer."},
    {"as_integer_ratio", float_as_integer_ratio, 0, "Return the exact ratio of two integers."},
    {"conjugate", float_conjugate, 0, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, 0, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, 0, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, 0, "Return the ceiling as an Integral."},
    {"__round__", float_round_method, 0, "Return the Integral closest to x, halves to even."},
    {"__format__", float_format_method, 0, "Formats the float according to format_spec."},
    {"__int__", float_int_method, 0, "int(self)"},
    {"__float__", float_float_method, 0, "float(self)"},
    {NULL, NULL, 0, NULL},
};

static RObject *float_get_real(RObject *self)
{
    return float_pos(self);
}

static RObject *float_get_imag(RObject *self)
{
    (void)self;
    return r_float_from_double(0.0);
}

static const r_getset_def float_getsets[] = {
    {"real", float_get_real, NULL},
    {"imag", float_get_imag, NULL},
    {NULL, NULL, NULL},
};

RType r_float_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "float",
    .basicsize = sizeof(RFloat),
    .flags = R_TPFLAGS_BASETYPE,
    .dealloc = float_dealloc,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_true_divide = float_div,
    .nb_floor_divide = float_floor_div,
    .nb_remainder = float_mod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_int = float_int,
    .nb_float = float_pos,
    .nb_bool = float_bool,
    .tp_new = float_new,
    .methods = float_methods,
    .getsets = float_getsets,
    .doc = "Convert a string or number to a floating point number, if possible.",
};
