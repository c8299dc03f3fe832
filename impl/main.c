/* refpy: runs a case program as CPython would run it as a script.
 *
 *   refpy [--python 3.X] FILE [ARGS...]
 *   refpy [--python 3.X] -c CODE [ARGS...]
 *   refpy --version
 *
 * Exit status as CPython's: 0, the code given to sys.exit, 1 after an
 * uncaught exception (its traceback on stderr), 2 for bad usage. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atexit_hooks.h"
#include "builtins.h"
#include "runtime_init.h"
#include "call.h"
#include "compiler.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "funcobject.h"
#include "gc.h"
#include "gen.h"
#include "gil.h"
#include "intobject.h"
#include "moduleobject.h"
#include "objects_init.h"
#include "profile.h"
#include "progress.h"
#include "strobject.h"
#include "textio.h"
#include "threadingmodule.h"
#include "traceback_print.h"
#include "warnings.h"

#define REFPY_VERSION "0.1.0"

static void usage(FILE *out)
{
    fputs("usage: refpy [--python 3.X] [--deadlock=hang|report] FILE [ARGS...]\n"
          "       refpy [--python 3.X] [--deadlock=hang|report] -c CODE [ARGS...]\n"
          "       refpy --version\n"
          "\n"
          "Runs a program of the FutureSpec case language (spec/case-language.md) as\n"
          "CPython 3.X would (default 3.12; 3.8 to 3.13).\n"
          "\n"
          "  --deadlock=hang    a program that can never go on hangs, as in CPython (default)\n"
          "  --deadlock=report  when every thread waits with no timeout for something only\n"
          "                     another of them could give, print which thread waits on what\n"
          "                     and exit with status 86 (spec/targets.md, targets.deadlock)\n",
          out);
}

static RObject *stream(const char *name)
{
    RObject *sys = r_builtins_sys_module();
    return sys ? r_dict_get_item_cstr(r_module_dict(sys), name) : NULL;
}

static void flush_streams(void)
{
    RObject *out = stream("stdout"), *err = stream("stderr");
    if (out)
        r_textio_flush(out);
    if (err)
        r_textio_flush(err);
    r_err_clear();
}

/* "Exception ignored in: <obj>" and the traceback, as sys.unraisablehook */
static void report_unraisable(const char *where, RObject *obj)
{
    RObject *exc = r_err_fetch();
    RObject *err = stream("stderr");
    if (!err || !exc) {
        R_XDECREF(exc);
        return;
    }
    RObject *repr = r_repr(obj);
    RObject *line = repr ? r_str_from_format("%s: %U\n", where, repr) : NULL;
    R_XDECREF(repr);
    r_err_clear();
    if (line) {
        RObject *r = r_call_method(err, "write", &line, 1);
        R_XDECREF(r);
        R_DECREF(line);
    }
    r_print_exception(exc, err);
    R_DECREF(exc);
    r_err_clear();
}

/* SystemExit's code: None -> 0, an int -> itself, anything else printed
 * to stderr -> 1 (CPython's handle_system_exit) */
static int exit_status_of(RObject *exc)
{
    RObject *code = ((RBaseException *)exc)->value;
    if (!code || code == R_NONE)
        return 0;
    if (R_INT_CHECK(code)) {
        int64_t v = r_int_as_i64(code);
        r_err_clear();
        return (int)(v & 0xff);
    }
    RObject *s = r_str(code);
    RObject *err = stream("stderr");
    if (s && err) {
        RObject *line = r_str_from_format("%U\n", s);
        if (line) {
            RObject *r = r_call_method(err, "write", &line, 1);
            R_XDECREF(r);
            R_DECREF(line);
        }
    }
    R_XDECREF(s);
    r_err_clear();
    return 1;
}

static int handle_uncaught(void)
{
    RObject *exc = r_err_fetch();
    if (!exc)
        return 0;
    int status;
    if (r_typecheck(exc, r_exc_SystemExit)) {
        status = exit_status_of(exc);
    } else {
        RObject *out = stream("stdout");
        if (out)
            r_textio_flush(out); /* as CPython flushes stdout before the traceback */
        r_err_clear();
        r_print_exception(exc, stream("stderr"));
        status = 1;
    }
    R_DECREF(exc);
    return status;
}

/* CPython's _PyModule_ClearDict: names starting with one underscore are set
 * to None first, then the others, __builtins__ last of all */
static void clear_module_dict(RObject *dict)
{
    for (int pass = 0; pass < 2; pass++) {
        ssize_t pos = 0;
        RObject *key, *value;
        while (r_dict_next(dict, &pos, &key, &value)) {
            if (value == R_NONE || !R_STR_CHECK(key))
                continue;
            const char *k = r_str_utf8(key);
            bool underscore = k[0] == '_' && k[1] != '_';
            if (pass == 0 && !underscore)
                continue;
            if (strcmp(k, "__builtins__") == 0)
                continue;
            r_dict_set_item(dict, key, R_NONE);
            r_err_clear();
        }
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int i = 1;
    const char *code_arg = NULL;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("refpy %s\n", REFPY_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--python") == 0 && i + 1 < argc) {
            if (!r_profile_set(argv[++i])) {
                fprintf(stderr, "refpy: --python takes 3.8 to 3.13, not '%s'\n", argv[i]);
                return 2;
            }
            continue;
        }
        if (strncmp(argv[i], "--python=", 9) == 0) {
            if (!r_profile_set(argv[i] + 9)) {
                fprintf(stderr, "refpy: --python takes 3.8 to 3.13, not '%s'\n", argv[i] + 9);
                return 2;
            }
            continue;
        }
        if (strncmp(argv[i], "--deadlock=", 11) == 0) {
            if (strcmp(argv[i] + 11, "report") == 0) {
                r_progress_enable_report();
            } else if (strcmp(argv[i] + 11, "hang") != 0) {
                fprintf(stderr, "refpy: --deadlock takes hang or report, not '%s'\n", argv[i] + 11);
                return 2;
            }
            continue;
        }
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            code_arg = argv[++i];
            i++;
            break;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "refpy: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
        break;
    }
    if (!code_arg && i >= argc) {
        usage(stderr);
        return 2;
    }

    /* sys.argv: the file (or "-c") and what follows */
    const char *script = code_arg ? "-c" : argv[i];
    int nargs = argc - i + (code_arg ? 1 : 0);
    char **sargv = malloc((size_t)(nargs + 1) * sizeof *sargv);
    if (!sargv)
        return 1;
    sargv[0] = (char *)script;
    for (int k = 1; k < nargs; k++)
        sargv[k] = argv[i + k - (code_arg ? 1 : 0)];
    RObject *sys, *builtins;
    if (r_runtime_init(nargs, sargv, &sys, &builtins) < 0)
        return 1;
    r_unraisable_hook = report_unraisable;
    r_deadlock_before_report = flush_streams;

    /* the script's path as CPython shows it: as typed on 3.8, absolute from 3.9 */
    char *path_shown = NULL;
    const char *text;
    size_t len;
    char *owned_text = NULL;
    if (code_arg) {
        text = code_arg;
        len = strlen(code_arg);
        path_shown = strdup("<string>");
    } else {
        owned_text = read_all(script, &len);
        if (!owned_text) {
            fprintf(stderr, "refpy: can't open file '%s': [Errno 2] No such file or directory\n",
                    script);
            return 2;
        }
        text = owned_text;
        char resolved[PATH_MAX];
        path_shown = strdup(r_profile.minor >= 9 && realpath(script, resolved) ? resolved : script);
    }

    RObject *main_module = r_module_new("__main__");
    RObject *globals = main_module ? r_module_dict(main_module) : NULL;
    RObject *file = path_shown ? r_str_from_cstr(path_shown) : NULL;
    if (!globals || !file ||
        r_dict_set_item_cstr(globals, "__builtins__", r_module_dict(builtins)) < 0 ||
        (!code_arg && r_dict_set_item_cstr(globals, "__file__", file) < 0) ||
        r_module_add_object(sys, "__main__", main_module) < 0) {
        fputs("refpy: cannot make __main__\n", stderr);
        return 1;
    }
    RObject *modules = r_dict_get_item_cstr(r_module_dict(sys), "modules");
    r_dict_set_item_cstr(modules, "__main__", main_module);

    int status = 0;
    SyntaxErrorInfo serr = {0};
    RObject *code = compile_source(text, len, path_shown, &serr);
    if (!code) {
        flush_streams();
        if (serr.type != SYNTAX_ERROR_NONE) {
            syntax_error_print(&serr, stderr);
            syntax_error_clear(&serr);
            status = 1;
        } else {
            status = handle_uncaught();
        }
    } else {
        RObject *res = r_vm_run_code((RCode *)code, globals, globals);
        R_DECREF(code);
        if (res)
            R_DECREF(res);
        else
            status = handle_uncaught();
    }
    free(owned_text);
    free(path_shown);
    R_DECREF(file);
    r_threading_shutdown(); /* non-daemon threads finish before teardown */
    r_hook_list_run(&r_atexit_hooks);

    /* Py_FinalizeEx's order: the standard streams are flushed, then the
     * garbage is collected (if gc is enabled) while the modules are intact,
     * then the modules are torn down */
    flush_streams();
    if (r_gc_is_enabled())
        r_gc_collect(2);
    /* finalisation: what __main__ still holds dies now, outside any frame
     * (so a coroutine never awaited warns at sys:1 / <sys>:0) */
    clear_module_dict(globals);
    r_dict_del_item(modules, r_str_intern("__main__"));
    r_err_clear();
    R_DECREF(main_module);
    r_gc_collect_at_exit(); /* the cycles left, as CPython's final collection */
    flush_streams();
    free(sargv);
    return status;
}
