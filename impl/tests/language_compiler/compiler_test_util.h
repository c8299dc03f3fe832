/* Helpers shared by the compiler tests: compile a snippet, find one of its
 * code objects by qualified name, and compare its instructions (as the
 * disassembler prints them) or its SyntaxError with what is expected.
 * Header-only so that each test group stays one executable. */
#ifndef REFPY_TESTS_COMPILER_TEST_UTIL_H
#define REFPY_TESTS_COMPILER_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codeobject.h"
#include "compiler.h"
#include "dis.h"
#include "objects_init.h"
#include "strobject.h"
#include "tupleobject.h"

static inline int compiler_test_setup(void **state)
{
    (void)state;
    static int initialised;
    if (!initialised && r_objects_init() < 0)
        return -1;
    initialised = 1;
    return 0;
}

/* The code object of a snippet that must compile (a new reference). */
static inline RCode *compile_text(const char *source)
{
    SyntaxErrorInfo error;
    RObject *code = compile_source(source, strlen(source), "test.py", &error);
    if (!code)
        fail_msg("unexpected %s: %s (line %d, offset %d)", syntax_error_type_name(error.type),
                 error.msg, error.lineno, error.offset);
    return (RCode *)code;
}

/* The code object named qualname (first line firstlineno when > 0) among
 * co and its nested code objects (borrowed), or NULL. */
static inline RCode *find_code(RCode *co, const char *qualname)
{
    if (strcmp(r_str_utf8(co->qualname), qualname) == 0)
        return co;
    for (ssize_t i = 0; i < R_TUPLE_SIZE(co->consts); i++) {
        RObject *value = R_TUPLE_GET(co->consts, i);
        if (R_TYPE(value) == &r_code_type) {
            RCode *found = find_code((RCode *)value, qualname);
            if (found)
                return found;
        }
    }
    return NULL;
}

/* The instructions of co, one a line, as dis_instruction prints them;
 * with lines, each prefixed by its line number and a tab. malloc'd. */
static inline char *ops_of(const RCode *co, bool lines)
{
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i < co->ncode; i++) {
        char text[512], line[600];
        dis_instruction(co, i, text, sizeof text);
        if (lines)
            snprintf(line, sizeof line, "%d\t%s\n", co->positions[i].line, text);
        else
            snprintf(line, sizeof line, "%s\n", text);
        size_t n = strlen(line);
        while (len + n + 1 > cap) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
        memcpy(out + len, line, n + 1);
        len += n;
    }
    return out;
}

/* Compiles source and checks the instructions of its code object named
 * qualname ("<module>" for the module itself). */
static inline void check_ops(const char *source, const char *qualname, bool lines,
                             const char *expected)
{
    RCode *module = compile_text(source);
    RCode *co = find_code(module, qualname);
    if (!co)
        fail_msg("no code object %s", qualname);
    char *got = ops_of(co, lines);
    if (strcmp(got, expected) != 0) {
        print_error("--- expected\n%s--- got\n%s", expected, got);
        free(got);
        R_DECREF(module);
        fail_msg("instructions of %s differ", qualname);
    }
    free(got);
    R_DECREF(module);
}

/* Checks that source fails with a SyntaxError msg at line:offset (offset
 * is not checked when 0). */
static inline void check_syntax_error(const char *source, const char *msg, int line, int offset)
{
    SyntaxErrorInfo error;
    RObject *code = compile_source(source, strlen(source), "test.py", &error);
    if (code) {
        R_DECREF(code);
        fail_msg("compiled, expected SyntaxError: %s", msg);
    }
    assert_int_equal(error.type, SYNTAX_ERROR_SYNTAX);
    assert_string_equal(error.msg, msg);
    assert_int_equal(error.lineno, line);
    if (offset)
        assert_int_equal(error.offset, offset);
    syntax_error_clear(&error);
}

#endif
