/* The per-thread error indicator, as CPython's PyErr_* API: a failing
 * function sets the current exception and returns NULL or -1. */
#ifndef REFPY_ERRORS_H
#define REFPY_ERRORS_H

#include "object.h"

/* Sets the current exception to an instance of type made from value (an
 * argument tuple, a single argument, or NULL for no arguments). */
void r_err_set_object(RType *type, RObject *value);
void r_err_set_string(RType *type, const char *message);
/* printf-like, plus %U (a str object), %R (repr of an object), %S (str of
 * an object), %T (the name of an object's type), %V (a str or a C string
 * fallback); always returns NULL. */
RObject *r_err_format(RType *type, const char *fmt, ...);
RObject *r_err_vformat(RType *type, const char *fmt, va_list ap);
RObject *r_err_no_memory(void);

bool r_err_occurred(void);
/* The current exception instance, or NULL (borrowed). */
RObject *r_err_peek(void);
/* Takes the current exception (a new reference) and clears the indicator. */
RObject *r_err_fetch(void);
/* Sets the current exception; steals exc (NULL clears). */
void r_err_restore(RObject *exc);
void r_err_clear(void);
/* Whether the current exception is an instance of type (or a subclass). */
bool r_err_matches(RType *type);

/* Builds str objects the way r_err_format formats its message. */
RObject *r_str_from_format(const char *fmt, ...);
RObject *r_str_from_vformat(const char *fmt, va_list ap);

#endif
