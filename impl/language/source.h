/* Turns the bytes of a source file into the text the lexer reads, as
 * CPython's file reader does: no NUL bytes, valid UTF-8 (a BOM is skipped),
 * "\r\n" and "\r" read as "\n", and a final "\n" added when missing. */
#ifndef REFPY_LANGUAGE_SOURCE_H
#define REFPY_LANGUAGE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax_error.h"

/* On success *text is a malloc'd NUL-terminated buffer of *text_len bytes. */
bool source_prepare(const char *bytes, size_t len, const char *filename, char **text,
                    int *text_len, SyntaxErrorInfo *err);

/* Length of the valid UTF-8 sequence at s[0..avail), or 0 if invalid.
 * Surrogates (ED A0..BF xx) are refused, as CPython's decoder does. */
int utf8_sequence_length(const unsigned char *s, size_t avail);

#endif
