/* str() of the Unicode codec errors (see unicode_error_str.c). */
#ifndef REFPY_UNICODE_ERROR_STR_H
#define REFPY_UNICODE_ERROR_STR_H

#include "object.h"

/* The message, or NULL without an exception when the arguments are not
 * (encoding, object, start, end, reason) of the expected types. */
RObject *r_unicode_error_str(RObject *exc);

#endif
