/* The compiler: a module's AST (or its source) to the code object that
 * refpy's VM runs, with CPython 3.9's code shapes, CPython 3.11's
 * positions, and the SyntaxErrors CPython's symtable.c and compile.c
 * report. */
#ifndef REFPY_LANGUAGE_COMPILER_H
#define REFPY_LANGUAGE_COMPILER_H

#include <stddef.h>

#include "ast.h"
#include "object.h"
#include "syntax_error.h"

/* Compiles a parsed module into its code object (a new reference). On a
 * SyntaxError (or when memory runs out, a MemoryError) returns NULL and
 * fills *error, which the caller clears with syntax_error_clear. source
 * (which may be NULL) gives error reports their line's text. */
RObject *compile_module(const AstModule *mod, const char *filename, const char *source,
                        size_t source_len, SyntaxErrorInfo *error);

/* Parses and compiles the bytes of a source file. */
RObject *compile_source(const char *source, size_t len, const char *filename,
                        SyntaxErrorInfo *error);

#endif
