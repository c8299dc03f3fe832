/* Formatting: the format-specification mini-language of format(), f-strings
 * and str.format (CPython's Python/formatter_unicode.c), str.format's field
 * syntax (Objects/stringlib/unicode_format.h) and printf-style str % args
 * (Objects/unicodeobject.c: PyUnicode_Format). */
#ifndef REFPY_FORMAT_H
#define REFPY_FORMAT_H

#include "object.h"

/* format(obj, spec): the type's __format__ (the built-in formatters are
 * called directly for exact str, int and float); the result must be a str. */
RObject *r_format(RObject *obj, RObject *spec);
RObject *r_format_cstr(RObject *obj, const char *spec);
/* object.__format__: str(obj) for an empty spec, else TypeError
 * "unsupported format string passed to T.__format__". */
RObject *r_object_format(RObject *obj, RObject *spec);

/* The __format__ of the built-in types (obj an int, float or str, or an
 * instance of a subclass). */
RObject *r_format_int(RObject *obj, RObject *spec);
RObject *r_format_float(RObject *obj, RObject *spec);
RObject *r_format_str(RObject *obj, RObject *spec);

/* fmt.format(*args, **kwargs) with vectorcall arguments, and
 * fmt.format_map(mapping). */
RObject *r_str_format(RObject *fmt, RObject *const *args, size_t nargs, RObject *kwnames);
RObject *r_str_format_map(RObject *fmt, RObject *mapping);

/* fmt % args for a str fmt. */
RObject *r_str_percent_format(RObject *fmt, RObject *args);

/* ascii(obj): repr with non-ASCII characters escaped. */
RObject *r_ascii(RObject *obj);

#endif
