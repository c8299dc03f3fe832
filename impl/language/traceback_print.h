/* Printing an uncaught exception as CPython does (PyErr_Display and
 * Lib/traceback.py): the chain of causes and contexts, the frames with
 * their source lines, and the last line `Type: message`. */
#ifndef REFPY_TRACEBACK_PRINT_H
#define REFPY_TRACEBACK_PRINT_H

#include "object.h"

/* Writes to the sys.stderr stream given (a textio or any object with a
 * write method). */
void r_print_exception(RObject *exc, RObject *stream);
/* The name an exception line shows: module.qualname, without builtins. */
RObject *r_exception_type_label(RObject *exc);
/* A source line of a file, stripped of its indentation, or NULL. */
RObject *r_source_line(RObject *filename, int lineno);

#endif
