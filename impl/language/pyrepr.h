/* Python's repr() of the constant values an AST holds (str, bytes, int,
 * float), for the AST dump and for tests. Output goes to a growable buffer. */
#ifndef REFPY_LANGUAGE_PYREPR_H
#define REFPY_LANGUAGE_PYREPR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct TextBuffer {
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* out of memory: further appends are ignored */
} TextBuffer;

void text_append(TextBuffer *buffer, const char *text, size_t len);
void text_append_str(TextBuffer *buffer, const char *text);
void text_append_int(TextBuffer *buffer, long value);

/* repr() of a str given as UTF-8 (surrogates as 3-byte sequences). */
void repr_str(TextBuffer *buffer, const char *utf8, size_t len);
/* repr() of bytes: b'...' */
void repr_bytes(TextBuffer *buffer, const char *bytes, size_t len);
/* repr() of an int given as digits in base 2, 8, 10 or 16. */
void repr_int_digits(TextBuffer *buffer, const char *digits, int base);
/* repr() of a float: the shortest string that reads back the same. */
void repr_float(TextBuffer *buffer, double value);

#endif
