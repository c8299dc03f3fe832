/* Decoding of literal tokens into Constant values: numbers, and the bodies of
 * str and bytes literals with CPython's escape rules. */
#ifndef REFPY_LANGUAGE_LITERAL_H
#define REFPY_LANGUAGE_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"

/* A NUMBER token's text (already validated by the lexer) into an int or float
 * constant. False only when memory runs out. */
bool literal_number(AstArena *arena, const char *text, int len, AstConstant *out);

/* Decodes a str literal body (between the quotes). `raw` keeps backslashes;
 * `fstring_text` also turns "{{" and "}}" into single braces. On a bad escape
 * returns false with CPython's message, e.g. "(unicode error) 'unicodeescape'
 * codec can't decode bytes in position 0-2: truncated \xXX escape"; a
 * message "out of memory" means just that. */
bool literal_decode_str(AstArena *arena, const char *body, int len, bool raw, bool fstring_text,
                        char **out, size_t *out_len, char *error, size_t error_size);

/* Same for a bytes literal body; non-ASCII characters are an error. */
bool literal_decode_bytes(AstArena *arena, const char *body, int len, bool raw, char **out,
                          size_t *out_len, char *error, size_t error_size);

/* Appends the UTF-8 encoding of code point `code` (surrogates included, as
 * 3-byte sequences) to out; returns the number of bytes written. */
int literal_encode_utf8(unsigned int code, char *out);

#endif
