/* The text asyncio puts in reprs and log lines: reprlib.repr (result=
 * and callback arguments), format_helpers (callbacks with their source
 * location, debug-mode stacks) and coroutines._format_coroutine. */
#include <string.h>

#include "aio.h"
#include "aio_coro.h"
#include "call.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "frame.h"
#include "funcobject.h"
#include "functoolsmodule.h"
#include "gen.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "traceback_print.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *aio_type_name(RObject *o)
{
    return r_getattr_cstr((RObject *)R_TYPE(o), "__name__");
}

/* ---- reprlib.Repr() with its default limits ---- */

enum {
    MAXLEVEL = 6,
    MAXTUPLE = 6,
    MAXLIST = 6,
    MAXDICT = 4,
    MAXSET = 6,
    MAXFROZENSET = 6,
    MAXSTRING = 30,
    MAXLONG = 40,
    MAXOTHER = 30,
};

static RObject *repr1(RObject *x, int level);

/* s[:i] + '...' + s[len(s)-j:] for a repr longer than limit */
static RObject *shorten(RObject *s, ssize_t limit)
{
    if (r_str_length(s) <= limit)
        return s;
    ssize_t i = (limit - 3) / 2, j = limit - 3 - i;
    if (i < 0)
        i = 0;
    if (j < 0)
        j = 0;
    RObject *head = r_str_substring(s, 0, i);
    RObject *tail = r_str_substring(s, r_str_length(s) - j, r_str_length(s));
    RObject *res = head && tail ? r_str_from_format("%U...%U", head, tail) : NULL;
    R_XDECREF(head);
    R_XDECREF(tail);
    R_DECREF(s);
    return res;
}

static RObject *repr_instance(RObject *x)
{
    RObject *s = r_repr(x);
    if (!s) {
        r_err_clear();
        RObject *cls = aio_type_name(x);
        RObject *res = cls ? r_str_from_format("<%U instance at %#lx>", cls,
                                               (unsigned long)(uintptr_t)x)
                           : NULL;
        R_XDECREF(cls);
        return res;
    }
    return shorten(s, MAXOTHER);
}

static RObject *repr_str(RObject *x)
{
    RObject *part = r_str_substring(x, 0, MAXSTRING);
    RObject *s = part ? r_repr(part) : NULL;
    R_XDECREF(part);
    if (!s || r_str_length(s) <= MAXSTRING)
        return s;
    R_DECREF(s);
    ssize_t i = (MAXSTRING - 3) / 2, j = MAXSTRING - 3 - i;
    ssize_t n = r_str_length(x);
    RObject *head = r_str_substring(x, 0, i);
    RObject *tail = r_str_substring(x, n - j, n);
    RObject *both = head && tail ? r_str_concat(head, tail) : NULL;
    R_XDECREF(head);
    R_XDECREF(tail);
    s = both ? r_repr(both) : NULL;
    R_XDECREF(both);
    return s ? shorten(s, MAXSTRING) : NULL;
}

/* _repr_iterable over the items of a list, tuple or sorted set */
static RObject *repr_items(RObject *const *items, ssize_t n, int level, const char *left,
                           const char *right, ssize_t maxiter, const char *trail)
{
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append_cstr(&b, left);
    if (level <= 0 && n) {
        r_sb_append_cstr(&b, "...");
    } else {
        for (ssize_t i = 0; i < n && i < maxiter; i++) {
            RObject *s = repr1(items[i], level - 1);
            if (!s) {
                r_sb_discard(&b);
                return NULL;
            }
            if (i)
                r_sb_append_cstr(&b, ", ");
            r_sb_append_str(&b, s);
            R_DECREF(s);
        }
        if (n > maxiter)
            r_sb_append_cstr(&b, ", ...");
    }
    if (n == 1 && trail)
        r_sb_append_cstr(&b, trail);
    r_sb_append_cstr(&b, right);
    return r_sb_finish(&b);
}

/* _possibly_sorted: sorted(x), or list(x) when the items do not compare */
static RObject *possibly_sorted(RObject *x)
{
    RObject *l = r_sequence_list(x);
    if (!l)
        return NULL;
    if (r_list_sort(l, NULL, false) < 0) {
        r_err_clear();
        R_DECREF(l);
        l = r_sequence_list(x);
    }
    return l;
}

static RObject *repr_dict(RObject *x, int level)
{
    ssize_t n = r_dict_size(x);
    if (n == 0)
        return r_str_from_cstr("{}");
    if (level <= 0)
        return r_str_from_cstr("{...}");
    RObject *keys = possibly_sorted(x);
    if (!keys)
        return NULL;
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append_cstr(&b, "{");
    for (ssize_t i = 0; i < R_LIST_SIZE(keys) && i < MAXDICT; i++) {
        RObject *key = R_LIST_ITEMS(keys)[i];
        RObject *value = r_getitem(x, key);
        RObject *ks = value ? repr1(key, level - 1) : NULL;
        RObject *vs = ks ? repr1(value, level - 1) : NULL;
        R_XDECREF(value);
        if (!vs) {
            R_XDECREF(ks);
            R_DECREF(keys);
            r_sb_discard(&b);
            return NULL;
        }
        if (i)
            r_sb_append_cstr(&b, ", ");
        r_sb_append_str(&b, ks);
        r_sb_append_cstr(&b, ": ");
        r_sb_append_str(&b, vs);
        R_DECREF(ks);
        R_DECREF(vs);
    }
    if (n > MAXDICT)
        r_sb_append_cstr(&b, ", ...");
    r_sb_append_cstr(&b, "}");
    R_DECREF(keys);
    return r_sb_finish(&b);
}

static RObject *repr_set(RObject *x, int level, bool frozen)
{
    if (r_set_size(x) == 0)
        return r_str_from_cstr(frozen ? "frozenset()" : "set()");
    RObject *items = possibly_sorted(x);
    if (!items)
        return NULL;
    RObject *res = repr_items(R_LIST_ITEMS(items), R_LIST_SIZE(items), level,
                              frozen ? "frozenset({" : "{", frozen ? "})" : "}",
                              frozen ? MAXFROZENSET : MAXSET, NULL);
    R_DECREF(items);
    return res;
}

static RObject *repr1(RObject *x, int level)
{
    /* dispatch on type(x).__name__, as Repr.repr1 does */
    RObject *name = aio_type_name(x);
    if (!name)
        return NULL;
    const char *t = r_str_utf8(name);
    RObject *res = NULL;
    if (strcmp(t, "str") == 0)
        res = repr_str(x);
    else if (strcmp(t, "int") == 0) {
        RObject *s = r_repr(x);
        res = s ? shorten(s, MAXLONG) : NULL;
    }
    else if (strcmp(t, "tuple") == 0)
        res = repr_items(R_TUPLE_ITEMS(x), R_TUPLE_SIZE(x), level, "(", ")", MAXTUPLE, ",");
    else if (strcmp(t, "list") == 0)
        res = repr_items(R_LIST_ITEMS(x), R_LIST_SIZE(x), level, "[", "]", MAXLIST, NULL);
    else if (strcmp(t, "dict") == 0)
        res = repr_dict(x, level);
    else if (strcmp(t, "set") == 0)
        res = repr_set(x, level, false);
    else if (strcmp(t, "frozenset") == 0)
        res = repr_set(x, level, true);
    else
        res = repr_instance(x);
    R_DECREF(name);
    return res;
}

RObject *aio_reprlib_repr(RObject *o)
{
    return repr1(o, MAXLEVEL);
}

/* ---- format_helpers.py ---- */

RObject *aio_callable_qualname(RObject *func)
{
    if (R_TYPE(func) == &r_cfunction_type) {
        /* meth_get__qualname__: a method bound to an instance is named
         * after its type */
        RCFunction *f = (RCFunction *)func;
        if (f->self && !f->module && !R_MODULE_CHECK(f->self)) {
            RObject *tq = r_getattr_cstr(r_typecheck(f->self, &r_type_type)
                                             ? f->self
                                             : (RObject *)R_TYPE(f->self),
                                         "__qualname__");
            if (!tq)
                return NULL;
            RObject *res = r_str_from_format("%U.%s", tq, f->def->name);
            R_DECREF(tq);
            return res;
        }
        return r_str_from_cstr(f->def->name);
    }
    RObject *q;
    if (r_lookup_attr(func, r_str_intern("__qualname__"), &q) < 0)
        return NULL;
    return q;
}

static RObject *format_args(RObject *args, RObject *kwargs, bool debug)
{
    if (r_profile.minor >= 13 && !debug)
        return r_str_from_cstr("()");
    r_str_builder b;
    r_sb_init(&b);
    r_sb_append_cstr(&b, "(");
    bool first = true;
    for (ssize_t i = 0; args && i < R_TUPLE_SIZE(args); i++) {
        RObject *s = aio_reprlib_repr(R_TUPLE_GET(args, i));
        if (!s) {
            r_sb_discard(&b);
            return NULL;
        }
        if (!first)
            r_sb_append_cstr(&b, ", ");
        first = false;
        r_sb_append_str(&b, s);
        R_DECREF(s);
    }
    ssize_t pos = 0;
    RObject *k, *v;
    while (kwargs && R_DICT_CHECK(kwargs) && r_dict_next(kwargs, &pos, &k, &v)) {
        RObject *s = aio_reprlib_repr(v);
        if (!s) {
            r_sb_discard(&b);
            return NULL;
        }
        if (!first)
            r_sb_append_cstr(&b, ", ");
        first = false;
        r_sb_append_str(&b, k);
        r_sb_append_cstr(&b, "=");
        r_sb_append_str(&b, s);
        R_DECREF(s);
    }
    r_sb_append_cstr(&b, ")");
    return r_sb_finish(&b);
}

static RObject *format_callback(RObject *func, RObject *args, RObject *kwargs, RObject *suffix,
                                bool debug)
{
    if (R_TYPE(func) == &r_partial_type) {
        RObject *fa = format_args(args, kwargs, debug);
        RObject *suf = fa && suffix ? r_str_concat(fa, suffix) : fa ? r_incref(fa) : NULL;
        R_XDECREF(fa);
        RObject *inner = suf ? r_getattr_cstr(func, "func") : NULL;
        RObject *pargs = inner ? r_getattr_cstr(func, "args") : NULL;
        RObject *pkw = pargs ? r_getattr_cstr(func, "keywords") : NULL;
        RObject *res = pkw ? format_callback(inner, pargs, pkw, suf, debug) : NULL;
        R_XDECREF(inner);
        R_XDECREF(pargs);
        R_XDECREF(pkw);
        R_XDECREF(suf);
        return res;
    }
    RObject *name = aio_callable_qualname(func);
    if (!name && r_err_occurred())
        return NULL;
    int truthy = name ? r_is_true(name) : 0;
    if (truthy <= 0) {
        R_XDECREF(name);
        if (r_lookup_attr(func, r_str_intern("__name__"), &name) < 0)
            return NULL;
        truthy = name ? r_is_true(name) : 0;
        if (truthy <= 0) {
            R_XDECREF(name);
            if (!(name = r_repr(func)))
                return NULL;
        }
    }
    RObject *fa = format_args(args, kwargs, debug);
    RObject *res = fa ? r_str_from_format("%S%U%U", name, fa, suffix ? suffix : r_str_intern(""))
                      : NULL;
    R_XDECREF(fa);
    R_DECREF(name);
    return res;
}

/* _get_function_source: (co_filename, co_firstlineno) of a Python
 * function, through __wrapped__ and partial objects */
static bool function_source(RObject *func, RObject **file, int *line_out)
{
    R_INCREF(func);
    for (int depth = 0; depth < 100; depth++) {
        RObject *wrapped;
        if (r_lookup_attr(func, r_str_intern("__wrapped__"), &wrapped) < 0) {
            r_err_clear();
            break;
        }
        if (!wrapped)
            break;
        R_SETREF(func, wrapped);
    }
    bool found = false;
    if (R_FUNCTION_CHECK(func)) {
        RCode *co = (RCode *)((RFunction *)func)->code;
        *file = r_incref(co->filename);
        *line_out = co->firstlineno;
        found = true;
    } else if (aio_callable_source(func)) {
        const aio_source *src = aio_callable_source(func);
        int line = src->def[r_profile.minor - 8];
        if (line > 0 && (*file = aio_source_file(src))) {
            *line_out = line;
            found = true;
        }
    } else if (R_TYPE(func) == &r_partial_type) {
        RObject *inner = r_getattr_cstr(func, "func");
        if (inner) {
            found = function_source(inner, file, line_out);
            R_DECREF(inner);
        } else {
            r_err_clear();
        }
    }
    R_DECREF(func);
    return found;
}

static RObject *callback_source(RObject *func, RObject *args, bool debug)
{
    RObject *res = format_callback(func, args, NULL, NULL, debug);
    RObject *file;
    int line;
    if (res && function_source(func, &file, &line)) {
        RObject *full = r_str_from_format("%U at %U:%d", res, file, line);
        R_DECREF(file);
        R_SETREF(res, full);
    }
    return res;
}

RObject *aio_format_callback_source(RObject *callback, RObject *args, bool debug)
{
    return callback_source(callback, args, debug);
}

/* format_helpers.extract_stack(): (filename, lineno, name) of the frames
 * running now, oldest first, at most constants.DEBUG_STACK_DEPTH */
RObject *aio_extract_stack(void)
{
    RObject *list = r_list_new(0);
    if (!list)
        return NULL;
    int n = 0;
    for (RFrame *f = r_vm_current_frame(); f && n < 10; f = f->back, n++) {
        RObject *line = r_int_from_i64(r_frame_line(f));
        RObject *t = line ? r_tuple_pack(3, f->code->filename, line, f->code->name) : NULL;
        R_XDECREF(line);
        if (!t || r_list_append(list, t) < 0) {
            R_XDECREF(t);
            R_DECREF(list);
            return NULL;
        }
        R_DECREF(t);
    }
    /* stack.reverse() */
    RList *l = (RList *)list;
    for (ssize_t i = 0, j = l->size - 1; i < j; i++, j--) {
        RObject *tmp = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = tmp;
    }
    return list;
}

/* traceback.format_list(stack) joined, for "Object created at ..." */
RObject *aio_format_stack(RObject *stack)
{
    r_str_builder b;
    r_sb_init(&b);
    for (ssize_t i = 0; i < R_LIST_SIZE(stack); i++) {
        RObject *t = R_LIST_ITEMS(stack)[i];
        RObject *file = R_TUPLE_GET(t, 0);
        int64_t line = r_int_as_i64(R_TUPLE_GET(t, 1));
        RObject *text = r_str_from_format("  File \"%U\", line %d, in %U\n", file, (int)line,
                                          R_TUPLE_GET(t, 2));
        if (text) {
            r_sb_append_str(&b, text);
            R_DECREF(text);
        }
        RObject *src = r_source_line(file, (int)line);
        if (src) {
            r_sb_append_cstr(&b, "    ");
            r_sb_append_str(&b, src);
            r_sb_append_cstr(&b, "\n");
            R_DECREF(src);
        }
        r_err_clear();
    }
    return r_sb_finish(&b);
}

/* ---- coroutines._format_coroutine ---- */

RObject *aio_format_coroutine(RObject *coro)
{
    RObject *name;
    if (R_GEN_CHECK(coro))
        name = r_incref(r_gen_qualname((RGen *)coro));
    else if (AIO_CORO_CHECK(coro))
        name = r_str_from_cstr(((AioCoro *)coro)->def->qualname);
    else if (r_lookup_attr(coro, r_str_intern("__qualname__"), &name) < 0)
        return NULL;
    if (!name) {
        RObject *tn = aio_type_name(coro);
        name = tn ? r_str_from_format("<%U without __name__>", tn) : NULL;
        R_XDECREF(tn);
        if (!name)
            return NULL;
    } else {
        RObject *called = r_str_from_format("%S()", name);
        R_SETREF(name, called);
        if (!name)
            return NULL;
    }
    const aio_source *src = AIO_CORO_CHECK(coro) ? ((AioCoro *)coro)->def->source : NULL;
    if (src && src->def[r_profile.minor - 8] > 0) {
        /* written in Python in CPython: shown as its frame would be */
        AioCoro *c = (AioCoro *)coro;
        RObject *file = aio_source_file(src);
        int def = src->def[r_profile.minor - 8];
        int at = c->started && src->suspended[r_profile.minor - 8] > 0
                     ? src->suspended[r_profile.minor - 8]
                     : def;
        RObject *res = !file           ? NULL
                       : c->finished ? r_str_from_format("%U done, defined at %U:%d", name, file, def)
                                     : r_str_from_format("%U running at %U:%d", name, file, at);
        R_XDECREF(file);
        R_DECREF(name);
        return res;
    }
    if (!R_GEN_CHECK(coro)) {
        /* no code object: a coroutine written in C */
        bool running = AIO_CORO_CHECK(coro) && ((AioCoro *)coro)->running;
        if (!running)
            return name;
        RObject *res = r_str_from_format("%U running", name);
        R_DECREF(name);
        return res;
    }
    RGen *g = (RGen *)coro;
    RCode *co = r_gen_code(g);
    RObject *res = NULL;
    if (g->frame) {
        int line = g->frame->lasti < 0 ? co->firstlineno : r_frame_line(g->frame);
        res = r_str_from_format("%U running at %U:%d", name, co->filename, line);
    } else {
        res = r_str_from_format("%U done, defined at %U:%d", name, co->filename, co->firstlineno);
    }
    R_DECREF(name);
    return res;
}
