/* int: integers of any size. A value that fits in 64 bits is kept in an
 * int64_t (no GMP on that path); a larger one in a GMP mpz. The small ints
 * -5..256 are immortal and shared, as CPython's, so `is` behaves the same. */
#ifndef REFPY_INTOBJECT_H
#define REFPY_INTOBJECT_H

#include <gmp.h>

#include "object.h"

typedef struct {
    RObject ob;
    bool big;  /* the value is in z and does not fit in int64_t; else in v */
    int64_t v;
    mpz_t z;   /* initialised only when big */
} RInt;

extern RType r_int_type;

/* int and its subclasses (bool, user classes) */
#define R_INT_CHECK(o) ((R_TYPE(o)->flags & R_TPFLAGS_INT_SUBCLASS) != 0)
#define R_INT_CHECK_EXACT(o) (R_TYPE(o) == &r_int_type)

RObject *r_int_from_i64(int64_t v);
RObject *r_int_from_u64(uint64_t v);
/* A copy of z. */
RObject *r_int_from_mpz(mpz_srcptr z);
/* int(x) of a float: truncates toward zero; OverflowError for an infinity,
 * ValueError for a NaN (CPython's messages). */
RObject *r_int_from_double(double d);
/* int(text, base) with Python's rules: surrounding whitespace, a sign,
 * single underscores between digits, a 0x/0o/0b prefix (and base 0 takes
 * the base from it); ValueError "invalid literal for int() with base N: R"
 * where R is the repr of the text. base is 0 or 2..36. */
RObject *r_int_from_string(const char *text, int base);
RObject *r_int_from_utf8(const char *s, size_t n, int base);
/* The same for an object: a str, or bytes (whose repr goes in the message). */
RObject *r_int_from_text_object(RObject *text, int base);

/* C values of an int (or subclass); -1 with OverflowError when out of range. */
int64_t r_int_as_i64(RObject *o);
ssize_t r_int_as_ssize(RObject *o);
/* Correctly rounded (half to even); -1.0 with OverflowError "int too large
 * to convert to float". */
double r_int_as_double(RObject *o);
/* True and *out set when the int fits in int64_t. */
static inline bool r_int_fits_i64(RObject *o, int64_t *out)
{
    if (((RInt *)o)->big)
        return false;
    *out = ((RInt *)o)->v;
    return true;
}
int r_int_sign(RObject *o); /* -1, 0 or 1 */
/* Copies the value into an initialised mpz. */
void r_int_get_mpz(RObject *o, mpz_ptr out);

/* hash(int): CPython's, reduced modulo 2**61 - 1, with -1 mapped to -2. */
int64_t r_int_hash(RObject *o);
/* The hash CPython derives from an int that __hash__ returned: the value
 * itself when it fits in a Py_ssize_t, else the int's hash. */
int64_t r_int_hash_value(RObject *o);

/* __index__: o itself when an int, else its nb_index slot, else TypeError
 * "'T' object cannot be interpreted as an integer". A new reference to an
 * int (exact int when o is not an int subclass). */
RObject *r_number_index(RObject *o);
/* The index as a ssize_t; an int out of range raises exc (OverflowError or
 * IndexError: "cannot fit 'int' into an index-sized integer"), or clamps
 * when exc is NULL (CPython's PyNumber_AsSsize_t). */
ssize_t r_number_as_ssize(RObject *o, RType *exc);

/* str(int): decimal, subject to the int_max_str_digits limit. */
RObject *r_int_to_decimal(RObject *o);
/* The digits in base 2, 8, 10 or 16 as a malloc'd C string with a leading
 * '-' when negative and no prefix, lower case (*len set); base 10 obeys the
 * digit limit. NULL with an exception set on error. */
char *r_int_to_cstr(RObject *o, int base, size_t *len);
/* hex(), oct(), bin(): "-0xff". */
RObject *r_int_to_base_str(RObject *o, int base);

/* divmod(a, b) and pow(a, b, m) for ints; NotImplemented when an operand
 * is not an int. */
RObject *r_int_divmod(RObject *a, RObject *b);
RObject *r_int_pow_mod(RObject *a, RObject *b, RObject *m);
/* round(int, ndigits): half to even. */
RObject *r_int_round(RObject *o, RObject *ndigits);
RObject *r_int_bit_length(RObject *o);

/* sys.get_int_max_str_digits() / sys.set_int_max_str_digits(): 0 means no
 * limit; default 4300 (all targeted CPython builds have it). */
int r_int_get_max_str_digits(void);
void r_int_set_max_str_digits(int maxdigits);

#endif
