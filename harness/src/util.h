/* Small helpers shared by every stage: checked allocation, growable strings
 * and string lists, whole-file reads. */
#ifndef FSPEC_UTIL_H
#define FSPEC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

typedef struct {
    char *data;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *sb);
void sb_free(strbuf *sb);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the buffer over (NUL-terminated, never NULL) and resets sb. */
char *sb_take(strbuf *sb);

typedef struct {
    char **items;
    size_t n, cap;
} strlist;

void sl_push(strlist *sl, const char *s);
void sl_push_owned(strlist *sl, char *s);
void sl_free(strlist *sl);
bool sl_contains(const strlist *sl, const char *s);

/* Reads a whole file; returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *len_out);
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
double now_seconds(void);

#endif
