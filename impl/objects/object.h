/* The object model of refpy: reference-counted objects whose type carries
 * the slots the VM dispatches on, shaped like CPython's so that the
 * asyncio and concurrent.futures layers can be written as transliterations
 * of CPython's sources.
 *
 * Conventions (as in CPython):
 * - a function returning RObject * returns a new reference, or NULL with an
 *   exception set (r_err_*); one returning int returns -1 with an exception
 *   set, 0 or 1 otherwise;
 * - arguments are borrowed unless a name says "steal";
 * - every call into the object layer happens with the GIL held, so
 *   reference counts are plain integers. */
#ifndef REFPY_OBJECT_H
#define REFPY_OBJECT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct RObject RObject;
typedef struct RType RType;

struct RObject {
    intptr_t refcnt;
    RType *type;
};

/* Statically allocated objects (None, True, False, the small ints, the
 * built-in types) never reach zero. */
#define R_IMMORTAL (INTPTR_MAX / 4)
#define R_STATIC_HEAD(type) {R_IMMORTAL, (type)}

void r_dealloc(RObject *o);

static inline RObject *r_incref(RObject *o)
{
    o->refcnt++;
    return o;
}

static inline void r_decref(RObject *o)
{
    if (--o->refcnt == 0)
        r_dealloc(o);
}

#define R_INCREF(o) r_incref((RObject *)(o))
#define R_DECREF(o) r_decref((RObject *)(o))
#define R_XINCREF(o) do { if (o) R_INCREF(o); } while (0)
#define R_XDECREF(o) do { RObject *r_tmp_ = (RObject *)(o); if (r_tmp_) r_decref(r_tmp_); } while (0)
#define R_CLEAR(o) do { RObject *r_tmp_ = (RObject *)(o); if (r_tmp_) { (o) = NULL; r_decref(r_tmp_); } } while (0)
/* Replaces *slot with a new reference, releasing the old one last. */
#define R_SETREF(slot, value) do { RObject *r_old_ = (RObject *)(slot); (slot) = (value); R_XDECREF(r_old_); } while (0)

#define R_TYPE(o) (((RObject *)(o))->type)

/* Calls: positional arguments in args[0..nargs), then the values of the
 * keyword arguments whose names are the str items of kwnames (a tuple, or
 * NULL when there are none) -- CPython's vectorcall layout. */
typedef RObject *(*r_vectorcall)(RObject *callable, RObject *const *args, size_t nargs,
                                 RObject *kwnames);

typedef enum { R_LT, R_LE, R_EQ, R_NE, R_GT, R_GE } r_cmpop;

typedef RObject *(*r_unaryfunc)(RObject *);
typedef RObject *(*r_binaryfunc)(RObject *, RObject *);
typedef int (*r_visitproc)(RObject *, void *);

/* A built-in method: called with self and the vectorcall arguments. */
typedef RObject *(*r_cmethod)(RObject *self, RObject *const *args, size_t nargs,
                              RObject *kwnames);

typedef struct {
    const char *name;
    r_cmethod fn;
    int flags; /* R_METH_STATIC, R_METH_CLASS */
    const char *doc;
} r_method_def;

#define R_METH_STATIC 1
#define R_METH_CLASS 2

typedef struct {
    const char *name;
    RObject *(*get)(RObject *self);
    int (*set)(RObject *self, RObject *value); /* NULL: read-only; value NULL: delete */
} r_getset_def;

enum {
    R_TPFLAGS_HEAPTYPE = 1 << 0,  /* a class made by a class statement */
    R_TPFLAGS_BASETYPE = 1 << 1,  /* may be subclassed */
    R_TPFLAGS_HAVE_GC = 1 << 2,   /* tracked by the cycle collector */
    R_TPFLAGS_INT_SUBCLASS = 1 << 3,
    R_TPFLAGS_STR_SUBCLASS = 1 << 4,
    R_TPFLAGS_TUPLE_SUBCLASS = 1 << 5,
    R_TPFLAGS_LIST_SUBCLASS = 1 << 6,
    R_TPFLAGS_DICT_SUBCLASS = 1 << 7,
    R_TPFLAGS_EXC_SUBCLASS = 1 << 8, /* BaseException or a subclass */
    R_TPFLAGS_TYPE_SUBCLASS = 1 << 9,
    R_TPFLAGS_FINALIZED = 1 << 10, /* instance flag kept in the GC header */
};

struct RType {
    RObject ob;
    const char *name;     /* as in messages: "int", "_asyncio.Task" */
    RObject *qualname;    /* str; heap types only (else derived from name) */
    RObject *module;      /* str or NULL ("builtins") */
    RType *base;
    RObject *dict;        /* the attributes, a dict */
    RObject *mro;         /* tuple of types, itself first */
    size_t basicsize;
    size_t dictoffset;    /* where an instance keeps its __dict__, 0: none */
    unsigned flags;

    void (*dealloc)(RObject *);
    void (*finalize)(RObject *); /* runs once, before dealloc (PEP 442) */
    int (*traverse)(RObject *, r_visitproc, void *);
    void (*clear)(RObject *);

    r_unaryfunc repr;
    r_unaryfunc str;
    int64_t (*hash)(RObject *); /* -1 with an exception set on error */
    RObject *(*richcompare)(RObject *, RObject *, r_cmpop);
    RObject *(*getattro)(RObject *, RObject *name);
    int (*setattro)(RObject *, RObject *name, RObject *value); /* value NULL: delete */
    r_vectorcall call;
    r_unaryfunc iter;
    r_unaryfunc iternext; /* NULL without an exception: exhausted */

    /* numbers: a binary slot is called with the operands in order, either
     * of which may be of the slot's type (as CPython's nb_* slots); it
     * returns a new reference to R_NOTIMPLEMENTED when it does not handle
     * the pair, and r_number_binop then tries the other operand. */
    r_binaryfunc nb_add, nb_subtract, nb_multiply, nb_true_divide, nb_floor_divide,
        nb_remainder, nb_power, nb_lshift, nb_rshift, nb_and, nb_or, nb_xor;
    r_unaryfunc nb_negative, nb_positive, nb_invert, nb_absolute, nb_int, nb_float, nb_index;
    int (*nb_bool)(RObject *);

    /* containers */
    ssize_t (*len)(RObject *);
    RObject *(*getitem)(RObject *, RObject *key);
    int (*setitem)(RObject *, RObject *key, RObject *value); /* value NULL: delete */
    int (*contains)(RObject *, RObject *value);

    /* coroutines: am_await returns the iterator "await x" drives */
    r_unaryfunc am_await;

    /* descriptors */
    RObject *(*descr_get)(RObject *descr, RObject *obj, RObject *type);
    int (*descr_set)(RObject *descr, RObject *obj, RObject *value);

    /* construction: type(args) calls tp_new, then tp_init on the result */
    RObject *(*tp_new)(RType *type, RObject *const *args, size_t nargs, RObject *kwnames);
    int (*tp_init)(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames);

    const r_method_def *methods;
    const r_getset_def *getsets;
    const char *doc;
    bool ready;

    /* A variable-size type (str, bytes, tuple): the bytes its instance
     * holds beyond basicsize, so that a subclass's __dict__ can sit after
     * them (CPython's negative tp_dictoffset); NULL for fixed-size ones. */
    size_t (*var_size)(RObject *);
};

/* dictoffset of a subclass of a variable-size type: the __dict__ slot
 * follows the items, at r_instance_dict_slot */
#define R_DICT_AFTER_ITEMS ((size_t)-1)
/* The __dict__ slot of o, or NULL when its type has none. */
RObject **r_instance_dict_slot(RObject *o);

extern RType r_type_type;
extern RType r_object_type;

/* Fills in the inherited slots, the mro and the dict of a static type;
 * called once for each built-in type at start-up. */
int r_type_ready(RType *t);
bool r_type_is_subtype(const RType *a, const RType *b);

static inline bool r_isinstance_exact(RObject *o, RType *t)
{
    return o->type == t;
}

static inline bool r_typecheck(RObject *o, RType *t)
{
    return o->type == t || r_type_is_subtype(o->type, t);
}

/* Allocation of instances: zeroed, refcnt 1, type set (a heap type gains a
 * reference). Objects of R_TPFLAGS_HAVE_GC types get a GC header in front
 * and are tracked by the cycle collector until freed (gc.h). */
RObject *r_alloc(RType *type);
RObject *r_alloc_var(RType *type, size_t extra_bytes);
void r_free(RObject *o);

/* The generic protocol, as CPython's abstract.c. */
RObject *r_repr(RObject *o);
RObject *r_str(RObject *o);
int64_t r_hash(RObject *o);
RObject *r_richcompare(RObject *a, RObject *b, r_cmpop op);
int r_richcompare_bool(RObject *a, RObject *b, r_cmpop op);
int r_is_true(RObject *o);
RObject *r_getattr(RObject *o, RObject *name);
RObject *r_getattr_cstr(RObject *o, const char *name);
/* Like r_getattr, but a missing attribute is *out = NULL, return 0. */
int r_lookup_attr(RObject *o, RObject *name, RObject **out);
int r_setattr(RObject *o, RObject *name, RObject *value);
int r_setattr_cstr(RObject *o, const char *name, RObject *value);
RObject *r_generic_getattr(RObject *o, RObject *name);
int r_generic_setattr(RObject *o, RObject *name, RObject *value);
RObject *r_call(RObject *callable, RObject *const *args, size_t nargs, RObject *kwnames);
RObject *r_call0(RObject *callable);
RObject *r_call1(RObject *callable, RObject *arg);
RObject *r_call_method(RObject *o, const char *name, RObject *const *args, size_t nargs);
RObject *r_get_iter(RObject *o);
/* Next item; NULL with no exception set when exhausted. */
RObject *r_iter_next(RObject *it);
ssize_t r_length(RObject *o);
RObject *r_getitem(RObject *o, RObject *key);
int r_setitem(RObject *o, RObject *key, RObject *value);
int r_delitem(RObject *o, RObject *key);
int r_contains(RObject *container, RObject *value);
RObject *r_number_binop(RObject *a, RObject *b, size_t slot_offset, const char *opname);
RObject *r_type_name_of(RObject *o); /* the type's __name__ as a str */
/* Looks name up along type's mro, without instances: a borrowed reference
 * or NULL. */
RObject *r_type_lookup(RType *type, RObject *name);

/* None and NotImplemented */
extern RObject r_none_object;
extern RObject r_notimplemented_object;
extern RObject r_ellipsis_object;
#define R_NONE (&r_none_object)
#define R_NOTIMPLEMENTED (&r_notimplemented_object)
#define R_RETURN_NONE return r_incref(R_NONE)

#endif
