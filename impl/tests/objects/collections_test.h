/* Helpers shared by the tests of the containers (tuple, list, dict, set,
 * range, slice): building values, checking reprs and raised errors. Every
 * builder returns a new reference and fails the test on NULL; T() and L()
 * steal the references they are given, so that T(2, I(1), I(2)) leaks
 * nothing. */
#ifndef REFPY_TEST_COLLECTIONS_H
#define REFPY_TEST_COLLECTIONS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "boolobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "listobject.h"
#include "objects_init.h"
#include "rangeobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

static inline int setup_objects(void **state)
{
    (void)state;
    return r_objects_init() < 0 ? -1 : 0;
}

/* Fails with the pending exception's repr, if any. */
static inline RObject *check(RObject *o)
{
    if (!o) {
        RObject *exc = r_err_fetch();
        RObject *r = exc ? r_repr(exc) : NULL;
        fail_msg("unexpected NULL: %s", r ? r_str_utf8(r) : "(no exception)");
    }
    return o;
}

static inline RObject *I(int64_t v)
{
    return check(r_int_from_i64(v));
}

static inline RObject *S(const char *s)
{
    return check(r_str_from_cstr(s));
}

/* a tuple of n new references (stolen) */
static inline RObject *T(ssize_t n, ...)
{
    RObject *t = check(r_tuple_new(n));
    va_list ap;
    va_start(ap, n);
    for (ssize_t i = 0; i < n; i++)
        R_TUPLE_ITEMS(t)[i] = va_arg(ap, RObject *);
    va_end(ap);
    return t;
}

/* a list of n new references (stolen) */
static inline RObject *L(ssize_t n, ...)
{
    RObject *l = check(r_list_new(n));
    va_list ap;
    va_start(ap, n);
    for (ssize_t i = 0; i < n; i++)
        R_LIST_ITEMS(l)[i] = va_arg(ap, RObject *);
    va_end(ap);
    return l;
}

/* a list of ints */
static inline RObject *int_list(const int64_t *v, size_t n)
{
    RObject *l = check(r_list_new((ssize_t)n));
    for (size_t i = 0; i < n; i++)
        R_LIST_ITEMS(l)[i] = I(v[i]);
    return l;
}

/* a**b for small ints, to make ints beyond 64 bits */
static inline RObject *big_power(int64_t a, int b)
{
    RObject *res = I(1);
    for (int i = 0; i < b; i++) {
        RObject *f = I(a);
        RObject *p = check(r_number_binop(res, f, offsetof(RType, nb_multiply), "*"));
        R_DECREF(f);
        R_DECREF(res);
        res = p;
    }
    return res;
}

/* range(start, stop, step) */
static inline RObject *range3(int64_t start, int64_t stop, int64_t step)
{
    RObject *a = I(start), *b = I(stop), *c = I(step);
    RObject *r = check(r_range_new(a, b, c));
    R_DECREF(a);
    R_DECREF(b);
    R_DECREF(c);
    return r;
}

/* slice(start, stop, step), stealing the bounds; NULL is None */
static inline RObject *slice_of(RObject *start, RObject *stop, RObject *step)
{
    RObject *s = check(r_slice_new(start, stop, step));
    R_XDECREF(start);
    R_XDECREF(stop);
    R_XDECREF(step);
    return s;
}

/* seq[key], stealing key */
static inline RObject *item(RObject *seq, RObject *key)
{
    RObject *r = r_getitem(seq, key);
    R_DECREF(key);
    return r;
}

static inline int64_t as_i64(RObject *o)
{
    ssize_t v = r_int_as_ssize(o);
    assert_false(v == -1 && r_err_occurred());
    return v;
}

static inline void fail_at(const char *file, int line, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    print_error("%s\n", buf);
    _fail(file, line);
}

/* Checks repr(o) and releases o. */
#define assert_repr(o, expected) assert_repr_at((o), (expected), __FILE__, __LINE__)
static inline void assert_repr_at(RObject *o, const char *expected, const char *file, int line)
{
    RObject *obj = check(o);
    RObject *r = check(r_repr(obj));
    if (strcmp(r_str_utf8(r), expected) != 0)
        fail_at(file, line, "repr: got %s, expected %s", r_str_utf8(r), expected);
    R_DECREF(r);
    R_DECREF(obj);
}

/* Checks that the pending exception is exactly type with str() message,
 * and clears it. */
#define assert_raised(type, message) assert_raised_at((type), (message), __FILE__, __LINE__)
static inline void assert_raised_at(RType *type, const char *message, const char *file, int line)
{
    RObject *exc = r_err_fetch();
    if (!exc)
        fail_at(file, line, "no exception, expected %s: %s", type->name, message);
    RObject *s = r_str(exc);
    const char *text = s ? r_str_utf8(s) : "(str failed)";
    if (R_TYPE(exc) != type || strcmp(text, message) != 0)
        fail_at(file, line, "raised %s: %s; expected %s: %s", R_TYPE(exc)->name, text,
                     type->name, message);
    R_XDECREF(s);
    R_DECREF(exc);
}

/* o.name(args...), stealing the arguments. */
static inline RObject *call_method(RObject *o, const char *name, size_t n, ...)
{
    RObject *args[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        args[i] = va_arg(ap, RObject *);
    va_end(ap);
    RObject *res = r_call_method(o, name, args, n);
    for (size_t i = 0; i < n; i++)
        R_DECREF(args[i]);
    return res;
}

/* callable(*args, **{kwname: kwvalue}), stealing kwvalue; kwname NULL
 * for none. */
static inline RObject *call_kw(RObject *callable, RObject *const *args, size_t nargs,
                               const char *kwname, RObject *kwvalue)
{
    RObject *all[8];
    for (size_t i = 0; i < nargs; i++)
        all[i] = args[i];
    RObject *kwnames = NULL;
    if (kwname) {
        all[nargs] = kwvalue;
        kwnames = T(1, S(kwname));
    }
    RObject *res = r_call(callable, all, nargs, kwnames);
    R_XDECREF(kwnames);
    R_XDECREF(kwvalue);
    return res;
}

/* The ints an iterable yields, checked against expected. */
#define assert_ints(o, expected, n) assert_ints_at((o), (expected), (n), __FILE__, __LINE__)
static inline void assert_ints_at(RObject *iterable, const int64_t *expected, size_t n,
                                  const char *file, int line)
{
    RObject *items = check(r_sequence_list(iterable));
    if ((size_t)R_LIST_SIZE(items) != n)
        fail_at(file, line, "length %zd, expected %zu", R_LIST_SIZE(items), n);
    for (size_t i = 0; i < n; i++) {
        int64_t got = as_i64(R_LIST_ITEMS(items)[i]);
        if (got != expected[i])
            fail_at(file, line, "item %zu: got %lld, expected %lld", i, (long long)got,
                         (long long)expected[i]);
    }
    R_DECREF(items);
}

static inline bool truth(RObject *o)
{
    RObject *obj = check(o);
    int t = r_is_true(obj);
    R_DECREF(obj);
    assert_true(t >= 0);
    return t;
}

static inline RObject *binop(RObject *a, RObject *b, size_t slot, const char *name)
{
    return r_number_binop(a, b, slot, name);
}

#define ADD(a, b) binop((a), (b), offsetof(RType, nb_add), "+")
#define SUB(a, b) binop((a), (b), offsetof(RType, nb_subtract), "-")
#define MUL(a, b) binop((a), (b), offsetof(RType, nb_multiply), "*")
#define AND(a, b) binop((a), (b), offsetof(RType, nb_and), "&")
#define OR(a, b) binop((a), (b), offsetof(RType, nb_or), "|")
#define XOR(a, b) binop((a), (b), offsetof(RType, nb_xor), "^")

#endif
