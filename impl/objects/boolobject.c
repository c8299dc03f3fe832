/* bool (CPython's Objects/boolobject.c): an int subclass whose only own
 * behaviour is its repr, its constructor and & | ^ between two bools. */
#include "boolobject.h"

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "strobject.h"

RInt r_true_object = {.ob = R_STATIC_HEAD(&r_bool_type), .v = 1};
RInt r_false_object = {.ob = R_STATIC_HEAD(&r_bool_type), .v = 0};

RObject *r_bool_from_long(long v)
{
    return r_incref(v ? R_TRUE : R_FALSE);
}

static RObject *bool_repr(RObject *o)
{
    return r_str_intern(o == R_TRUE ? "True" : "False");
}

/* Own (not inherited) so that True and False are truthful even before the
 * types are readied: dict lookups during start-up test them. */
static int bool_bool(RObject *o)
{
    return o == R_TRUE;
}

static RObject *bool_new(RType *type, RObject *const *args, size_t nargs, RObject *kwnames)
{
    (void)type;
    if (r_check_no_kwargs("bool", kwnames) < 0 || r_check_nargs("bool", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        R_RETURN_FALSE;
    int t = r_is_true(args[0]);
    return t < 0 ? NULL : r_bool_from_long(t);
}

/* & | ^ of two bools is a bool; anything else is int's operation. */
#define BOOL_BITOP(name, op, int_slot)                                       \
    static RObject *name(RObject *a, RObject *b)                             \
    {                                                                        \
        if (R_BOOL_CHECK(a) && R_BOOL_CHECK(b))                              \
            return r_bool_from_long((a == R_TRUE) op(b == R_TRUE));          \
        return r_int_type.int_slot(a, b);                                    \
    }
BOOL_BITOP(bool_and, &, nb_and)
BOOL_BITOP(bool_or, |, nb_or)
BOOL_BITOP(bool_xor, ^, nb_xor)
#undef BOOL_BITOP

/* version: 3.12+ warns (DeprecationWarning) on ~bool; the warnings
 * machinery lives above this layer, so ~True is silently int's -2 here. */

RType r_bool_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "bool",
    .base = &r_int_type,
    .basicsize = sizeof(RInt),
    .flags = R_TPFLAGS_INT_SUBCLASS, /* not a BASETYPE: bool cannot be subclassed */
    .repr = bool_repr,
    .nb_bool = bool_bool,
    .nb_and = bool_and,
    .nb_or = bool_or,
    .nb_xor = bool_xor,
    .tp_new = bool_new,
    .doc = "bool(x) -> bool",
};
