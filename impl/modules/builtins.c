/* The builtins module: the functions of spec/case-language.md section 10
 * (CPython's bltinmodule.c), and the builtin types and exceptions. */
#include "builtins.h"

#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "bytesobject.h"
#include "call.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "format.h"
#include "frame.h"
#include "funcobject.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "rangeobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "textio.h"
#include "tupleobject.h"
#include "typeobject.h"

static RObject *sys_stream(const char *name)
{
    RObject *sys = r_builtins_sys_module();
    return sys ? r_getattr_cstr(sys, name) : NULL;
}

static RObject *builtin_print(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    RObject *opts[4] = {NULL, NULL, NULL, NULL};
    if (r_parse_keywords("print", kw, args + nargs, names, opts) < 0)
        return NULL;
    RObject *sep = opts[0], *end = opts[1], *file = opts[2];
    if (sep == R_NONE)
        sep = NULL;
    if (end == R_NONE)
        end = NULL;
    if (sep && !R_STR_CHECK(sep))
        return r_err_format(r_exc_TypeError, "sep must be None or a string, not %s",
                            R_TYPE(sep)->name);
    if (end && !R_STR_CHECK(end))
        return r_err_format(r_exc_TypeError, "end must be None or a string, not %s",
                            R_TYPE(end)->name);
    RObject *owned_file = NULL;
    if (!file || file == R_NONE) {
        file = owned_file = sys_stream("stdout");
        if (!file)
            return NULL;
        if (file == R_NONE) { /* sys.stdout = None: print does nothing */
            R_DECREF(file);
            R_RETURN_NONE;
        }
    }
    RObject *write = r_getattr_cstr(file, "write");
    if (!write) {
        R_XDECREF(owned_file);
        return NULL;
    }
    /* each piece is a write of its own, as CPython's print: output of
     * threads can interleave between them */
    bool ok = true;
    for (size_t i = 0; i < nargs && ok; i++) {
        if (i > 0) {
            RObject *s = sep ? r_incref(sep) : r_str_from_cstr(" ");
            RObject *r = s ? r_call1(write, s) : NULL;
            R_XDECREF(s);
            ok = r != NULL;
            R_XDECREF(r);
            if (!ok)
                break;
        }
        RObject *s = r_str(args[i]);
        RObject *r = s ? r_call1(write, s) : NULL;
        R_XDECREF(s);
        ok = r != NULL;
        R_XDECREF(r);
    }
    if (ok) {
        RObject *s = end ? r_incref(end) : r_str_from_cstr("\n");
        RObject *r = s ? r_call1(write, s) : NULL;
        R_XDECREF(s);
        ok = r != NULL;
        R_XDECREF(r);
    }
    if (ok && opts[3]) {
        int f = r_is_true(opts[3]);
        if (f < 0) {
            ok = false;
        } else if (f) {
            RObject *r = r_call_method(file, "flush", NULL, 0);
            ok = r != NULL;
            R_XDECREF(r);
        }
    }
    R_DECREF(write);
    R_XDECREF(owned_file);
    if (!ok)
        return NULL;
    R_RETURN_NONE;
}

#define ONE_ARG(fname)                                                            \
    if (r_check_no_kwargs(fname, kw) < 0 || r_check_nargs(fname, nargs, 1, 1) < 0) \
        return NULL;

static RObject *builtin_len(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("len");
    ssize_t n = r_length(args[0]);
    return n < 0 ? NULL : r_int_from_i64(n);
}

static RObject *builtin_repr(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("repr");
    return r_repr(args[0]);
}

static RObject *builtin_id(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("id");
    return r_int_from_u64((uint64_t)(uintptr_t)args[0]);
}

static RObject *builtin_callable(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("callable");
    return r_bool_from_long(R_TYPE(args[0])->call != NULL);
}

static RObject *builtin_abs(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("abs");
    if (R_TYPE(args[0])->nb_absolute)
        return R_TYPE(args[0])->nb_absolute(args[0]);
    return r_err_format(r_exc_TypeError, "bad operand type for abs(): '%s'",
                        R_TYPE(args[0])->name);
}

static RObject *all_or_any(RObject *iterable, bool want_all)
{
    RObject *it = r_get_iter(iterable);
    if (!it)
        return NULL;
    RObject *item;
    while ((item = r_iter_next(it)) != NULL) {
        int t = r_is_true(item);
        R_DECREF(item);
        if (t < 0) {
            R_DECREF(it);
            return NULL;
        }
        if (t != want_all) {
            R_DECREF(it);
            return r_bool_from_long(!want_all);
        }
    }
    R_DECREF(it);
    if (r_err_occurred())
        return NULL;
    return r_bool_from_long(want_all);
}

static RObject *builtin_all(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("all");
    return all_or_any(args[0], true);
}

static RObject *builtin_any(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("any");
    return all_or_any(args[0], false);
}

static RObject *based(RObject *const *args, size_t nargs, RObject *kw, const char *fname,
                      int base)
{
    if (r_check_no_kwargs(fname, kw) < 0 || r_check_nargs(fname, nargs, 1, 1) < 0)
        return NULL;
    return r_int_to_base_str(args[0], base);
}

static RObject *builtin_bin(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    return based(args, nargs, kw, "bin", 2);
}

static RObject *builtin_oct(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    return based(args, nargs, kw, "oct", 8);
}

static RObject *builtin_hex(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    return based(args, nargs, kw, "hex", 16);
}

static RObject *builtin_chr(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("chr");
    int64_t c = r_int_as_i64(args[0]);
    if (c == -1 && r_err_occurred())
        return NULL;
    if (c < 0 || c > 0x10ffff)
        return r_err_format(r_exc_ValueError, "chr() arg not in range(0x110000)");
    char buf[5];
    size_t n;
    if (c < 0x80) {
        buf[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (c >> 18));
        buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return r_str_from_utf8(buf, n);
}

static RObject *builtin_ord(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("ord");
    RObject *o = args[0];
    if (R_STR_CHECK(o)) {
        if (r_str_length(o) != 1)
            return r_err_format(r_exc_TypeError,
                                "ord() expected a character, but string of length %zd found",
                                r_str_length(o));
        const unsigned char *s = (const unsigned char *)r_str_utf8(o);
        int64_t c = s[0];
        if (c >= 0xF0)
            c = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        else if (c >= 0xE0)
            c = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        else if (c >= 0xC0)
            c = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return r_int_from_i64(c);
    }
    if (R_BYTES_CHECK(o)) {
        if (R_BYTES_SIZE(o) != 1)
            return r_err_format(r_exc_TypeError,
                                "ord() expected a character, but string of length %zd found",
                                R_BYTES_SIZE(o));
        return r_int_from_i64((unsigned char)R_BYTES_DATA(o)[0]);
    }
    return r_err_format(r_exc_TypeError,
                        "ord() expected string of length 1, but %s found", R_TYPE(o)->name);
}

static RObject *builtin_divmod(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("divmod", kw) < 0 || r_check_nargs("divmod", nargs, 2, 2) < 0)
        return NULL;
    RObject *q = r_number_binop(args[0], args[1], offsetof(RType, nb_floor_divide), "divmod()");
    if (!q)
        return NULL;
    RObject *m = r_number_binop(args[0], args[1], offsetof(RType, nb_remainder), "divmod()");
    if (!m) {
        R_DECREF(q);
        return NULL;
    }
    RObject *t = r_tuple_pack(2, q, m);
    R_DECREF(q);
    R_DECREF(m);
    return t;
}

static int isinstance_check(RObject *o, RObject *cls, const char *fname, bool sub)
{
    if (R_TUPLE_CHECK(cls)) {
        for (ssize_t i = 0; i < R_TUPLE_SIZE(cls); i++) {
            int r = isinstance_check(o, R_TUPLE_GET(cls, i), fname, sub);
            if (r)
                return r;
        }
        return 0;
    }
    if (!r_typecheck(cls, &r_type_type)) {
        r_err_format(r_exc_TypeError,
                     "%s() arg 2 must be a type, a tuple of types, or a union", fname);
        return -1;
    }
    if (sub) {
        if (!r_typecheck(o, &r_type_type)) {
            r_err_set_string(r_exc_TypeError, "issubclass() arg 1 must be a class");
            return -1;
        }
        return r_type_is_subtype((RType *)o, (RType *)cls);
    }
    return r_typecheck(o, (RType *)cls);
}

static RObject *builtin_isinstance(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("isinstance", kw) < 0 ||
        r_check_nargs("isinstance", nargs, 2, 2) < 0)
        return NULL;
    int r = isinstance_check(args[0], args[1], "isinstance", false);
    return r < 0 ? NULL : r_bool_from_long(r);
}

static RObject *builtin_issubclass(RObject *self, RObject *const *args, size_t nargs,
                                   RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("issubclass", kw) < 0 ||
        r_check_nargs("issubclass", nargs, 2, 2) < 0)
        return NULL;
    int r = isinstance_check(args[0], args[1], "issubclass", true);
    return r < 0 ? NULL : r_bool_from_long(r);
}

static RObject *builtin_getattr(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("getattr", kw) < 0 || r_check_nargs("getattr", nargs, 2, 3) < 0)
        return NULL;
    if (!R_STR_CHECK(args[1]))
        return r_err_format(r_exc_TypeError, "attribute name must be string, not '%s'",
                            R_TYPE(args[1])->name);
    if (nargs == 2)
        return r_getattr(args[0], args[1]);
    RObject *v;
    int rc = r_lookup_attr(args[0], args[1], &v);
    if (rc < 0)
        return NULL;
    return rc ? v : r_incref(args[2]);
}

static RObject *builtin_hasattr(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("hasattr", kw) < 0 || r_check_nargs("hasattr", nargs, 2, 2) < 0)
        return NULL;
    if (!R_STR_CHECK(args[1]))
        return r_err_format(r_exc_TypeError, "attribute name must be string, not '%s'",
                            R_TYPE(args[1])->name);
    RObject *v;
    int rc = r_lookup_attr(args[0], args[1], &v);
    if (rc < 0)
        return NULL;
    R_XDECREF(v);
    return r_bool_from_long(rc);
}

static RObject *builtin_setattr(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("setattr", kw) < 0 || r_check_nargs("setattr", nargs, 3, 3) < 0)
        return NULL;
    if (r_setattr(args[0], args[1], args[2]) < 0)
        return NULL;
    R_RETURN_NONE;
}

static RObject *builtin_iter(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    ONE_ARG("iter");
    return r_get_iter(args[0]);
}

static RObject *builtin_next(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    if (r_check_no_kwargs("next", kw) < 0 || r_check_nargs("next", nargs, 1, 2) < 0)
        return NULL;
    RObject *it = args[0];
    if (!R_TYPE(it)->iternext)
        return r_err_format(r_exc_TypeError, "'%s' object is not an iterator",
                            R_TYPE(it)->name);
    RObject *v = R_TYPE(it)->iternext(it);
    if (v)
        return v;
    if (r_err_occurred()) {
        if (nargs < 2 || !r_err_matches(r_exc_StopIteration))
            return NULL;
        r_err_clear();
    }
    if (nargs == 2)
        return r_incref(args[1]);
    r_err_set_object(r_exc_StopIteration, NULL);
    return NULL;
}

/* min() and max() (CPython's min_max) */
static RObject *min_max(RObject *const *args, size_t nargs, RObject *kw, r_cmpop op,
                        const char *fname)
{
    static const char *const names[] = {"key", "default", NULL};
    RObject *opts[2] = {NULL, NULL};
    if (r_parse_keywords(fname, kw, args + nargs, names, opts) < 0)
        return NULL;
    RObject *key = opts[0] == R_NONE ? NULL : opts[0];
    RObject *iterable;
    RObject *packed = NULL;
    if (nargs == 0)
        return r_err_format(r_exc_TypeError, "%s expected at least 1 argument, got 0", fname);
    if (nargs == 1) {
        iterable = args[0];
    } else {
        if (opts[1])
            return r_err_format(r_exc_TypeError,
                                "Cannot specify a default for %s() with multiple positional "
                                "arguments",
                                fname);
        iterable = packed = r_tuple_from_array(args, (ssize_t)nargs);
        if (!packed)
            return NULL;
    }
    RObject *it = r_get_iter(iterable);
    R_XDECREF(packed);
    if (!it)
        return NULL;
    RObject *best = NULL, *best_key = NULL, *item;
    while ((item = r_iter_next(it)) != NULL) {
        RObject *k = key ? r_call1(key, item) : r_incref(item);
        if (!k) {
            R_DECREF(item);
            goto fail;
        }
        if (!best) {
            best = item;
            best_key = k;
            continue;
        }
        int better = r_richcompare_bool(k, best_key, op);
        if (better < 0) {
            R_DECREF(item);
            R_DECREF(k);
            goto fail;
        }
        if (better) {
            R_SETREF(best, item);
            R_SETREF(best_key, k);
        } else {
            R_DECREF(item);
            R_DECREF(k);
        }
    }
    if (r_err_occurred())
        goto fail;
    R_DECREF(it);
    R_XDECREF(best_key);
    if (!best) {
        if (opts[1])
            return r_incref(opts[1]);
        return r_err_format(r_exc_ValueError, "%s() arg is an empty sequence", fname);
    }
    return best;
fail:
    R_DECREF(it);
    R_XDECREF(best);
    R_XDECREF(best_key);
    return NULL;
}

static RObject *builtin_min(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    return min_max(args, nargs, kw, R_LT, "min");
}

static RObject *builtin_max(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    return min_max(args, nargs, kw, R_GT, "max");
}

static RObject *builtin_sorted(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"key", "reverse", NULL};
    RObject *opts[2] = {NULL, NULL};
    if (r_parse_keywords("sort", kw, args + nargs, names, opts) < 0)
        return NULL;
    if (nargs != 1)
        return r_err_format(r_exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
    RObject *list = r_sequence_list(args[0]);
    if (!list)
        return NULL;
    int reverse = opts[1] ? r_is_true(opts[1]) : 0;
    if (reverse < 0 || r_list_sort(list, opts[0] == R_NONE ? NULL : opts[0], reverse) < 0) {
        R_DECREF(list);
        return NULL;
    }
    return list;
}

static RObject *builtin_sum(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"start", NULL};
    RObject *opts[1] = {NULL};
    if (r_parse_keywords("sum", kw, args + nargs, names, opts) < 0 ||
        r_check_nargs("sum", nargs, 1, 2) < 0)
        return NULL;
    RObject *start = nargs == 2 ? args[1] : opts[0];
    if (start && R_STR_CHECK(start))
        return r_err_format(r_exc_TypeError,
                            "sum() can't sum strings [use ''.join(seq) instead]");
    RObject *acc = start ? r_incref(start) : r_int_from_i64(0);
    RObject *it = r_get_iter(args[0]);
    if (!it) {
        R_DECREF(acc);
        return NULL;
    }
    RObject *item;
    while ((item = r_iter_next(it)) != NULL) {
        RObject *next = r_number_binop(acc, item, offsetof(RType, nb_add), "+");
        R_DECREF(item);
        R_DECREF(acc);
        acc = next;
        if (!acc)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred()) {
        R_XDECREF(acc);
        return NULL;
    }
    return acc;
}

static RObject *builtin_round(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    static const char *const names[] = {"ndigits", NULL};
    RObject *opts[1] = {NULL};
    if (r_parse_keywords("round", kw, args + nargs, names, opts) < 0 ||
        r_check_nargs("round", nargs, 1, 2) < 0)
        return NULL;
    RObject *nd = nargs == 2 ? args[1] : opts[0];
    bool found;
    RObject *res = r_call_special(args[0], "__round__", nd && nd != R_NONE ? &nd : NULL,
                                  nd && nd != R_NONE ? 1 : 0, &found);
    if (!found && !r_err_occurred())
        return r_err_format(r_exc_TypeError, "type %s doesn't define __round__ method",
                            R_TYPE(args[0])->name);
    return res;
}

static RObject *builtin_super_fn(RObject *self, RObject *const *args, size_t nargs,
                                 RObject *kw)
{
    (void)self;
    if (nargs == 2 || (kw && R_TUPLE_SIZE(kw)))
        return r_call((RObject *)&r_super_type, args, nargs, kw);
    if (nargs != 0)
        return r_err_format(r_exc_TypeError, "super() takes 0 or 2 arguments");
    /* zero-argument form: the running method's __class__ cell and its
     * first argument (CPython's super_init_without_args) */
    RFrame *f = r_vm_current_frame();
    if (!f || f->code->argcount == 0)
        return r_err_format(r_exc_RuntimeError, "super(): no arguments");
    RObject *first = f->localsplus[0];
    RCode *co = f->code;
    /* the first argument may have moved into a cell (CPython 3.9's super_init) */
    if (!first && co->cell2arg)
        for (int i = 0; i < co->ncells; i++)
            if (co->cell2arg[i] == 0)
                first = ((RCell *)f->localsplus[co->nlocals + i])->ref;
    if (!first)
        return r_err_format(r_exc_RuntimeError, "super(): arg[0] deleted");
    RObject *cls = NULL;
    for (int i = 0; i < co->nfrees; i++) {
        RObject *name = R_TUPLE_GET(co->localsplusnames, co->nlocals + co->ncells + i);
        if (r_str_equal_cstr(name, "__class__")) {
            cls = ((RCell *)f->localsplus[co->nlocals + co->ncells + i])->ref;
            break;
        }
    }
    if (!cls)
        return r_err_format(r_exc_RuntimeError, "super(): __class__ cell not found");
    RObject *pair[2] = {cls, first};
    return r_call((RObject *)&r_super_type, pair, 2, NULL);
}

static const r_method_def builtin_functions[] = {
    {"print", builtin_print, 0, NULL},
    {"len", builtin_len, 0, NULL},
    {"repr", builtin_repr, 0, NULL},
    {"id", builtin_id, 0, NULL},
    {"callable", builtin_callable, 0, NULL},
    {"abs", builtin_abs, 0, NULL},
    {"all", builtin_all, 0, NULL},
    {"any", builtin_any, 0, NULL},
    {"bin", builtin_bin, 0, NULL},
    {"oct", builtin_oct, 0, NULL},
    {"hex", builtin_hex, 0, NULL},
    {"chr", builtin_chr, 0, NULL},
    {"ord", builtin_ord, 0, NULL},
    {"divmod", builtin_divmod, 0, NULL},
    {"isinstance", builtin_isinstance, 0, NULL},
    {"issubclass", builtin_issubclass, 0, NULL},
    {"getattr", builtin_getattr, 0, NULL},
    {"hasattr", builtin_hasattr, 0, NULL},
    {"setattr", builtin_setattr, 0, NULL},
    {"iter", builtin_iter, 0, NULL},
    {"next", builtin_next, 0, NULL},
    {"min", builtin_min, 0, NULL},
    {"max", builtin_max, 0, NULL},
    {"sorted", builtin_sorted, 0, NULL},
    {"sum", builtin_sum, 0, NULL},
    {"round", builtin_round, 0, NULL},
    {"__build_class__", r_builtin_build_class, 0, NULL},
    {NULL, NULL, 0, NULL},
};

RObject *r_builtins_module_new(void)
{
    RObject *m = r_module_new("builtins");
    if (!m || r_module_add_functions(m, builtin_functions) < 0)
        goto fail;
    const struct {
        const char *name;
        RObject *value;
    } objects[] = {
        {"None", R_NONE},
        {"True", R_TRUE},
        {"False", R_FALSE},
        {"Ellipsis", &r_ellipsis_object},
        {"NotImplemented", R_NOTIMPLEMENTED},
        {"object", (RObject *)&r_object_type},
        {"type", (RObject *)&r_type_type},
        {"int", (RObject *)&r_int_type},
        {"bool", (RObject *)&r_bool_type},
        {"float", (RObject *)&r_float_type},
        {"str", (RObject *)&r_str_type},
        {"bytes", (RObject *)&r_bytes_type},
        {"tuple", (RObject *)&r_tuple_type},
        {"list", (RObject *)&r_list_type},
        {"dict", (RObject *)&r_dict_type},
        {"set", (RObject *)&r_set_type},
        {"frozenset", (RObject *)&r_frozenset_type},
        {"range", (RObject *)&r_range_type},
        {"slice", (RObject *)&r_slice_type},
        {"enumerate", (RObject *)&r_enumerate_type},
        {"zip", (RObject *)&r_zip_type},
        {"map", (RObject *)&r_map_type},
        {"filter", (RObject *)&r_filter_type},
        {"reversed", (RObject *)&r_reversed_type},
    };
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++)
        if (r_module_add_object(m, objects[i].name, objects[i].value) < 0)
            goto fail;
    static const r_method_def super_def = {"super", builtin_super_fn, 0, NULL};
    RObject *super_fn = r_cfunction_new(&super_def, NULL, NULL);
    if (!super_fn || r_module_add_object(m, "super", super_fn) < 0) {
        R_XDECREF(super_fn);
        goto fail;
    }
    R_DECREF(super_fn);
    size_t n;
    RType **excs = r_exception_types(&n);
    for (size_t i = 0; i < n; i++)
        if (r_module_add_object(m, excs[i]->name, (RObject *)excs[i]) < 0)
            goto fail;
    return m;
fail:
    R_XDECREF(m);
    return NULL;
}
