#include "syntax_error.h"

#include <stdlib.h>
#include <string.h>

const char *syntax_error_type_name(SyntaxErrorType type) {
    switch (type) {
    case SYNTAX_ERROR_INDENTATION: return "IndentationError";
    case SYNTAX_ERROR_TAB: return "TabError";
    case SYNTAX_ERROR_MEMORY: return "MemoryError";
    case SYNTAX_ERROR_NONE:
    case SYNTAX_ERROR_SYNTAX: break;
    }
    return "SyntaxError";
}

static char *copy_text(const char *text, size_t len) {
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

void syntax_error_clear(SyntaxErrorInfo *err) {
    free(err->msg);
    free(err->filename);
    free(err->text);
    memset(err, 0, sizeof *err);
}

void syntax_error_move(SyntaxErrorInfo *dst, SyntaxErrorInfo *src) {
    syntax_error_clear(dst);
    *dst = *src;
    memset(src, 0, sizeof *src);
}

void syntax_error_set(SyntaxErrorInfo *err, SyntaxErrorType type, const char *filename,
                      int lineno, int offset, int end_lineno, int end_offset,
                      const char *text_line, int text_len, const char *fmt, ...) {
    syntax_error_clear(err);
    err->type = type;
    va_list args;
    va_start(args, fmt);
    char buffer[512];
    vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    err->msg = copy_text(buffer, strlen(buffer));
    if (filename) {
        err->filename = copy_text(filename, strlen(filename));
    }
    if (text_line && text_len >= 0) {
        err->text = copy_text(text_line, (size_t)text_len);
    }
    err->lineno = lineno;
    err->offset = offset;
    err->end_lineno = end_lineno;
    err->end_offset = end_offset;
}

static long utf8_length(const char *text) {
    long count = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if ((*c & 0xC0) != 0x80) {
            count++;
        }
    }
    return count;
}

/* Moves past n characters (not bytes) of UTF-8 text. */
static const char *skip_chars(const char *text, long n) {
    const unsigned char *c = (const unsigned char *)text;
    while (*c && n > 0) {
        c++;
        while ((*c & 0xC0) == 0x80) {
            c++;
        }
        n--;
    }
    return (const char *)c;
}

/* Python/pythonrun.c: print_error_text (3.10-3.12). Offsets count characters;
 * the caret line uses one column per character, as CPython does. */
static void print_error_text(FILE *out, long offset, long end_offset, const char *text) {
    long caret_repetitions = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    long len = utf8_length(text);
    if (len > 0 && text[strlen(text) - 1] == '\n') {
        len--;
    }
    if (offset > len) {
        offset = len;
    }
    for (;;) {
        const char *newline = strchr(text, '\n');
        if (!newline) {
            break;
        }
        long chars_before = 0;
        for (const char *c = text; c < newline; c++) {
            if ((*c & 0xC0) != 0x80) {
                chars_before++;
            }
        }
        if (chars_before >= offset) {
            break;
        }
        chars_before++;
        text = skip_chars(text, chars_before);
        len -= chars_before;
        offset -= chars_before;
    }
    fputs("    ", out);
    fputs(text, out);
    size_t bytes = strlen(text);
    if (bytes == 0 || text[bytes - 1] != '\n') {
        fputc('\n', out);
    }
    if (offset < 0) {
        return;
    }
    fputs("    ", out);
    while (--offset >= 0) {
        fputc(' ', out);
    }
    for (long i = 0; i < caret_repetitions; i++) {
        fputc('^', out);
    }
    fputc('\n', out);
}

void syntax_error_print(const SyntaxErrorInfo *err, FILE *out) {
    if (err->lineno <= 0) {
        /* no position (an undecodable file): CPython prints the message only */
        fprintf(out, "%s: %s\n", syntax_error_type_name(err->type), err->msg ? err->msg : "");
        return;
    }
    fprintf(out, "  File \"%s\", line %d\n", err->filename ? err->filename : "<string>",
            err->lineno);
    if (err->text) {
        long line_size = utf8_length(err->text);
        long end_offset = err->end_offset;
        if (err->type != SYNTAX_ERROR_SYNTAX) {
            end_offset = -1; /* subclasses carry no end position when printed */
        } else if (err->end_lineno > err->lineno) {
            end_offset = line_size;
        }
        if (end_offset > line_size + 1) {
            end_offset = line_size + 1;
        }
        print_error_text(out, err->offset, end_offset, err->text);
    }
    fprintf(out, "%s: %s\n", syntax_error_type_name(err->type), err->msg ? err->msg : "");
}
