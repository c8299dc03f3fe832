/* The version profile: which CPython (3.8 to 3.13) refpy imitates where
 * versions differ. Each difference is one named predicate, used at the one
 * place where CPython's source differs, with the CPython file it mirrors. */
#ifndef REFPY_PROFILE_H
#define REFPY_PROFILE_H

#include <stdbool.h>

typedef struct {
    int minor; /* 8 .. 13 */
} r_profile_t;

extern r_profile_t r_profile;

bool r_profile_set(const char *version); /* "3.12" */

/* Lib/traceback.py: 3.11+ print a __main__ class without its module */
static inline bool r_traceback_omits_main_module(void) { return r_profile.minor >= 11; }
/* Python/_warnings.c: a warning with no Python frame is located at
 * "<sys>:0" from 3.13, "sys:1" before */
static inline bool r_warning_location_is_angle_sys(void) { return r_profile.minor >= 13; }
/* Python/ceval.c: 3.9+ compile f(a, *x) and [*x] to LIST_EXTEND, whose
 * error for an x * cannot unpack is "Value after * must be an iterable" */
static inline bool r_star_error_says_value(void) { return r_profile.minor >= 9; }
/* Lib/threading.py: 3.8's Condition.notify takes _islice(waiters, n);
 * 3.9+ loop `while waiters and n > 0` */
static inline bool r_condition_notify_uses_islice(void) { return r_profile.minor == 8; }
/* Python/compile.c: 3.13 strips the common indentation of a docstring's
 * lines after the first (_PyCompile_CleanDoc) before storing it */
static inline bool r_docstrings_are_cleaned(void) { return r_profile.minor >= 13; }
/* Python/ceval.c: argument errors name the function by its qualname (3.10+) */
static inline bool r_arg_errors_use_qualname(void) { return r_profile.minor >= 10; }
/* Objects/exceptions.c: AttributeError/NameError "Did you mean" hints
 * (3.10+, added when the traceback is printed) */
static inline bool r_traceback_suggests_names(void) { return r_profile.minor >= 10; }

/* Python/ceval.c: UNBOUNDLOCAL_ERROR_MSG changed wording in 3.11 */
static inline bool r_unbound_local_says_cannot_access(void) { return r_profile.minor >= 11; }

/* Objects/longobject.c: "integer modulo by zero" from 3.11, before it the
 * message shared with floor division */
static inline bool r_int_modulo_message_is_own(void) { return r_profile.minor >= 11; }
/* Objects/floatobject.c: "float modulo by zero" from 3.13, "float modulo" before */
static inline bool r_float_modulo_says_by_zero(void) { return r_profile.minor >= 13; }

/* Python/compile.c: from 3.10 the instructions of an attribute that ends
 * on a later line than its object (LOAD_ATTR, LOAD_METHOD, CALL_METHOD)
 * carry the attribute's last line; 3.8-3.9 keep the expression's first */
static inline bool r_attribute_on_its_own_line(void) { return r_profile.minor >= 10; }

/* Objects/dictobject.c: d1 | d2 and d |= other (PEP 584) are 3.9+ */
static inline bool r_dict_has_union_operators(void) { return r_profile.minor >= 9; }

/* Objects/object.c: hash(None) is the constant 0xFCA86420 from 3.12
 * (gh-99540), so sets holding None iterate in one order on every run */
static inline bool r_none_hash_is_constant(void) { return r_profile.minor >= 12; }

/* Python/compile.c (starunpack_helper): from 3.9 a set display of three
 * or more constants is BUILD_SET 0 + SET_UPDATE of a frozenset constant,
 * which decides the set's order; 3.8 adds the items one by one */
static inline bool r_set_display_updates_from_frozenset(void) { return r_profile.minor >= 9; }

/* Objects/call.c: _PyObject_FunctionStr names a function "module.qualname()"
 * in call errors from 3.9; 3.8 says "name()" */
static inline bool r_function_str_is_qualified(void) { return r_profile.minor >= 9; }

/* Python/gc.c: the young generation's threshold is 2000 from 3.13, 700 before */
static inline bool r_gc_young_threshold_is_2000(void) { return r_profile.minor >= 13; }
/* Python/getargs.c: a C int argument goes through __index__ from 3.10
 * ("'str' object cannot be interpreted as an integer"); 3.8-3.9 say "an
 * integer is required (got type str)" and "integer argument expected, got
 * float" */
static inline bool r_int_args_say_interpreted(void) { return r_profile.minor >= 10; }
/* Python/getargs.c (_PyArg_UnpackKeywords, Argument Clinic): "f() got an
 * unexpected keyword argument 'x'" from 3.13, "'x' is an invalid keyword
 * argument for f()" before */
static inline bool r_clinic_kwarg_error_says_unexpected(void) { return r_profile.minor >= 13; }
/* Modules/gcmodule.c: set_threshold's argument count error is "gc.set_threshold
 * requires 1 to 3 arguments" from 3.13, PyArg_ParseTuple's before */
static inline bool r_gc_set_threshold_says_requires(void) { return r_profile.minor >= 13; }

/* Python/compile.c: a decorator's call is located at the def/class
 * statement's line up to 3.10, at the decorator's own line from 3.11 */
static inline bool r_decorator_call_at_def_line(void) { return r_profile.minor <= 10; }

#endif