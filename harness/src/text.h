/* Text handling for captured output: lossless-enough UTF-8, lines, and the
 * warning lines Python's warnings module prints. */
#ifndef FSPEC_TEXT_H
#define FSPEC_TEXT_H

#include "util.h"

/* Valid UTF-8 copy: invalid sequences become U+FFFD. With xml_safe, the
 * control characters XML 1.0 forbids (NUL and the like) do too. */
char *utf8_sanitize(const char *s, size_t len, bool xml_safe);

/* Splits on '\n'; a final newline does not add an empty line. */
void text_lines(const char *text, strlist *out);

typedef struct {
    char *path;
    int line;
    char *category;
    char *message;
} warning_line;

/* Finds "path:line: Category: message" lines, Category ending in "Warning". */
size_t parse_warnings(const char *stderr_text, warning_line **out);
void warnings_free(warning_line *w, size_t n);



/* The text if short; otherwise its first head and last tail bytes (cut at
 * character boundaries) around a "[... N bytes not shown ...]" line. */
char *text_excerpt(const char *text, size_t head, size_t tail);
#endif
