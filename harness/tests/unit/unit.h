/* Shared by the unit tests: cmocka's include order and a few assertions
 * that print what they saw, since a bare strcmp failure says little. */
#ifndef FSPEC_UNIT_H
#define FSPEC_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "diag.h"
#include "util.h"

/* A strlist holds exactly the given lines, in order (NULL-terminated). */
static inline void assert_lines_impl(const strlist *got, const char *const *want, const char *file,
                                     int line)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool same = got->n == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(got->items[i], want[i]) == 0;
    if (!same) {
        print_error("%s:%d: lines differ\n  expected (%zu):\n", file, line, n);
        for (size_t i = 0; i < n; i++)
            print_error("    [%s]\n", want[i]);
        print_error("  got (%zu):\n", got->n);
        for (size_t i = 0; i < got->n; i++)
            print_error("    [%s]\n", got->items[i]);
        fail();
    }
}
#define assert_lines(got, ...)                                                                  \
    assert_lines_impl((got), (const char *const[]){__VA_ARGS__, NULL}, __FILE__, __LINE__)
#define assert_no_lines(got) assert_lines_impl((got), (const char *const[]){NULL}, __FILE__, __LINE__)

/* haystack contains needle. */
static inline void assert_contains_impl(const char *haystack, const char *needle,
                                        const char *file, int line)
{
    if (!haystack || !strstr(haystack, needle)) {
        print_error("%s:%d: expected to find [%s] in:\n%s\n", file, line, needle,
                    haystack ? haystack : "(null)");
        fail();
    }
}
#define assert_contains(h, n) assert_contains_impl((h), (n), __FILE__, __LINE__)

static inline void assert_not_contains_impl(const char *haystack, const char *needle,
                                            const char *file, int line)
{
    if (haystack && strstr(haystack, needle)) {
        print_error("%s:%d: did not expect [%s] in:\n%s\n", file, line, needle, haystack);
        fail();
    }
}
#define assert_not_contains(h, n) assert_not_contains_impl((h), (n), __FILE__, __LINE__)

/* Runs a shell command and returns its exit status (-1 when it did not exit). */
static inline int run_status(const char *cmd)
{
    int rc = system(cmd);
    if (rc == -1 || !WIFEXITED(rc))
        return -1;
    return WEXITSTATUS(rc);
}

/* A temporary file with the given text; the caller unlinks and frees the path. */
static inline char *temp_file_with(const char *text)
{
    char *path = xstrdup("/tmp/fspec-unit-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

#endif
