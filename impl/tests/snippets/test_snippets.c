/* Runs every snippet of one group (SNIPPET_DIR, every NAME.py) in the runtime and
 * compares repr(out) with CPython 3.12's (see CMakeLists.txt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "atexit_hooks.h"
#include "call.h"
#include "compiler.h"
#include "dictobject.h"
#include "errors.h"
#include "gc.h"
#include "moduleobject.h"
#include "runtime_init.h"
#include "strobject.h"
#include "threadingmodule.h"
#include "traceback_print.h"

static RObject *builtins_module, *sys_module;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* repr(out) after running the snippet as __main__, or NULL (printed) */
static char *run_snippet(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.py", SNIPPET_DIR, name);
    char *source = read_text(path);
    assert_non_null(source);
    SyntaxErrorInfo serr = {0};
    RObject *code = compile_source(source, strlen(source), path, &serr);
    free(source);
    assert_non_null(code);
    RObject *module = r_module_new("__main__");
    RObject *globals = r_module_dict(module);
    assert_int_equal(r_dict_set_item_cstr(globals, "__builtins__", r_module_dict(builtins_module)),
                     0);
    RObject *res = r_vm_run_code((RCode *)code, globals, globals);
    R_DECREF(code);
    char *text = NULL;
    if (res) {
        R_DECREF(res);
        RObject *out = r_dict_get_item_cstr(globals, "out");
        RObject *rep = out ? r_repr(out) : NULL;
        if (rep) {
            text = strdup(r_str_utf8(rep));
            R_DECREF(rep);
        }
    }
    if (!text) {
        RObject *exc = r_err_fetch();
        if (exc) {
            r_print_exception(exc, r_dict_get_item_cstr(r_module_dict(sys_module), "stderr"));
            R_DECREF(exc);
        }
    }
    R_DECREF(module);
    return text;
}

static void snippet_matches_cpython(void **state)
{
    const char *name = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.expected", SNIPPET_DIR, name);
    char *expected = read_text(path);
    assert_non_null(expected);
    expected[strcspn(expected, "\n")] = '\0';
    char *got = run_snippet(name);
    assert_non_null(got);
    assert_string_equal(got, expected);
    free(got);
    free(expected);
}

static int setup_runtime(void **state)
{
    (void)state;
    char *argv[] = {"test_snippets_" SNIPPET_GROUP, NULL};
    if (r_runtime_init(1, argv, &sys_module, &builtins_module) < 0)
        return -1;
    return 0;
}

/* the end of a run, as refpy's main: threads joined, exit hooks run,
 * cycles collected, so that LeakSanitizer sees only what nothing refers to */
static int teardown_runtime(void **state)
{
    (void)state;
    r_threading_shutdown();
    r_hook_list_run(&r_atexit_hooks);
    r_gc_collect_at_exit();
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct CMUnitTest *)a)->name, ((const struct CMUnitTest *)b)->name);
}

/* one test per NAME.py, named NAME, in name order */
int main(void)
{
    DIR *dir = opendir(SNIPPET_DIR);
    assert_non_null(dir);
    struct CMUnitTest *tests = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".py") != 0)
            continue;
        tests = realloc(tests, (n + 1) * sizeof *tests);
        char *name = strndup(e->d_name, len - 3);
        assert_true(tests && name);
        tests[n++] = (struct CMUnitTest){name, snippet_matches_cpython, NULL, NULL, name};
    }
    closedir(dir);
    qsort(tests, n, sizeof *tests, by_name);
    return _cmocka_run_group_tests("snippets_" SNIPPET_GROUP, tests, n, setup_runtime, teardown_runtime);
}
