#include "compile_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The 1-based line `lineno` of src: its start and length with its '\n'. */
static const char *line_text(const CompileSource *src, int lineno, int *len)
{
    if (!src->text || lineno < 1)
        return NULL;
    const char *p = src->text, *end = src->text + src->len;
    for (int line = 1; line < lineno; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = (int)((nl ? nl + 1 : end) - p);
    return p;
}

/* A 0-based byte column as CPython's 1-based character offset. */
static int char_offset(const CompileSource *src, int lineno, int col)
{
    int len;
    const char *line = line_text(src, lineno, &len);
    if (!line || col < 0)
        return col + 1;
    int chars = 0;
    for (int i = 0; i < col && i < len; i++)
        if ((line[i] & 0xC0) != 0x80)
            chars++;
    return chars + 1;
}

void compile_error_at(SyntaxErrorInfo *err, const CompileSource *src, AstPos pos,
                      const char *fmt, ...)
{
    char message[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    int len = -1;
    const char *text = line_text(src, pos.lineno, &len);
    syntax_error_set(err, SYNTAX_ERROR_SYNTAX, src->filename, pos.lineno,
                     char_offset(src, pos.lineno, pos.col_offset), pos.end_lineno,
                     char_offset(src, pos.end_lineno, pos.end_col_offset), text, len, "%s",
                     message);
}

void compile_error_memory(SyntaxErrorInfo *err, const CompileSource *src)
{
    syntax_error_set(err, SYNTAX_ERROR_MEMORY, src->filename, 0, 0, 0, 0, NULL, -1,
                     "out of memory");
}
