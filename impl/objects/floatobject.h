/* float: an IEEE 754 double, with CPython's shortest round-trip repr,
 * arithmetic, comparisons with ints (exact), hash and rounding. */
#ifndef REFPY_FLOATOBJECT_H
#define REFPY_FLOATOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    double value;
} RFloat;

extern RType r_float_type;

#define R_FLOAT_CHECK(o) r_typecheck((RObject *)(o), &r_float_type)
#define R_FLOAT_CHECK_EXACT(o) (R_TYPE(o) == &r_float_type)
#define R_FLOAT_VALUE(o) (((RFloat *)(o))->value)

RObject *r_float_from_double(double v);
/* The double of a float, an int (OverflowError when too large), or an
 * object with __float__ or __index__ (CPython's PyFloat_AsDouble): -1.0
 * with an exception set on error. */
double r_float_as_double(RObject *o);
/* float(text) for a str or bytes: surrounding white space, underscores
 * between digits, inf/infinity/nan; ValueError "could not convert string to
 * float: R". */
RObject *r_float_from_text_object(RObject *text);

/* PyOS_double_to_string: code 'e' 'f' 'g' (or upper case) with a
 * precision, or 'r' (repr; precision 0). The result is malloc'd (NULL when
 * out of memory, nothing raised). */
enum {
    R_DTSF_SIGN = 1,      /* always a sign */
    R_DTSF_ADD_DOT_0 = 2, /* "1.0" rather than "1" when not in exponent form */
    R_DTSF_ALT = 4,       /* '#': keep the point and trailing zeros */
    R_DTSF_NO_NEG_0 = 8,  /* 'z': a negative zero prints without its sign */
};
char *r_double_to_string(double x, char code, int precision, int flags);
/* repr(float) / str(float) */
RObject *r_float_repr_of(double x);

/* hash(float): CPython's, so that hash(2.0) == hash(2); a NaN hashes by
 * the identity of obj (3.10+). */
int64_t r_float_hash_value(double v, RObject *obj);

/* round(x) (ndigits NULL or None: an int, half to even) and round(x, n)
 * (a float, correctly rounded as CPython's double_round). */
RObject *r_float_round(RObject *x, RObject *ndigits);
/* divmod(a, b) when either is a float; NotImplemented otherwise. */
RObject *r_float_divmod(RObject *a, RObject *b);

#endif
