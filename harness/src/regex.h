/* PCRE2 behind two calls: compile (with a readable error) and search. */
#ifndef FSPEC_REGEX_H
#define FSPEC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct regex regex;

/* multiline: ^ and $ match at line boundaries. whole: the pattern must
 * match the entire subject. On error returns NULL and fills err/offset. */
regex *regex_compile(const char *pattern, bool multiline, bool whole, char *err, size_t errsize,
                     size_t *offset);
bool regex_search(const regex *re, const char *subject, size_t len);
void regex_free(regex *re);
/* Compiles, searches and frees; false also when the pattern is invalid. */
bool regex_matches(const char *pattern, const char *subject, bool multiline, bool whole);

#endif
