/* The larger steps of the eval loop, each written after the CPython code
 * it mirrors (ceval.c unless said otherwise). */
#include "vm_ops.h"

#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "call.h"
#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "format.h"
#include "funcobject.h"
#include "gen.h"
#include "intobject.h"
#include "listobject.h"
#include "opcodes.h"
#include "profile.h"
#include "setobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *(*r_import_hook)(RObject *name, RObject *globals, RObject *fromlist, int level);

RObject *r_vm_bool(int value)
{
    return r_bool_from_long(value);
}

RObject *r_vm_load_global(RFrame *f, RObject *name)
{
    RObject *v = r_dict_get_item(f->globals, name);
    if (!v && !r_err_occurred())
        v = r_dict_get_item(f->builtins, name);
    if (v)
        return r_incref(v);
    if (!r_err_occurred()) {
        r_err_format(r_exc_NameError, "name '%U' is not defined", name);
        r_err_set_name_obj(name, NULL);
    }
    return NULL;
}

int r_vm_delete_name(RObject *dict, RObject *name)
{
    if (r_dict_del_item(dict, name) == 0)
        return 0;
    /* only a missing key becomes NameError; other errors stay as they are */
    if (r_err_matches(r_exc_KeyError)) {
        r_err_clear();
        r_err_format(r_exc_NameError, "name '%U' is not defined", name);
        r_err_set_name_obj(name, NULL);
    }
    return -1;
}

void r_vm_unbound_local(RCode *co, int slot)
{
    RObject *name = R_TUPLE_GET(co->localsplusnames, slot);
    if (r_unbound_local_says_cannot_access())
        r_err_format(r_exc_UnboundLocalError,
                     "cannot access local variable '%U' where it is not associated with a value",
                     name);
    else
        r_err_format(r_exc_UnboundLocalError, "local variable '%U' referenced before assignment",
                     name);
}

void r_vm_unbound_deref(RCode *co, int slot)
{
    RObject *name = R_TUPLE_GET(co->localsplusnames, slot);
    if (slot < co->nlocals + co->ncells)
        r_vm_unbound_local(co, slot);
    else if (r_unbound_local_says_cannot_access())
        r_err_format(r_exc_NameError,
                     "cannot access free variable '%U' where it is not associated with a value in "
                     "enclosing scope",
                     name);
    else
        r_err_format(r_exc_NameError,
                     "free variable '%U' referenced before assignment in enclosing scope", name);
}

int r_vm_load_method(RObject *owner, RObject *name, RObject **meth)
{
    RType *t = R_TYPE(owner);
    /* only the generic attribute lookup can skip the bound method; as in
     * CPython, for functions and C method descriptors (both take self as
     * their first argument when called unbound) */
    if (t->getattro == r_generic_getattr) {
        RObject *descr = r_type_lookup(t, name);
        if (descr && (R_TYPE(descr) == &r_function_type || R_TYPE(descr) == &r_method_descr_type)) {
            RObject *dict = t->dictoffset ? *r_instance_dict_slot(owner) : NULL;
            if (!dict || !r_dict_get_item(dict, name)) {
                if (r_err_occurred())
                    return -1;
                *meth = r_incref(descr);
                return 1;
            }
        }
    }
    *meth = r_getattr(owner, name);
    return *meth ? 0 : -1;
}

RObject *r_vm_unary(RObject *v, int opcode)
{
    RType *t = R_TYPE(v);
    r_unaryfunc fn = opcode == OP_UNARY_POSITIVE   ? t->nb_positive
                     : opcode == OP_UNARY_NEGATIVE ? t->nb_negative
                                                   : t->nb_invert;
    if (fn)
        return fn(v);
    const char *sym = opcode == OP_UNARY_POSITIVE ? "+" : opcode == OP_UNARY_NEGATIVE ? "-" : "~";
    return r_err_format(r_exc_TypeError, "bad operand type for unary %s: '%s'", sym, t->name);
}

RObject *r_vm_slice(RObject *start, RObject *stop, RObject *step)
{
    return r_slice_new(start, stop, step ? step : R_NONE);
}

RObject *r_vm_build_set(RObject **items, size_t n)
{
    RObject *s = r_set_new(NULL);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (r_set_add(s, items[i]) < 0) {
            R_DECREF(s);
            return NULL;
        }
    return s;
}

RObject *r_vm_build_map(RObject **items, size_t npairs)
{
    RObject *d = r_dict_new();
    if (!d)
        return NULL;
    for (size_t i = 0; i < npairs; i++)
        if (r_dict_set_item(d, items[2 * i], items[2 * i + 1]) < 0) {
            R_DECREF(d);
            return NULL;
        }
    return d;
}

RObject *r_vm_build_string(RObject **items, size_t n)
{
    r_str_builder b;
    r_sb_init(&b);
    for (size_t i = 0; i < n; i++)
        r_sb_append_str(&b, items[i]);
    return r_sb_finish(&b);
}

RObject *r_vm_list_extend(RObject *list, RObject *iterable)
{
    RObject *it = r_get_iter(iterable);
    if (!it) {
        if (r_err_matches(r_exc_TypeError) && !R_TYPE(iterable)->iter &&
            !R_TYPE(iterable)->getitem) {
            r_err_clear();
            r_err_format(r_exc_TypeError, "'%s' object is not iterable", R_TYPE(iterable)->name);
        }
        return NULL;
    }
    RObject *item;
    while ((item = r_iter_next(it)) != NULL) {
        int rc = r_list_append(list, item);
        R_DECREF(item);
        if (rc < 0)
            break;
    }
    R_DECREF(it);
    if (r_err_occurred())
        return NULL;
    R_RETURN_NONE;
}

/* SET_UPDATE: _PySet_Update, so a set or dict operand is merged the way
 * set.update merges it (its table order, presized), which shows in the
 * order of {*s} and of a constant set display */
static RObject *set_update(RObject *set, RObject *iterable)
{
    if (r_set_update(set, iterable) < 0)
        return NULL;
    R_RETURN_NONE;
}

/* _PyObject_FunctionStr: how call errors name a function */
static RObject *function_str(RObject *callable)
{
    if (!r_function_str_is_qualified()) {
        RObject *name = r_getattr_cstr(callable, "__name__");
        r_err_clear();
        RObject *s = name ? r_str_from_format("%U()", name) : r_str_from_format("%s object", R_TYPE(callable)->name);
        R_XDECREF(name);
        return s;
    }
    RObject *qualname = r_getattr_cstr(callable, "__qualname__");
    if (!qualname) {
        r_err_clear();
        return r_str(callable);
    }
    RObject *module = r_getattr_cstr(callable, "__module__");
    r_err_clear();
    RObject *s;
    if (module && R_STR_CHECK(module) && !r_str_equal_cstr(module, "builtins"))
        s = r_str_from_format("%U.%U()", module, qualname);
    else
        s = r_str_from_format("%U()", qualname);
    R_XDECREF(module);
    R_DECREF(qualname);
    return s;
}

static RObject *dict_update(RObject *dict, RObject *mapping, bool merge, RObject *callable)
{
    if (!R_DICT_CHECK(mapping)) {
        RObject *keys = r_getattr_cstr(mapping, "keys");
        if (!keys) {
            r_err_clear();
            if (merge) {
                RObject *fs = function_str(callable);
                if (fs) {
                    r_err_format(r_exc_TypeError, "%U argument after ** must be a mapping, not %s",
                                 fs, R_TYPE(mapping)->name);
                    R_DECREF(fs);
                }
                return NULL;
            }
            return r_err_format(r_exc_TypeError, "'%s' object is not a mapping",
                                R_TYPE(mapping)->name);
        }
        R_DECREF(keys);
    }
    if (!merge) {
        if (r_dict_update(dict, mapping) < 0)
            return NULL;
        R_RETURN_NONE;
    }
    ssize_t pos = 0;
    RObject *k, *v;
    while (r_dict_next(mapping, &pos, &k, &v)) {
        if (r_dict_get_item(dict, k)) {
            RObject *fs = function_str(callable);
            if (fs) {
                r_err_format(r_exc_TypeError, "%U got multiple values for keyword argument '%S'",
                             fs, k);
                R_DECREF(fs);
            }
            return NULL;
        }
        if (r_dict_set_item(dict, k, v) < 0)
            return NULL;
    }
    R_RETURN_NONE;
}

/* CPython's test for what * cannot unpack: no __iter__ and no sequence */
static bool not_unpackable(RObject *o)
{
    return !R_TYPE(o)->iter && !R_TYPE(o)->getitem;
}

/* LIST_EXTEND, for a display or (callable given) a call's arguments: an
 * operand * cannot unpack is named as ceval names it */
static RObject *list_extend_op(RObject *list, RObject *iterable, RObject *callable)
{
    if (not_unpackable(iterable)) {
        if (r_star_error_says_value())
            return r_err_format(r_exc_TypeError, "Value after * must be an iterable, not %s",
                                R_TYPE(iterable)->name);
        if (callable) {
            RObject *fs = function_str(callable);
            if (fs) {
                r_err_format(r_exc_TypeError, "%U argument after * must be an iterable, not %s",
                             fs, R_TYPE(iterable)->name);
                R_DECREF(fs);
            }
            return NULL;
        }
    }
    return r_vm_list_extend(list, iterable);
}

RObject *r_vm_collection_op(int opcode, RObject *target, RObject *value, RObject *callable)
{
    switch (opcode) {
    case OP_SET_ADD:
        if (r_set_add(target, value) < 0)
            return NULL;
        R_RETURN_NONE;
    case OP_LIST_EXTEND:
        return list_extend_op(target, value, callable);
    case OP_SET_UPDATE:
        return set_update(target, value);
    case OP_DICT_UPDATE:
        return dict_update(target, value, false, callable);
    default:
        return dict_update(target, value, true, callable);
    }
}

RObject *r_vm_format_value(RObject *v, int conversion, RObject *spec)
{
    RObject *converted = conversion == R_FORMAT_STR    ? r_str(v)
                         : conversion == R_FORMAT_REPR ? r_repr(v)
                                                       : r_incref(v);
    if (!converted)
        return NULL;
    if (!spec && R_TYPE(converted) == &r_str_type)
        return converted;
    /* format(value) is format(value, '') */
    RObject *res = spec ? r_format(converted, spec) : r_format_cstr(converted, "");
    R_DECREF(converted);
    return res;
}

int r_vm_unpack(RObject *seq, int before, int after, RObject **sp)
{
    RObject *items = r_sequence_tuple(seq);
    if (!items) {
        if (r_err_matches(r_exc_TypeError) && !R_TYPE(seq)->iter && !R_TYPE(seq)->getitem) {
            r_err_clear();
            r_err_format(r_exc_TypeError, "cannot unpack non-iterable %s object",
                         R_TYPE(seq)->name);
        }
        return -1;
    }
    ssize_t n = R_TUPLE_SIZE(items);
    if (after < 0) {
        if (n != before) {
            if (n < before)
                r_err_format(r_exc_ValueError, "not enough values to unpack (expected %d, got %zd)",
                             before, n);
            else
                r_err_format(r_exc_ValueError, "too many values to unpack (expected %d)", before);
            R_DECREF(items);
            return -1;
        }
        for (ssize_t i = 0; i < n; i++)
            sp[n - 1 - i] = r_incref(R_TUPLE_GET(items, i));
        R_DECREF(items);
        return (int)n;
    }
    if (n < before + after) {
        r_err_format(r_exc_ValueError,
                     "not enough values to unpack (expected at least %d, got %zd)",
                     before + after, n);
        R_DECREF(items);
        return -1;
    }
    int total = before + 1 + after;
    int k = total - 1;
    for (int i = 0; i < before; i++)
        sp[k--] = r_incref(R_TUPLE_GET(items, i));
    ssize_t middle = n - before - after;
    RObject *rest = r_list_new(middle);
    if (!rest) {
        R_DECREF(items);
        return -1;
    }
    for (ssize_t i = 0; i < middle; i++)
        R_LIST_ITEMS(rest)[i] = r_incref(R_TUPLE_GET(items, before + i));
    sp[k--] = rest;
    for (int i = 0; i < after; i++)
        sp[k--] = r_incref(R_TUPLE_GET(items, before + middle + i));
    R_DECREF(items);
    return total;
}

RObject *r_vm_call_ex(RObject *callable, RObject *args, RObject *kwargs)
{
    if (!R_TUPLE_CHECK(args) && not_unpackable(args)) {
        /* f(*x): ceval's check_args_iterable */
        RObject *fs = function_str(callable);
        if (fs) {
            r_err_format(r_exc_TypeError, "%U argument after * must be an iterable, not %s", fs,
                         R_TYPE(args)->name);
            R_DECREF(fs);
        }
        return NULL;
    }
    RObject *t = R_TUPLE_CHECK(args) ? r_incref(args) : r_sequence_tuple(args);
    if (!t)
        return NULL;
    size_t nargs = (size_t)R_TUPLE_SIZE(t);
    if (!kwargs || r_dict_size(kwargs) == 0) {
        RObject *res = r_call(callable, R_TUPLE_ITEMS(t), nargs, NULL);
        R_DECREF(t);
        return res;
    }
    ssize_t nkw = r_dict_size(kwargs);
    RObject **all = malloc((nargs + (size_t)nkw) * sizeof *all);
    RObject *names = r_tuple_new(nkw);
    if (!all || !names) {
        free(all);
        R_XDECREF(names);
        R_DECREF(t);
        return r_err_no_memory();
    }
    for (size_t i = 0; i < nargs; i++)
        all[i] = R_TUPLE_GET(t, i);
    ssize_t pos = 0, i = 0;
    RObject *k, *v;
    while (r_dict_next(kwargs, &pos, &k, &v)) {
        R_TUPLE_ITEMS(names)[i] = r_incref(k);
        all[nargs + (size_t)i] = v;
        i++;
    }
    RObject *res = r_call(callable, all, nargs, names);
    free(all);
    R_DECREF(names);
    R_DECREF(t);
    return res;
}

static RObject *lookup_special(RObject *o, const char *name)
{
    RObject *f = r_type_lookup(R_TYPE(o), r_str_intern(name));
    if (!f)
        return NULL;
    if (R_TYPE(f)->descr_get)
        return R_TYPE(f)->descr_get(f, o, (RObject *)R_TYPE(o));
    return r_incref(f);
}

RObject *r_vm_enter_with(RObject *cm, RObject **exit_fn)
{
    RObject *enter = lookup_special(cm, "__enter__");
    if (!enter) {
        if (!r_err_occurred())
            r_err_format(r_exc_AttributeError, "__enter__");
        return NULL;
    }
    *exit_fn = lookup_special(cm, "__exit__");
    if (!*exit_fn) {
        R_DECREF(enter);
        if (!r_err_occurred())
            r_err_format(r_exc_AttributeError, "__exit__");
        return NULL;
    }
    RObject *res = r_call0(enter);
    R_DECREF(enter);
    if (!res)
        R_CLEAR(*exit_fn);
    return res;
}

RObject *r_vm_call_exit(RObject *exit_fn, RObject *exc)
{
    RObject *tb = ((RBaseException *)exc)->traceback;
    RObject *args[3] = {(RObject *)R_TYPE(exc), exc, tb ? tb : R_NONE};
    return r_call(exit_fn, args, 3, NULL);
}

/* CPython's do_raise */
int r_vm_raise(RObject *exc, RObject *cause)
{
    r_thread_vm *vm = r_vm_state();
    if (!exc) {
        if (!vm->handled) {
            r_err_set_string(r_exc_RuntimeError, "No active exception to reraise");
            return -1;
        }
        r_err_restore(r_incref(vm->handled));
        return 1;
    }
    RObject *value;
    if (r_typecheck(exc, &r_type_type) && R_EXC_TYPE_CHECK(exc)) {
        value = r_call0(exc);
        if (!value)
            goto fail;
        if (!R_EXC_CHECK(value)) {
            r_err_format(r_exc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %s",
                         exc, R_TYPE(value)->name);
            R_DECREF(value);
            goto fail;
        }
    } else if (R_EXC_CHECK(exc)) {
        value = r_incref(exc);
    } else {
        r_err_set_string(r_exc_TypeError, "exceptions must derive from BaseException");
        goto fail;
    }
    if (cause) {
        RObject *fixed;
        if (r_typecheck(cause, &r_type_type) && R_EXC_TYPE_CHECK(cause)) {
            fixed = r_call0(cause);
            if (!fixed) {
                R_DECREF(value);
                goto fail;
            }
        } else if (R_EXC_CHECK(cause)) {
            fixed = r_incref(cause);
        } else if (cause == R_NONE) {
            fixed = NULL;
        } else {
            r_err_set_string(r_exc_TypeError,
                             "exception causes must derive from BaseException");
            R_DECREF(value);
            goto fail;
        }
        r_exc_set_cause(value, fixed);
    }
    /* raising inside an except block chains the handled exception */
    if (vm->handled && vm->handled != value) {
        /* break a cycle the new context would close, as _PyErr_SetObject */
        RObject *o = vm->handled;
        while (o) {
            RBaseException *e = (RBaseException *)o;
            if (e->context == value) {
                R_CLEAR(e->context);
                break;
            }
            o = e->context;
        }
        r_exc_set_context(value, r_incref(vm->handled));
    }
    r_err_restore(value);
    R_DECREF(exc);
    R_XDECREF(cause);
    return -1;
fail:
    R_DECREF(exc);
    R_XDECREF(cause);
    return -1;
}

int r_vm_exception_matches(RObject *exc, RObject *type)
{
    if (R_TUPLE_CHECK(type)) {
        for (ssize_t i = 0; i < R_TUPLE_SIZE(type); i++) {
            int m = r_vm_exception_matches(exc, R_TUPLE_GET(type, i));
            if (m)
                return m;
        }
        return 0;
    }
    if (!r_typecheck(type, &r_type_type) || !R_EXC_TYPE_CHECK(type)) {
        r_err_set_string(r_exc_TypeError,
                         "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return r_type_is_subtype(R_TYPE(exc), (RType *)type);
}

int r_vm_send(RObject *receiver, RObject *v, RObject **result)
{
    if (R_GEN_CHECK(receiver)) {
        r_gen_status st = r_gen_send(receiver, v, false, result);
        if (st == R_GEN_ERROR)
            return -1;
        return st == R_GEN_NEXT ? 1 : 0;
    }
    RObject *res;
    if (v == R_NONE && R_TYPE(receiver)->iternext)
        res = R_TYPE(receiver)->iternext(receiver);
    else
        res = r_call_method(receiver, "send", &v, 1);
    if (res) {
        *result = res;
        return 1;
    }
    if (!r_err_occurred() || r_err_matches(r_exc_StopIteration)) {
        /* the value a finished iterator returns travels in StopIteration */
        RObject *exc = r_err_fetch();
        RObject *value = exc ? ((RBaseException *)exc)->value : NULL;
        *result = r_incref(value ? value : R_NONE);
        R_XDECREF(exc);
        return 0;
    }
    return -1;
}

RObject *r_vm_yield_from_iter(RFrame *f, RObject *v)
{
    if (R_TYPE(v) == &r_coroutine_type) {
        /* only a coroutine may yield from a coroutine */
        if (!(f->code->flags & (R_CO_COROUTINE | R_CO_ITERABLE_COROUTINE)))
            return r_err_format(r_exc_TypeError,
                                "cannot 'yield from' a coroutine object in a non-coroutine "
                                "generator");
        return r_incref(v);
    }
    if (R_TYPE(v) == &r_generator_type)
        return r_incref(v);
    return r_get_iter(v);
}

/* CPython's _PyCoro_GetAwaitableIter plus GET_AWAITABLE's checks */
RObject *r_vm_get_awaitable(RObject *v, int where)
{
    if (R_TYPE(v) == &r_coroutine_type) {
        RGen *g = (RGen *)v;
        if (g->frame && g->frame->lasti >= 0 && r_gen_delegate(v))
            return r_err_format(r_exc_RuntimeError, "coroutine is being awaited already");
        return r_incref(v);
    }
    if (R_TYPE(v) == &r_generator_type &&
        (r_gen_code((RGen *)v)->flags & R_CO_ITERABLE_COROUTINE))
        return r_incref(v);
    r_unaryfunc am_await = R_TYPE(v)->am_await;
    if (!am_await) {
        if (where == 1)
            return r_err_format(r_exc_TypeError,
                                "'async with' received an object from __aenter__ that does not "
                                "implement __await__: %s",
                                R_TYPE(v)->name);
        if (where == 2)
            return r_err_format(r_exc_TypeError,
                                "'async with' received an object from __aexit__ that does not "
                                "implement __await__: %s",
                                R_TYPE(v)->name);
        return r_err_format(r_exc_TypeError, "object %s can't be used in 'await' expression",
                            R_TYPE(v)->name);
    }
    RObject *it = am_await(v);
    if (!it)
        return NULL;
    if (R_TYPE(it) == &r_coroutine_type) {
        R_DECREF(it);
        return r_err_format(r_exc_TypeError, "__await__() returned a coroutine");
    }
    if (!R_TYPE(it)->iternext) {
        r_err_format(r_exc_TypeError, "__await__() returned non-iterator of type '%s'",
                     R_TYPE(it)->name);
        R_DECREF(it);
        return NULL;
    }
    return it;
}

RObject *r_vm_get_aiter(RObject *v)
{
    RObject *m = lookup_special(v, "__aiter__");
    if (!m) {
        if (!r_err_occurred())
            r_err_format(r_exc_TypeError,
                         "'async for' requires an object with __aiter__ method, got %s",
                         R_TYPE(v)->name);
        return NULL;
    }
    RObject *it = r_call0(m);
    R_DECREF(m);
    return it;
}

RObject *r_vm_get_anext(RObject *aiter)
{
    RObject *m = lookup_special(aiter, "__anext__");
    if (!m) {
        if (!r_err_occurred())
            r_err_format(r_exc_TypeError,
                         "'async for' requires an iterator with __anext__ method, got %s",
                         R_TYPE(aiter)->name);
        return NULL;
    }
    RObject *next = r_call0(m);
    R_DECREF(m);
    if (!next)
        return NULL;
    RObject *aw = r_vm_get_awaitable(next, 0);
    R_DECREF(next);
    if (!aw && r_err_matches(r_exc_TypeError)) {
        r_err_clear();
        r_err_format(r_exc_TypeError,
                     "'async for' received an invalid object from __anext__: %s",
                     R_TYPE(next)->name);
    }
    return aw;
}

RObject *r_vm_before_async_with(RObject *cm, RObject **aexit)
{
    RObject *enter = lookup_special(cm, "__aenter__");
    if (!enter) {
        if (!r_err_occurred())
            r_err_format(r_exc_AttributeError, "__aenter__");
        return NULL;
    }
    *aexit = lookup_special(cm, "__aexit__");
    if (!*aexit) {
        R_DECREF(enter);
        if (!r_err_occurred())
            r_err_format(r_exc_AttributeError, "__aexit__");
        return NULL;
    }
    RObject *res = r_call0(enter);
    R_DECREF(enter);
    if (!res) {
        R_CLEAR(*aexit);
        return NULL;
    }
    RObject *aw = r_vm_get_awaitable(res, 1);
    R_DECREF(res);
    if (!aw)
        R_CLEAR(*aexit);
    return aw;
}

RObject *r_vm_import(RFrame *f, RObject *name, RObject *fromlist, RObject *level)
{
    if (!r_import_hook)
        return r_err_format(r_exc_ImportError, "__import__ not found");
    int lvl = (int)r_int_as_ssize(level);
    return r_import_hook(name, f->globals, fromlist, lvl);
}

RObject *r_vm_import_from(RObject *module, RObject *name)
{
    RObject *v = r_getattr(module, name);
    if (v || !r_err_matches(r_exc_AttributeError))
        return v;
    r_err_clear();
    RObject *mod_name = r_getattr_cstr(module, "__name__");
    if (!mod_name) {
        r_err_clear();
        return r_err_format(r_exc_ImportError, "cannot import name '%U'", name);
    }
    r_err_format(r_exc_ImportError, "cannot import name '%U' from '%U' (unknown location)", name,
                 mod_name);
    R_DECREF(mod_name);
    return NULL;
}
