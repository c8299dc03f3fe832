/* SyntaxErrors found after parsing (by the symbol table or the compiler),
 * reported through the parser's SyntaxErrorInfo with CPython's location:
 * 1-based character offsets and the source line's text. */
#ifndef REFPY_LANGUAGE_COMPILE_ERROR_H
#define REFPY_LANGUAGE_COMPILE_ERROR_H

#include <stddef.h>

#include "ast.h"
#include "syntax_error.h"

/* The text being compiled, for error locations; text may be NULL. */
typedef struct CompileSource {
    const char *filename;
    const char *text;
    size_t len;
} CompileSource;

/* Fills *err with a SyntaxError at an AST position (0-based byte columns). */
void compile_error_at(SyntaxErrorInfo *err, const CompileSource *src, AstPos pos,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Fills *err with a MemoryError (out of memory while compiling). */
void compile_error_memory(SyntaxErrorInfo *err, const CompileSource *src);

#endif
