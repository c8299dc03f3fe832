/* See cf_pickle.h. The saving side follows Modules/_pickle.c's save():
 * atoms, then the memo (so shared and recursive references come back
 * shared), then containers by value, functions and classes through
 * save_global, and everything else through a reduction as
 * object.__reduce_ex__(4) would give it. The stream is a small stack
 * machine of the same shape as pickle's (MARK, TUPLE, REDUCE, BUILD, memo
 * PUT/GET), with opcodes of its own: no Python ever reads it but refpy. */
#include "cf_pickle.h"

#include <gmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "builtins.h"
#include "bytesobject.h"
#include "cf_future.h"
#include "cf_profile.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "floatobject.h"
#include "funcobject.h"
#include "functoolsmodule.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "rangeobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "textio.h"
#include "threadingmodule.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "vm_ops.h"

RType *r_cf_PickleError, *r_cf_PicklingError, *r_cf_UnpicklingError;

/* Python/_pickle.c: Py_EnterRecursiveCall(" while pickling an object")
 * under the default recursion limit */
#define MAX_DEPTH 1000

enum {
    OP_NONE = 'N',
    OP_TRUE = 'T',
    OP_FALSE = 'F',
    OP_INT = 'I',       /* 8 bytes, little-endian two's complement */
    OP_BIGINT = 'L',    /* sign byte, u64 length, magnitude big-endian */
    OP_FLOAT = 'D',     /* the 8 bytes of the double */
    OP_STR = 'S',       /* u64 length, UTF-8 */
    OP_BYTES = 'B',     /* u64 length, data */
    OP_MARK = '(',
    OP_EMPTY_TUPLE = ')',
    OP_TUPLE = 't',     /* the items since the mark */
    OP_EMPTY_LIST = ']',
    OP_APPENDS = 'e',
    OP_EMPTY_DICT = '}',
    OP_SETITEMS = 'u',
    OP_EMPTY_SET = '{',
    OP_ADDITEMS = 's',
    OP_FROZENSET = 'f',
    OP_GLOBAL = 'G',    /* two inline strings: module, qualified name */
    OP_REDUCE = 'R',    /* callable, args -> callable(*args) */
    OP_REDUCE_KW = 'K', /* callable, args, kwargs -> callable(*args, **kwargs) */
    OP_NEWOBJ = 'O',    /* cls, args -> cls.__new__(cls, *args) */
    OP_BUILD = 'b',     /* obj, state -> obj with its state set */
    OP_PUT = 'p',       /* memo[len(memo)] = top */
    OP_GET = 'g',       /* u64 index */
    OP_POP = '0',
    OP_POP_MARK = '1',
    OP_STOP = '.',
};

/* ---- the error classes and the _pickle module ---- */


int r_cf_pickle_init(void)
{
    if (r_cf_PicklingError)
        return 0;
    r_cf_PickleError = r_type_new_simple("PickleError", r_exc_Exception, "_pickle");
    r_cf_PicklingError =
        r_cf_PickleError ? r_type_new_simple("PicklingError", r_cf_PickleError, "_pickle") : NULL;
    r_cf_UnpicklingError =
        r_cf_PickleError ? r_type_new_simple("UnpicklingError", r_cf_PickleError, "_pickle") : NULL;
    if (!r_cf_UnpicklingError)
        return -1;
    RObject *sys = r_builtins_sys_module();
    RObject *modules = sys ? r_dict_get_item_cstr(r_module_dict(sys), "modules") : NULL;
    RObject *m = r_module_new("_pickle");
    int rc = -1;
    if (m && r_module_add_object(m, "PickleError", (RObject *)r_cf_PickleError) == 0 &&
        r_module_add_object(m, "PicklingError", (RObject *)r_cf_PicklingError) == 0 &&
        r_module_add_object(m, "UnpicklingError", (RObject *)r_cf_UnpicklingError) == 0)
        rc = modules ? r_dict_set_item_cstr(modules, "_pickle", m) : 0;
    R_XDECREF(m);
    return rc;
}

/* ---- the output ---- */

typedef struct {
    char *data;
    size_t len, cap;
    bool failed;
} out_buf;

static void put_raw(out_buf *b, const void *p, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_op(out_buf *b, int op)
{
    char c = (char)op;
    put_raw(b, &c, 1);
}

static void put_u64(out_buf *b, uint64_t v)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(v >> (8 * i));
    put_raw(b, le, 8);
}

static void put_text(out_buf *b, const char *s, size_t n)
{
    put_u64(b, n);
    put_raw(b, s, n);
}

/* ---- the pickler's memo: object -> index, holding a reference ---- */

typedef struct {
    RObject **keys;
    size_t *values;
    size_t cap, used;
} memo_table;

static size_t slot_of(const memo_table *m, RObject *o)
{
    size_t h = ((uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull;
    size_t i = h & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != o)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool memo_get(const memo_table *m, RObject *o, size_t *index)
{
    if (!m->cap)
        return false;
    size_t i = slot_of(m, o);
    if (!m->keys[i])
        return false;
    *index = m->values[i];
    return true;
}

static int memo_put(memo_table *m, RObject *o)
{
    if ((m->used + 1) * 2 > m->cap) {
        memo_table bigger = {NULL, NULL, m->cap ? m->cap * 2 : 64, m->used};
        bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
        bigger.values = calloc(bigger.cap, sizeof *bigger.values);
        if (!bigger.keys || !bigger.values) {
            free(bigger.keys);
            free(bigger.values);
            r_err_no_memory();
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = slot_of(&bigger, m->keys[i]);
                bigger.keys[j] = m->keys[i];
                bigger.values[j] = m->values[i];
            }
        free(m->keys);
        free(m->values);
        *m = bigger;
    }
    size_t i = slot_of(m, o);
    m->keys[i] = r_incref(o);
    m->values[i] = m->used++;
    return 0;
}

static void memo_free(memo_table *m)
{
    for (size_t i = 0; i < m->cap; i++)
        R_XDECREF(m->keys[i]);
    free(m->keys);
    free(m->values);
}

typedef struct {
    out_buf out;
    memo_table memo;
    int depth;
} Pickler;

static int save(Pickler *p, RObject *obj);

static int memoize(Pickler *p, RObject *obj)
{
    if (memo_put(&p->memo, obj) < 0)
        return -1;
    put_op(&p->out, OP_PUT);
    return 0;
}

static void put_get(Pickler *p, size_t index)
{
    put_op(&p->out, OP_GET);
    put_u64(&p->out, index);
}

/* ---- atoms ---- */

static int save_int(Pickler *p, RObject *obj)
{
    int64_t v;
    if (r_int_fits_i64(obj, &v)) {
        put_op(&p->out, OP_INT);
        put_u64(&p->out, (uint64_t)v);
        return 0;
    }
    mpz_t z;
    mpz_init(z);
    r_int_get_mpz(obj, z);
    size_t count = 0;
    void *mag = mpz_export(NULL, &count, 1, 1, 1, 0, z);
    put_op(&p->out, OP_BIGINT);
    char sign = mpz_sgn(z) < 0 ? '-' : '+';
    put_raw(&p->out, &sign, 1);
    put_text(&p->out, mag, count);
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_fn);
    free_fn(mag, count);
    mpz_clear(z);
    return 0;
}

/* ---- save_global: a function or class by module and qualified name ---- */

/* getattr(obj, '__module__', None), for a builtin function its module */
static RObject *module_name_of(RObject *obj)
{
    if (R_TYPE(obj) == &r_cfunction_type) {
        RObject *m = ((RCFunction *)obj)->module;
        return r_incref(m ? m : r_str_intern("builtins"));
    }
    RObject *m = NULL;
    if (r_lookup_attr(obj, r_str_intern("__module__"), &m) < 0)
        return NULL;
    if (!m || m == R_NONE) {
        /* whichmodule() falls back to __main__ */
        R_XDECREF(m);
        return r_incref(r_str_intern("__main__"));
    }
    return m;
}

static RObject *modules_dict(void)
{
    RObject *sys = r_builtins_sys_module();
    return sys ? r_dict_get_item_cstr(r_module_dict(sys), "modules") : NULL;
}

/* __import__(name) then sys.modules[name] */
static RObject *import_module(RObject *name)
{
    RObject *modules = modules_dict();
    RObject *m = modules ? r_dict_get_item(modules, name) : NULL;
    if (m)
        return r_incref(m);
    if (r_err_occurred())
        return NULL;
    /* __import__ gives the top package: the module is in sys.modules */
    RObject *top = r_import_module(r_str_utf8(name));
    if (!top)
        return NULL;
    R_DECREF(top);
    m = r_dict_get_item(modules, name);
    if (!m)
        return r_err_format(r_exc_KeyError, "%R", name);
    return r_incref(m);
}

/* whether a dotted path names something local to a function */
static bool is_local_path(RObject *dotted)
{
    const char *s = r_str_utf8(dotted);
    for (const char *part = s; part;) {
        const char *dot = strchr(part, '.');
        size_t n = dot ? (size_t)(dot - part) : strlen(part);
        if (n == 8 && strncmp(part, "<locals>", 8) == 0)
            return true;
        part = dot ? dot + 1 : NULL;
    }
    return false;
}

/* getattr along a dotted path; NULL with AttributeError when a step fails */
static RObject *get_dotted(RObject *root, RObject *dotted)
{
    RObject *cur = r_incref(root);
    const char *s = r_str_utf8(dotted);
    for (const char *part = s; part && cur;) {
        const char *dot = strchr(part, '.');
        RObject *name = r_str_from_utf8(part, dot ? (size_t)(dot - part) : strlen(part));
        RObject *next = name ? r_getattr(cur, name) : NULL;
        R_XDECREF(name);
        R_DECREF(cur);
        cur = next;
        part = dot ? dot + 1 : NULL;
    }
    return cur;
}

static int save_global(Pickler *p, RObject *obj, RObject *name)
{
    RObject *qualname = name ? r_incref(name) : NULL;
    if (!qualname && R_TYPE(obj) != &r_cfunction_type &&
        r_lookup_attr(obj, r_str_intern("__qualname__"), &qualname) < 0)
        return -1;
    if (!qualname && !(qualname = r_getattr_cstr(obj, "__name__")))
        return -1;
    if (!R_STR_CHECK(qualname)) {
        R_DECREF(qualname);
        r_err_format(r_cf_PicklingError, "Can't pickle %R: it's not found", obj);
        return -1;
    }
    int rc = -1;
    RObject *module_name = NULL, *module = NULL, *found = NULL;
    if (is_local_path(qualname)) {
        /* version: Modules/_pickle.c names a local object "Can't get local
         * object" from 3.13 (its lookup was shared with loading) */
        r_err_format(r_exc_AttributeError,
                     cf_pickle_says_cant_get_local() ? "Can't get local object %R"
                                           : "Can't pickle local object %R",
                     qualname);
        goto out;
    }
    if (!(module_name = module_name_of(obj)))
        goto out;
    if (!(module = import_module(module_name))) {
        r_err_clear();
        r_err_format(r_cf_PicklingError, "Can't pickle %R: import of module %R failed", obj,
                     module_name);
        goto out;
    }
    if (!(found = get_dotted(module, qualname))) {
        if (!r_err_matches(r_exc_AttributeError))
            goto out;
        r_err_clear();
        r_err_format(r_cf_PicklingError, "Can't pickle %R: attribute lookup %S on %S failed", obj,
                     qualname, module_name);
        goto out;
    }
    if (found != obj) {
        r_err_format(r_cf_PicklingError, "Can't pickle %R: it's not the same object as %S.%S",
                     obj, module_name, qualname);
        goto out;
    }
    put_op(&p->out, OP_GLOBAL);
    put_text(&p->out, r_str_utf8(module_name), (size_t)r_str_size(module_name));
    put_text(&p->out, r_str_utf8(qualname), (size_t)r_str_size(qualname));
    rc = memoize(p, obj);
out:
    R_XDECREF(found);
    R_XDECREF(module);
    R_XDECREF(module_name);
    R_DECREF(qualname);
    return rc;
}

/* ---- containers ---- */

/* save_tuple: the items after a mark; a tuple reached again through its
 * own items (by way of a mutable container) is taken from the memo */
static int save_tuple(Pickler *p, RObject *obj)
{
    ssize_t n = R_TUPLE_SIZE(obj);
    if (n == 0) {
        put_op(&p->out, OP_EMPTY_TUPLE);
        return 0;
    }
    put_op(&p->out, OP_MARK);
    for (ssize_t i = 0; i < n; i++)
        if (save(p, R_TUPLE_GET(obj, i)) < 0)
            return -1;
    size_t index;
    if (memo_get(&p->memo, obj, &index)) {
        put_op(&p->out, OP_POP_MARK);
        put_get(p, index);
        return 0;
    }
    put_op(&p->out, OP_TUPLE);
    return memoize(p, obj);
}

static int save_list(Pickler *p, RObject *obj)
{
    put_op(&p->out, OP_EMPTY_LIST);
    if (memoize(p, obj) < 0)
        return -1;
    put_op(&p->out, OP_MARK);
    /* the live list: items appended while saving are saved too */
    for (ssize_t i = 0; i < R_LIST_SIZE(obj); i++) {
        RObject *item = r_incref(R_LIST_ITEMS(obj)[i]);
        int rc = save(p, item);
        R_DECREF(item);
        if (rc < 0)
            return -1;
    }
    put_op(&p->out, OP_APPENDS);
    return 0;
}

static int save_dict_items(Pickler *p, RObject *obj)
{
    ssize_t size = r_dict_size(obj), pos = 0;
    RObject *key, *value;
    put_op(&p->out, OP_MARK);
    while (r_dict_next(obj, &pos, &key, &value)) {
        R_INCREF(key);
        R_INCREF(value);
        int rc = save(p, key);
        if (rc == 0)
            rc = save(p, value);
        R_DECREF(key);
        R_DECREF(value);
        if (rc < 0)
            return -1;
        if (r_dict_size(obj) != size) {
            r_err_set_string(r_exc_RuntimeError, "dictionary changed size during iteration");
            return -1;
        }
    }
    put_op(&p->out, OP_SETITEMS);
    return 0;
}

static int save_dict(Pickler *p, RObject *obj)
{
    put_op(&p->out, OP_EMPTY_DICT);
    if (memoize(p, obj) < 0)
        return -1;
    return save_dict_items(p, obj);
}

static int save_set_items(Pickler *p, RObject *obj)
{
    ssize_t size = r_set_size(obj), pos = 0;
    RObject *key;
    int64_t hash;
    put_op(&p->out, OP_MARK);
    while (r_set_next_entry(obj, &pos, &key, &hash)) {
        R_INCREF(key);
        int rc = save(p, key);
        R_DECREF(key);
        if (rc < 0)
            return -1;
        if (r_set_size(obj) != size) {
            r_err_set_string(r_exc_RuntimeError, "set changed size during iteration");
            return -1;
        }
    }
    return 0;
}

static int save_set(Pickler *p, RObject *obj)
{
    put_op(&p->out, OP_EMPTY_SET);
    if (memoize(p, obj) < 0 || save_set_items(p, obj) < 0)
        return -1;
    put_op(&p->out, OP_ADDITEMS);
    return 0;
}

static int save_frozenset(Pickler *p, RObject *obj)
{
    if (save_set_items(p, obj) < 0)
        return -1;
    size_t index;
    if (memo_get(&p->memo, obj, &index)) {
        put_op(&p->out, OP_POP_MARK);
        put_get(p, index);
        return 0;
    }
    put_op(&p->out, OP_FROZENSET);
    return memoize(p, obj);
}

/* ---- reductions ---- */

/* save_reduce(func, args, state, listitems, dictitems, obj=obj) */
static int save_reduce(Pickler *p, RObject *func, RObject *args, RObject *state,
                       RObject *listitems, RObject *dictitems, RObject *obj)
{
    if (save(p, func) < 0 || save(p, args) < 0)
        return -1;
    size_t index;
    if (obj && memo_get(&p->memo, obj, &index)) {
        /* reached again through its own arguments */
        put_op(&p->out, OP_POP);
        put_op(&p->out, OP_POP);
        put_get(p, index);
        return 0;
    }
    put_op(&p->out, OP_REDUCE);
    if (obj && memoize(p, obj) < 0)
        return -1;
    RObject *items[2] = {listitems, dictitems};
    for (int k = 0; k < 2; k++) {
        if (!items[k] || items[k] == R_NONE)
            continue;
        RObject *it = r_get_iter(items[k]);
        if (!it)
            return -1;
        put_op(&p->out, OP_MARK);
        RObject *v;
        int rc = 0;
        while (rc == 0 && (v = r_iter_next(it))) {
            if (k == 1 && (!R_TUPLE_CHECK(v) || R_TUPLE_SIZE(v) != 2)) {
                r_err_set_string(r_cf_PicklingError,
                                 "fifth element of the tuple returned by __reduce__ must be an "
                                 "iterator, not tuple");
                rc = -1;
            } else if (k == 1) {
                rc = save(p, R_TUPLE_GET(v, 0)) < 0 || save(p, R_TUPLE_GET(v, 1)) < 0 ? -1 : 0;
            } else {
                rc = save(p, v);
            }
            R_DECREF(v);
        }
        R_DECREF(it);
        if (rc < 0 || r_err_occurred())
            return -1;
        put_op(&p->out, k == 0 ? OP_APPENDS : OP_SETITEMS);
    }
    if (state && state != R_NONE) {
        if (save(p, state) < 0)
            return -1;
        put_op(&p->out, OP_BUILD);
    }
    return 0;
}

/* the value a __reduce__ returned: a name (save_global) or a tuple of 2
 * to 6 items, with _pickle.c's checks and messages */
static int save_reduce_value(Pickler *p, RObject *obj, RObject *rv)
{
    if (R_STR_CHECK(rv))
        return save_global(p, obj, rv);
    if (!R_TUPLE_CHECK(rv)) {
        r_err_set_string(r_cf_PicklingError, "__reduce__ must return a string or tuple");
        return -1;
    }
    ssize_t n = R_TUPLE_SIZE(rv);
    if (n < 2 || n > 6) {
        r_err_set_string(r_cf_PicklingError,
                         "tuple returned by __reduce__ must contain 2 through 6 elements");
        return -1;
    }
    RObject *func = R_TUPLE_GET(rv, 0), *args = R_TUPLE_GET(rv, 1);
    if (!R_TYPE(func)->call) {
        r_err_set_string(r_cf_PicklingError,
                         "first item of the tuple returned by __reduce__ must be callable");
        return -1;
    }
    if (!R_TUPLE_CHECK(args)) {
        r_err_set_string(r_cf_PicklingError,
                         "second item of the tuple returned by __reduce__ must be a tuple");
        return -1;
    }
    return save_reduce(p, func, args, n > 2 ? R_TUPLE_GET(rv, 2) : NULL,
                       n > 3 ? R_TUPLE_GET(rv, 3) : NULL, n > 4 ? R_TUPLE_GET(rv, 4) : NULL,
                       obj);
}

/* BaseException.__reduce__: (type(self), self.args[, self.__dict__]) */
static int save_exception(Pickler *p, RObject *obj)
{
    RBaseException *e = (RBaseException *)obj;
    RObject *state = e->dict && r_dict_size(e->dict) > 0 ? e->dict : NULL;
    return save_reduce(p, (RObject *)R_TYPE(obj), e->args, state, NULL, NULL, obj);
}

/* functools.partial.__reduce__, with the keywords passed as keywords */
static int save_partial(Pickler *p, RObject *obj)
{
    RObject *func = r_getattr_cstr(obj, "func");
    RObject *args = func ? r_getattr_cstr(obj, "args") : NULL;
    RObject *keywords = args ? r_getattr_cstr(obj, "keywords") : NULL;
    RObject *call_args = NULL;
    int rc = -1;
    if (!keywords)
        goto out;
    call_args = r_tuple_new(R_TUPLE_SIZE(args) + 1);
    if (!call_args)
        goto out;
    R_TUPLE_ITEMS(call_args)[0] = r_incref(func);
    for (ssize_t i = 0; i < R_TUPLE_SIZE(args); i++)
        R_TUPLE_ITEMS(call_args)[i + 1] = r_incref(R_TUPLE_GET(args, i));
    if (save(p, (RObject *)R_TYPE(obj)) < 0 || save(p, call_args) < 0 || save(p, keywords) < 0)
        goto out;
    put_op(&p->out, OP_REDUCE_KW);
    rc = memoize(p, obj);
out:
    R_XDECREF(call_args);
    R_XDECREF(keywords);
    R_XDECREF(args);
    R_XDECREF(func);
    return rc;
}

/* method.__reduce__ and a builtin's bound method: (getattr, (self, name)) */
static int save_bound_method(Pickler *p, RObject *obj, RObject *self, RObject *name)
{
    RObject *getattr_fn = NULL;
    RObject *modules = modules_dict();
    RObject *builtins = modules ? r_dict_get_item_cstr(modules, "builtins") : NULL;
    if (builtins)
        getattr_fn = r_getattr_cstr(builtins, "getattr");
    RObject *args = getattr_fn ? r_tuple_pack(2, self, name) : NULL;
    int rc = args ? save_reduce(p, getattr_fn, args, NULL, NULL, NULL, obj) : -1;
    R_XDECREF(args);
    R_XDECREF(getattr_fn);
    return rc;
}

/* range and slice: (type, (start, stop, step)) */
static int save_three_fields(Pickler *p, RObject *obj)
{
    RObject *f[3] = {r_getattr_cstr(obj, "start"), NULL, NULL};
    f[1] = f[0] ? r_getattr_cstr(obj, "stop") : NULL;
    f[2] = f[1] ? r_getattr_cstr(obj, "step") : NULL;
    RObject *args = f[2] ? r_tuple_pack(3, f[0], f[1], f[2]) : NULL;
    int rc = args ? save_reduce(p, (RObject *)R_TYPE(obj), args, NULL, NULL, NULL, obj) : -1;
    R_XDECREF(args);
    for (int i = 0; i < 3; i++)
        R_XDECREF(f[i]);
    return rc;
}

/* The message object.__reduce_ex__ gives for an object it cannot reduce:
 * the runtime's C types that are Python classes in CPython name the first
 * thing in their state that pickle refuses, as CPython's do. */
static void cannot_pickle(RObject *obj)
{
    RType *t = R_TYPE(obj);
    const char *name = t->name;
    if (r_typecheck(obj, &r_thread_type))
        /* version: 3.13's Thread keeps a _thread._ThreadHandle first */
        name = cf_thread_holds_thread_handle() ? "_thread._ThreadHandle" : "_thread.lock";
    else if (r_typecheck(obj, &r_event_type))
        name = "_thread.lock";
    else if (r_typecheck(obj, &r_condition_type) || r_typecheck(obj, &r_cf_future_type))
        name = "_thread.RLock";
    else if (r_typecheck(obj, &r_textio_type) && cf_textio_refuses_itself()) {
        /* version: from 3.12 _io's __reduce_ex__ refuses with its own
         * message (gh-100204) */
        r_err_set_string(r_exc_TypeError, "cannot pickle 'TextIOWrapper' instances");
        return;
    }
    r_err_format(r_exc_TypeError, "cannot pickle '%s' object", name);
}

/* object.__reduce_ex__(4) for an instance of a class statement's class:
 * copyreg.__newobj__(cls) and its __dict__ (or __getstate__()) as state */
static int save_instance(Pickler *p, RObject *obj)
{
    RType *t = R_TYPE(obj);
    RType *base = t;
    while (base->flags & R_TPFLAGS_HEAPTYPE)
        base = base->base;
    if (base != &r_object_type) {
        cannot_pickle(obj);
        return -1;
    }
    RObject *state = NULL;
    RObject *getstate = r_type_lookup(t, r_str_intern("__getstate__"));
    if (getstate) {
        state = r_call_method(obj, "__getstate__", NULL, 0);
        if (!state)
            return -1;
    } else {
        RObject *dict = r_instance_dict(obj);
        state = r_incref(dict ? dict : R_NONE);
    }
    if (save(p, (RObject *)t) < 0) {
        R_DECREF(state);
        return -1;
    }
    put_op(&p->out, OP_EMPTY_TUPLE);
    put_op(&p->out, OP_NEWOBJ);
    int rc = memoize(p, obj);
    if (rc == 0 && state != R_NONE) {
        rc = save(p, state);
        put_op(&p->out, OP_BUILD);
    }
    R_DECREF(state);
    return rc;
}

static bool is_module_function(RObject *obj)
{
    RCFunction *f = (RCFunction *)obj;
    return f->module || !f->self || R_MODULE_CHECK(f->self);
}

static int save_other(Pickler *p, RObject *obj)
{
    RType *t = R_TYPE(obj);
    /* a __reduce__ the class defines takes precedence, as
     * object.__reduce_ex__ calls an overriding __reduce__ */
    if (r_type_lookup(t, r_str_intern("__reduce__"))) {
        RObject *rv = r_call_method(obj, "__reduce__", NULL, 0);
        if (!rv)
            return -1;
        int rc = save_reduce_value(p, obj, rv);
        R_DECREF(rv);
        return rc;
    }
    if (R_EXC_CHECK(obj))
        return save_exception(p, obj);
    if (t == &r_partial_type)
        return save_partial(p, obj);
    if (t == &r_method_type) {
        RObject *name = r_getattr_cstr(((RMethod *)obj)->func, "__name__");
        int rc = name ? save_bound_method(p, obj, ((RMethod *)obj)->self, name) : -1;
        R_XDECREF(name);
        return rc;
    }
    if (t == &r_cfunction_type) {
        RObject *name = r_str_from_cstr(((RCFunction *)obj)->def->name);
        int rc = name ? save_bound_method(p, obj, ((RCFunction *)obj)->self, name) : -1;
        R_XDECREF(name);
        return rc;
    }
    if (t == &r_range_type || t == &r_slice_type)
        return save_three_fields(p, obj);
    if (obj == R_NOTIMPLEMENTED || obj == &r_ellipsis_object) {
        RObject *name = r_str_from_cstr(obj == R_NOTIMPLEMENTED ? "NotImplemented" : "Ellipsis");
        RObject *module = r_str_intern("builtins");
        if (!name)
            return -1;
        put_op(&p->out, OP_GLOBAL);
        put_text(&p->out, r_str_utf8(module), (size_t)r_str_size(module));
        put_text(&p->out, r_str_utf8(name), (size_t)r_str_size(name));
        R_DECREF(name);
        return 0;
    }
    if (t->flags & R_TPFLAGS_HEAPTYPE)
        return save_instance(p, obj);
    cannot_pickle(obj);
    return -1;
}

static int save(Pickler *p, RObject *obj)
{
    if (p->depth >= MAX_DEPTH) {
        r_err_set_string(r_exc_RecursionError,
                         "maximum recursion depth exceeded while pickling an object");
        return -1;
    }
    RType *t = R_TYPE(obj);
    if (obj == R_NONE) {
        put_op(&p->out, OP_NONE);
        return 0;
    }
    if (t == &r_bool_type) {
        put_op(&p->out, obj == R_TRUE ? OP_TRUE : OP_FALSE);
        return 0;
    }
    if (t == &r_int_type)
        return save_int(p, obj);
    if (t == &r_float_type) {
        double d = R_FLOAT_VALUE(obj);
        put_op(&p->out, OP_FLOAT);
        put_raw(&p->out, &d, sizeof d);
        return 0;
    }
    size_t index;
    if (memo_get(&p->memo, obj, &index)) {
        put_get(p, index);
        return 0;
    }
    if (t == &r_str_type || t == &r_bytes_type) {
        bool is_str = t == &r_str_type;
        put_op(&p->out, is_str ? OP_STR : OP_BYTES);
        if (is_str)
            put_text(&p->out, r_str_utf8(obj), (size_t)r_str_size(obj));
        else
            put_text(&p->out, R_BYTES_DATA(obj), (size_t)R_BYTES_SIZE(obj));
        return memoize(p, obj);
    }
    p->depth++;
    int rc;
    if (t == &r_tuple_type)
        rc = save_tuple(p, obj);
    else if (t == &r_list_type)
        rc = save_list(p, obj);
    else if (t == &r_dict_type)
        rc = save_dict(p, obj);
    else if (t == &r_set_type)
        rc = save_set(p, obj);
    else if (t == &r_frozenset_type)
        rc = save_frozenset(p, obj);
    else if (t == &r_function_type || (t->flags & R_TPFLAGS_TYPE_SUBCLASS) ||
             (t == &r_cfunction_type && is_module_function(obj)))
        rc = save_global(p, obj, NULL);
    else
        rc = save_other(p, obj);
    p->depth--;
    return rc;
}

RObject *r_cf_pickle_dumps(RObject *obj)
{
    if (r_cf_pickle_init() < 0)
        return NULL;
    Pickler p = {{NULL, 0, 0, false}, {NULL, NULL, 0, 0}, 0};
    int rc = save(&p, obj);
    put_op(&p.out, OP_STOP);
    RObject *res = NULL;
    if (rc == 0)
        res = p.out.failed ? r_err_no_memory() : r_bytes_from_data(p.out.data, p.out.len);
    free(p.out.data);
    memo_free(&p.memo);
    return res;
}

/* ---- loading ---- */

typedef struct {
    const unsigned char *data;
    size_t size, pos;
    RObject **stack;
    size_t depth, cap;
    size_t *marks;
    size_t nmarks, marks_cap;
    RObject *memo; /* list */
} Unpickler;

static RObject *corrupt(void)
{
    return r_err_format(r_cf_UnpicklingError, "pickle data was truncated");
}

static int push(Unpickler *u, RObject *o) /* steals o */
{
    if (!o)
        return -1;
    if (u->depth == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        RObject **grown = realloc(u->stack, cap * sizeof *grown);
        if (!grown) {
            R_DECREF(o);
            r_err_no_memory();
            return -1;
        }
        u->stack = grown;
        u->cap = cap;
    }
    u->stack[u->depth++] = o;
    return 0;
}

static RObject *pop(Unpickler *u) /* a new reference */
{
    if (u->depth == 0 || (u->nmarks && u->depth == u->marks[u->nmarks - 1])) {
        corrupt();
        return NULL;
    }
    return u->stack[--u->depth];
}

static int push_mark(Unpickler *u)
{
    if (u->nmarks == u->marks_cap) {
        size_t cap = u->marks_cap ? u->marks_cap * 2 : 16;
        size_t *grown = realloc(u->marks, cap * sizeof *grown);
        if (!grown) {
            r_err_no_memory();
            return -1;
        }
        u->marks = grown;
        u->marks_cap = cap;
    }
    u->marks[u->nmarks++] = u->depth;
    return 0;
}

/* the position of the last mark, removed */
static bool pop_mark(Unpickler *u, size_t *at)
{
    if (!u->nmarks) {
        r_err_set_string(r_cf_UnpicklingError, "could not find MARK");
        return false;
    }
    *at = u->marks[--u->nmarks];
    return true;
}

static void drop_to(Unpickler *u, size_t at)
{
    while (u->depth > at)
        R_DECREF(u->stack[--u->depth]);
}

static bool read_raw(Unpickler *u, void *out, size_t n)
{
    if (u->size - u->pos < n) {
        corrupt();
        return false;
    }
    memcpy(out, u->data + u->pos, n);
    u->pos += n;
    return true;
}

static bool read_u64(Unpickler *u, uint64_t *v)
{
    unsigned char le[8];
    if (!read_raw(u, le, 8))
        return false;
    *v = 0;
    for (int i = 7; i >= 0; i--)
        *v = (*v << 8) | le[i];
    return true;
}

/* an inline length-prefixed text; *s points into the data */
static bool read_text(Unpickler *u, const char **s, size_t *n)
{
    uint64_t len;
    if (!read_u64(u, &len))
        return false;
    if (u->size - u->pos < len) {
        corrupt();
        return false;
    }
    *s = (const char *)u->data + u->pos;
    *n = (size_t)len;
    u->pos += (size_t)len;
    return true;
}

static RObject *load_bigint(Unpickler *u)
{
    char sign;
    const char *mag;
    size_t n;
    if (!read_raw(u, &sign, 1) || !read_text(u, &mag, &n))
        return NULL;
    mpz_t z;
    mpz_init(z);
    mpz_import(z, n, 1, 1, 1, 0, mag);
    if (sign == '-')
        mpz_neg(z, z);
    RObject *res = r_int_from_mpz(z);
    mpz_clear(z);
    return res;
}

/* find_class(module, name): sys.modules[module] (imported if need be),
 * then the dotted path, with _pickle.c's messages */
static RObject *load_global(Unpickler *u)
{
    const char *m, *q;
    size_t mn, qn;
    if (!read_text(u, &m, &mn) || !read_text(u, &q, &qn))
        return NULL;
    RObject *module_name = r_str_from_utf8(m, mn);
    RObject *qualname = module_name ? r_str_from_utf8(q, qn) : NULL;
    RObject *module = qualname ? import_module(module_name) : NULL;
    RObject *res = NULL;
    if (module) {
        if (is_local_path(qualname)) {
            r_err_format(r_exc_AttributeError, "Can't get local attribute %R on %R", qualname,
                         module);
        } else if (!(res = get_dotted(module, qualname)) && r_err_matches(r_exc_AttributeError)) {
            r_err_clear();
            r_err_format(r_exc_AttributeError, "Can't get attribute %R on %R", qualname, module);
        }
    }
    R_XDECREF(module);
    R_XDECREF(qualname);
    R_XDECREF(module_name);
    return res;
}

static int load_build(Unpickler *u)
{
    RObject *state = pop(u);
    if (!state)
        return -1;
    RObject *inst = u->depth ? u->stack[u->depth - 1] : NULL;
    int rc = -1;
    if (!inst) {
        corrupt();
    } else if (r_type_lookup(R_TYPE(inst), r_str_intern("__setstate__"))) {
        RObject *r = r_call_method(inst, "__setstate__", &state, 1);
        rc = r ? 0 : -1;
        R_XDECREF(r);
    } else if (R_DICT_CHECK(state)) {
        /* BaseException.__setstate__ sets attributes; a plain instance
         * has its __dict__ updated */
        ssize_t pos = 0;
        RObject *k, *v;
        RObject *dict = R_EXC_CHECK(inst) ? NULL : r_instance_dict(inst);
        rc = 0;
        while (rc == 0 && r_dict_next(state, &pos, &k, &v))
            rc = dict ? r_dict_set_item(dict, k, v) : r_setattr(inst, k, v);
    } else {
        r_err_set_string(r_cf_UnpicklingError, "state is not a dictionary");
    }
    R_DECREF(state);
    return rc;
}

/* the items since the last mark, as a new tuple */
static RObject *items_since_mark(Unpickler *u)
{
    size_t at;
    if (!pop_mark(u, &at))
        return NULL;
    RObject *t = r_tuple_from_array(u->stack + at, (ssize_t)(u->depth - at));
    drop_to(u, at);
    return t;
}

static int add_items(Unpickler *u, int op)
{
    RObject *items = items_since_mark(u);
    if (!items)
        return -1;
    RObject *target = u->depth ? u->stack[u->depth - 1] : NULL;
    int rc = target ? 0 : -1;
    if (!target)
        corrupt();
    ssize_t n = R_TUPLE_SIZE(items);
    for (ssize_t i = 0; rc == 0 && i < n; i++) {
        RObject *it = R_TUPLE_GET(items, i);
        if (op == OP_APPENDS)
            rc = r_list_append(target, it);
        else if (op == OP_ADDITEMS)
            rc = r_set_add(target, it);
        else if (i + 1 < n)
            rc = r_dict_set_item(target, it, R_TUPLE_GET(items, ++i));
    }
    R_DECREF(items);
    return rc;
}

static RObject *call_with_kwargs(RObject *callable, RObject *args, RObject *kwargs)
{
    if (!R_TUPLE_CHECK(args) || !R_DICT_CHECK(kwargs))
        return corrupt();
    return r_vm_call_ex(callable, args, kwargs);
}

static int load_one(Unpickler *u, int op)
{
    switch (op) {
    case OP_NONE:
        return push(u, r_incref(R_NONE));
    case OP_TRUE:
        return push(u, r_incref(R_TRUE));
    case OP_FALSE:
        return push(u, r_incref(R_FALSE));
    case OP_INT: {
        uint64_t v;
        return read_u64(u, &v) ? push(u, r_int_from_i64((int64_t)v)) : -1;
    }
    case OP_BIGINT:
        return push(u, load_bigint(u));
    case OP_FLOAT: {
        double d;
        return read_raw(u, &d, sizeof d) ? push(u, r_float_from_double(d)) : -1;
    }
    case OP_STR:
    case OP_BYTES: {
        const char *s;
        size_t n;
        if (!read_text(u, &s, &n))
            return -1;
        return push(u, op == OP_STR ? r_str_from_utf8(s, n) : r_bytes_from_data(s, n));
    }
    case OP_MARK:
        return push_mark(u);
    case OP_EMPTY_TUPLE:
        return push(u, r_tuple_empty());
    case OP_TUPLE:
        return push(u, items_since_mark(u));
    case OP_EMPTY_LIST:
        return push(u, r_list_new(0));
    case OP_EMPTY_DICT:
        return push(u, r_dict_new());
    case OP_EMPTY_SET:
        return push(u, r_set_new(NULL));
    case OP_APPENDS:
    case OP_SETITEMS:
    case OP_ADDITEMS:
        return add_items(u, op);
    case OP_FROZENSET: {
        RObject *items = items_since_mark(u);
        RObject *fs = items ? r_frozenset_new(items) : NULL;
        R_XDECREF(items);
        return push(u, fs);
    }
    case OP_GLOBAL:
        return push(u, load_global(u));
    case OP_REDUCE:
    case OP_NEWOBJ:
    case OP_REDUCE_KW: {
        RObject *kwargs = op == OP_REDUCE_KW ? pop(u) : NULL;
        RObject *args = op != OP_REDUCE_KW || kwargs ? pop(u) : NULL;
        RObject *callable = args ? pop(u) : NULL;
        RObject *res = NULL;
        if (!callable || !R_TUPLE_CHECK(args))
            res = callable ? corrupt() : NULL;
        else if (op == OP_REDUCE_KW)
            res = call_with_kwargs(callable, args, kwargs);
        else if (op == OP_REDUCE)
            res = r_call(callable, R_TUPLE_ITEMS(args), (size_t)R_TUPLE_SIZE(args), NULL);
        else if (!r_typecheck(callable, &r_type_type) || !((RType *)callable)->tp_new)
            res = r_err_format(r_cf_UnpicklingError, "NEWOBJ class argument isn't a type object");
        else
            res = ((RType *)callable)->tp_new((RType *)callable, R_TUPLE_ITEMS(args),
                                               (size_t)R_TUPLE_SIZE(args), NULL);
        R_XDECREF(kwargs);
        R_XDECREF(args);
        R_XDECREF(callable);
        return push(u, res);
    }
    case OP_BUILD:
        return load_build(u);
    case OP_PUT:
        if (!u->depth) {
            corrupt();
            return -1;
        }
        return r_list_append(u->memo, u->stack[u->depth - 1]);
    case OP_GET: {
        uint64_t i;
        if (!read_u64(u, &i))
            return -1;
        if (i >= (uint64_t)R_LIST_SIZE(u->memo)) {
            r_err_format(r_cf_UnpicklingError, "Memo value not found at index %llu",
                         (unsigned long long)i);
            return -1;
        }
        return push(u, r_incref(R_LIST_ITEMS(u->memo)[i]));
    }
    case OP_POP: {
        RObject *o = pop(u);
        R_XDECREF(o);
        return o ? 0 : -1;
    }
    case OP_POP_MARK: {
        size_t at;
        if (!pop_mark(u, &at))
            return -1;
        drop_to(u, at);
        return 0;
    }
    default:
        r_err_format(r_cf_UnpicklingError, "invalid load key, '%c'.", op);
        return -1;
    }
}

RObject *r_cf_pickle_loads(const char *data, size_t size)
{
    if (r_cf_pickle_init() < 0)
        return NULL;
    Unpickler u = {(const unsigned char *)data, size, 0, NULL, 0, 0, NULL, 0, 0, r_list_new(0)};
    RObject *res = NULL;
    if (!u.memo)
        return NULL;
    for (;;) {
        if (u.pos >= u.size) {
            corrupt();
            break;
        }
        int op = u.data[u.pos++];
        if (op == OP_STOP) {
            res = u.depth == 1 && !u.nmarks ? pop(&u) : corrupt();
            break;
        }
        if (load_one(&u, op) < 0)
            break;
    }
    drop_to(&u, 0);
    free(u.stack);
    free(u.marks);
    R_DECREF(u.memo);
    return res;
}
