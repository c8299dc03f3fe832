/* The "Did you mean" hint CPython 3.10+ adds to AttributeError and
 * NameError lines when it prints them. */
#ifndef REFPY_SUGGESTIONS_H
#define REFPY_SUGGESTIONS_H

#include "object.h"

/* The suggested name (a new reference), or NULL when there is none. */
RObject *r_suggestion_for(RObject *exc);

#endif
