/* A SyntaxError found by the lexer or the parser, with the attributes CPython
 * gives its SyntaxError objects, so the runtime can raise and print it the
 * same way. */
#ifndef REFPY_LANGUAGE_SYNTAX_ERROR_H
#define REFPY_LANGUAGE_SYNTAX_ERROR_H

#include <stdarg.h>
#include <stdio.h>

typedef enum SyntaxErrorType {
    SYNTAX_ERROR_NONE = 0,
    SYNTAX_ERROR_SYNTAX,      /* SyntaxError */
    SYNTAX_ERROR_INDENTATION, /* IndentationError */
    SYNTAX_ERROR_TAB,         /* TabError */
    SYNTAX_ERROR_MEMORY       /* MemoryError (out of memory, or too deep) */
} SyntaxErrorType;

typedef struct SyntaxErrorInfo {
    SyntaxErrorType type;
    char *msg;
    char *filename;
    int lineno;      /* 1-based */
    int offset;      /* 1-based column in characters, as CPython reports it */
    int end_lineno;
    int end_offset;  /* as CPython: 0 or -1 when it has none */
    char *text;      /* the source line with its '\n', or NULL */
} SyntaxErrorInfo;

/* "SyntaxError", "IndentationError", "TabError", "MemoryError". */
const char *syntax_error_type_name(SyntaxErrorType type);

/* Fills *err (after clearing it); text_line is the source line, up to and
 * including its '\n' if text_len covers it. Strings are malloc'd copies. */
void syntax_error_set(SyntaxErrorInfo *err, SyntaxErrorType type, const char *filename,
                      int lineno, int offset, int end_lineno, int end_offset,
                      const char *text_line, int text_len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;

void syntax_error_move(SyntaxErrorInfo *dst, SyntaxErrorInfo *src);
void syntax_error_clear(SyntaxErrorInfo *err);

/* Writes the report as CPython 3.12 prints an uncaught SyntaxError:
 *   File "x.py", line 3
 *     source line
 *         ^^^
 * SyntaxError: invalid syntax                                            */
void syntax_error_print(const SyntaxErrorInfo *err, FILE *out);

#endif
