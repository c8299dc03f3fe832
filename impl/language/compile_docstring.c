/* 3.13's docstring cleaning (Python/compile.c: _PyCompile_CleanDoc): tabs
 * expanded to columns of 8, the first line's leading spaces dropped, and
 * from every later line the indentation all its non-blank lines share
 * (blank lines lose up to that much). Unlike inspect.cleandoc, leading and
 * trailing blank lines stay. */
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"
#include "profile.h"

/* str.expandtabs(8): columns count code points, and restart at \n and \r */
static char *expand_tabs(const char *s, size_t n, size_t *out_len)
{
    size_t tabs = 0;
    for (size_t i = 0; i < n; i++)
        tabs += s[i] == '\t';
    char *out = malloc(n + tabs * 8 + 1);
    if (!out)
        return NULL;
    size_t w = 0, column = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\t') {
            size_t spaces = 8 - column % 8;
            memset(out + w, ' ', spaces);
            w += spaces;
            column += spaces;
            continue;
        }
        out[w++] = (char)ch;
        if (ch == '\n' || ch == '\r')
            column = 0;
        else if ((ch & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
            column++;
    }
    out[w] = '\0';
    *out_len = w;
    return out;
}

char *compiler_clean_docstring(const char *text, size_t size, size_t *out_size)
{
    size_t n;
    char *doc = expand_tabs(text, size, &n);
    if (!doc)
        return NULL;
    const char *p = doc, *end = doc + n;
    /* the smallest indentation of the non-blank lines after the first */
    while (p < end && *p++ != '\n') {
    }
    size_t margin = (size_t)-1;
    while (p < end) {
        const char *line = p;
        while (p < end && *p == ' ')
            p++;
        if (p < end && *p != '\n' && (size_t)(p - line) < margin)
            margin = (size_t)(p - line);
        while (p < end && *p++ != '\n') {
        }
    }
    if (margin == (size_t)-1)
        margin = 0;
    char *out = malloc(n + 1);
    if (!out) {
        free(doc);
        return NULL;
    }
    char *w = out;
    p = doc;
    while (p < end && *p == ' ')
        p++;
    while (p < end) {
        char ch = *w++ = *p++;
        if (ch == '\n')
            break;
    }
    while (p < end) {
        for (size_t i = 0; i < margin && p < end && *p == ' '; i++)
            p++;
        while (p < end) {
            char ch = *w++ = *p++;
            if (ch == '\n')
                break;
        }
    }
    *w = '\0';
    *out_size = (size_t)(w - out);
    free(doc);
    return out;
}

bool compiler_docstring_as_stored(const AstExpr *doc, AstExpr *copy, char **cleaned)
{
    *copy = *doc;
    *cleaned = NULL;
    if (!r_docstrings_are_cleaned())
        return true;
    size_t n;
    const AstConstant *text = &doc->v.Constant.value;
    if (!(*cleaned = compiler_clean_docstring(text->bytes, text->size, &n)))
        return false;
    copy->v.Constant.value.bytes = *cleaned;
    copy->v.Constant.value.size = n;
    return true;
}
