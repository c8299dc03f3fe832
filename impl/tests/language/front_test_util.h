/* Helpers shared by the front-end tests: parse a string, dump it, and check
 * a SyntaxError. Header-only so each test stays one executable. */
#ifndef REFPY_TESTS_FRONT_TEST_UTIL_H
#define REFPY_TESTS_FRONT_TEST_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast_dump.h"
#include "parser.h"

/* Parses `source`; the caller frees *arena. */
static inline AstModule *parse_text(const char *source, AstArena **arena, SyntaxErrorInfo *error) {
    *arena = arena_new();
    assert_non_null(*arena);
    return parse_module(*arena, source, strlen(source), "test.py", error);
}

/* The dump of a source that must parse; malloc'd. */
static inline char *dump_of(const char *source) {
    AstArena *arena;
    SyntaxErrorInfo error;
    AstModule *module = parse_text(source, &arena, &error);
    if (!module) {
        fail_msg("unexpected %s: %s (line %d, offset %d)", syntax_error_type_name(error.type),
                 error.msg, error.lineno, error.offset);
    }
    char *dump = ast_dump_module(module);
    arena_free(arena);
    assert_non_null(dump);
    return dump;
}

static inline void assert_dump(const char *source, const char *expected) {
    char *dump = dump_of(source);
    assert_string_equal(dump, expected);
    free(dump);
}

/* The source must fail with exactly this error (CPython 3.12's, running a
 * file). */
static inline void assert_syntax_error(const char *source, SyntaxErrorType type, const char *msg,
                                       int lineno, int offset, int end_lineno, int end_offset) {
    AstArena *arena;
    SyntaxErrorInfo error;
    AstModule *module = parse_text(source, &arena, &error);
    arena_free(arena);
    if (module) {
        fail_msg("expected a SyntaxError for: %s", source);
    }
    bool same = error.type == type && strcmp(error.msg, msg) == 0 && error.lineno == lineno &&
                error.offset == offset && error.end_lineno == end_lineno &&
                error.end_offset == end_offset;
    if (!same) {
        print_error("source: %s\nexpected: %s: %s (%d, %d, %d, %d)\nactual:   %s: %s (%d, %d, %d, %d)\n",
                    source, syntax_error_type_name(type), msg, lineno, offset, end_lineno,
                    end_offset, syntax_error_type_name(error.type), error.msg, error.lineno,
                    error.offset, error.end_lineno, error.end_offset);
    }
    syntax_error_clear(&error);
    assert_true(same);
}

#endif
