/* bool: a subclass of int with two immortal instances. Arithmetic is int's
 * (True + True is the int 2); only & | ^ keep bools, and repr is the name. */
#ifndef REFPY_BOOLOBJECT_H
#define REFPY_BOOLOBJECT_H

#include "intobject.h"

extern RType r_bool_type;
extern RInt r_true_object;
extern RInt r_false_object;

#define R_TRUE ((RObject *)&r_true_object)
#define R_FALSE ((RObject *)&r_false_object)
#define R_BOOL_CHECK(o) (R_TYPE(o) == &r_bool_type)
#define R_RETURN_TRUE return r_incref(R_TRUE)
#define R_RETURN_FALSE return r_incref(R_FALSE)

/* A new reference to True or False. */
RObject *r_bool_from_long(long v);

#endif
