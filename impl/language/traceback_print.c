#include "traceback_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "frame.h"
#include "profile.h"
#include "strobject.h"
#include "suggestions.h"
#include "tupleobject.h"

static void emit(RObject *stream, const char *s, size_t n)
{
    RObject *str = r_str_from_utf8(s, n);
    if (!str)
        return;
    RObject *r = r_call_method(stream, "write", &str, 1);
    R_DECREF(str);
    R_XDECREF(r);
    r_err_clear();
}

static void emit_str(RObject *stream, RObject *s)
{
    emit(stream, r_str_utf8(s), (size_t)r_str_size(s));
}

static void emit_cstr(RObject *stream, const char *s)
{
    emit(stream, s, strlen(s));
}

/* linecache: the lines of each file read once */
typedef struct {
    char *path;
    char *text;
    char **lines;
    int nlines;
} cached_file;

static cached_file cache[16];
static int ncache;

static cached_file *load(const char *path)
{
    for (int i = 0; i < ncache; i++)
        if (strcmp(cache[i].path, path) == 0)
            return &cache[i];
    if (ncache == (int)(sizeof cache / sizeof cache[0]))
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    text[size] = '\0';
    cached_file *c = &cache[ncache];
    c->path = strdup(path);
    c->text = text;
    int n = 1;
    for (char *p = text; *p; p++)
        if (*p == '\n')
            n++;
    c->lines = malloc((size_t)n * sizeof *c->lines);
    if (!c->path || !c->lines) {
        free(c->path);
        free(c->lines);
        free(text);
        return NULL;
    }
    c->nlines = 0;
    for (char *p = text; p;) {
        c->lines[c->nlines++] = p;
        char *nl = strchr(p, '\n');
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        } else {
            p = NULL;
        }
    }
    ncache++;
    return c;
}

RObject *r_source_line(RObject *filename, int lineno)
{
    cached_file *c = load(r_str_utf8(filename));
    if (!c || lineno < 1 || lineno > c->nlines)
        return NULL;
    const char *line = c->lines[lineno - 1];
    while (*line == ' ' || *line == '\t' || *line == '\f')
        line++;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r' || line[n - 1] == '\t'))
        n--;
    return r_str_from_utf8(line, n);
}

RObject *r_exception_type_label(RObject *exc)
{
    RObject *type = (RObject *)R_TYPE(exc);
    RObject *module = r_getattr_cstr(type, "__module__");
    RObject *qualname = r_getattr_cstr(type, "__qualname__");
    if (!module || !qualname || !R_STR_CHECK(module)) {
        R_XDECREF(module);
        r_err_clear();
        return qualname ? qualname : r_str_from_cstr("<unknown>");
    }
    RObject *label;
    if (r_str_equal_cstr(module, "builtins") ||
        (r_str_equal_cstr(module, "__main__") && r_traceback_omits_main_module()))
        label = r_incref(qualname);
    else
        label = r_str_from_format("%U.%U", module, qualname);
    R_DECREF(module);
    R_DECREF(qualname);
    return label;
}

static void print_frames(RObject *stream, RTraceback *tb)
{
    emit_cstr(stream, "Traceback (most recent call last):\n");
    RTraceback *last = NULL;
    int repeats = 0;
    for (; tb; tb = tb->next) {
        RCode *co = tb->frame->code;
        bool same = last && last->frame->code == co && last->lineno == tb->lineno;
        if (same) {
            /* three identical frames, then a count (Lib/traceback.py) */
            if (++repeats >= 3)
                continue;
        } else if (repeats >= 3) {
            char buf[96];
            int more = repeats - 2;
            snprintf(buf, sizeof buf, "  [Previous line repeated %d more time%s]\n", more,
                     more == 1 ? "" : "s");
            emit_cstr(stream, buf);
            repeats = 0;
        } else {
            repeats = 0;
        }
        last = tb;
        RObject *line = r_str_from_format("  File \"%U\", line %d, in %U\n", co->filename,
                                          tb->lineno, co->name);
        if (line) {
            emit_str(stream, line);
            R_DECREF(line);
        }
        RObject *src = r_source_line(co->filename, tb->lineno);
        if (src) {
            RObject *s = r_str_from_format("    %U\n", src);
            if (s) {
                emit_str(stream, s);
                R_DECREF(s);
            }
            R_DECREF(src);
        }
    }
    if (repeats >= 3) {
        char buf[96];
        int more = repeats - 2;
        snprintf(buf, sizeof buf, "  [Previous line repeated %d more time%s]\n", more,
                 more == 1 ? "" : "s");
        emit_cstr(stream, buf);
    }
}

static void print_one(RObject *exc, RObject *stream)
{
    RBaseException *e = (RBaseException *)exc;
    if (e->traceback)
        print_frames(stream, (RTraceback *)e->traceback);
    RObject *label = r_exception_type_label(exc);
    RObject *msg = r_str(exc);
    if (!msg) {
        r_err_clear();
        msg = r_str_from_cstr("<exception str() failed>");
    }
    if (r_traceback_suggests_names() &&
        (r_typecheck(exc, r_exc_AttributeError) || r_typecheck(exc, r_exc_NameError))) {
        RObject *hint = r_suggestion_for(exc);
        if (hint) {
            R_SETREF(msg, r_str_from_format("%U. Did you mean: '%U'?", msg, hint));
            R_DECREF(hint);
        }
    }
    RObject *line = msg && r_str_size(msg) > 0 ? r_str_from_format("%U: %U\n", label, msg)
                                               : r_str_from_format("%U\n", label);
    if (line) {
        emit_str(stream, line);
        R_DECREF(line);
    }
    R_XDECREF(msg);
    R_XDECREF(label);
}

static void print_chain(RObject *exc, RObject *stream, RObject **seen, int depth)
{
    RBaseException *e = (RBaseException *)exc;
    for (int i = 0; i < depth; i++)
        if (seen[i] == exc)
            return;
    seen[depth] = exc;
    if (depth < 63) {
        if (e->cause) {
            print_chain(e->cause, stream, seen, depth + 1);
            emit_cstr(stream, "\nThe above exception was the direct cause of the following "
                              "exception:\n\n");
        } else if (e->context && !e->suppress_context) {
            print_chain(e->context, stream, seen, depth + 1);
            emit_cstr(stream, "\nDuring handling of the above exception, another exception "
                              "occurred:\n\n");
        }
    }
    print_one(exc, stream);
}

void r_print_exception(RObject *exc, RObject *stream)
{
    RObject *seen[64];
    RObject *saved = r_err_fetch();
    print_chain(exc, stream, seen, 0);
    r_err_restore(saved);
}
