/* The VM's eval loop (CPython's ceval.c for the instruction set of
 * opcodes.h). A frame lives on the heap: a generator suspends by returning
 * from r_eval with its stack kept in the frame, and resumes by re-entering
 * here. Values are held and released where CPython holds and releases
 * them, which decides when finalisers run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asyncgen.h"
#include "call.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "funcobject.h"
#include "gc.h"
#include "gen.h"
#include "listobject.h"
#include "opcodes.h"
#include "profile.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"
#include "vm_ops.h"

atomic_int r_eval_breaker;
void (*r_eval_breaker_hook)(void);

/* Also where a due cycle collection runs (gc.h): at frame entry and at
 * the backward jumps, where every object is as consistent as for a thread
 * switch. */
#define CHECK_EVAL_BREAKER()                                                    \
    do {                                                                        \
        if (r_gc_due)                                                           \
            r_gc_collect_due();                                                 \
        if (atomic_load_explicit(&r_eval_breaker, memory_order_relaxed) &&      \
            r_eval_breaker_hook)                                                \
            r_eval_breaker_hook();                                              \
    } while (0)

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-(ptrdiff_t)(n)])
#define SET_TOP(v) (sp[-1] = (v))
#define STACK_LEVEL() ((int)(sp - stack_base))

static const size_t binop_slots[] = {
    offsetof(RType, nb_add),         offsetof(RType, nb_subtract),
    offsetof(RType, nb_multiply),    offsetof(RType, nb_true_divide),
    offsetof(RType, nb_floor_divide), offsetof(RType, nb_remainder),
    offsetof(RType, nb_power),       offsetof(RType, nb_lshift),
    offsetof(RType, nb_rshift),      offsetof(RType, nb_and),
    offsetof(RType, nb_or),          offsetof(RType, nb_xor),
    0,
};

static const char *const binop_names[] = {"+",  "-",  "*", "/", "//", "%", "** or pow()",
                                          "<<", ">>", "&", "|", "^",  "@"};
/* the names an augmented assignment's TypeError shows ("-=", "**=") */
static const char *const inplace_names[] = {"+=",  "-=",  "*=", "/=", "//=", "%=", "**=",
                                            "<<=", ">>=", "&=", "|=", "^=",  "@="};
static const char *const inplace_dunders[] = {
    "__iadd__", "__isub__", "__imul__",    "__itruediv__", "__ifloordiv__", "__imod__",
    "__ipow__", "__ilshift__", "__irshift__", "__iand__",   "__ior__",       "__ixor__",
    "__imatmul__"};

/* The in-place operators of the builtin containers, which mutate the left
 * operand (CPython's list_inplace_concat and _repeat, set_ior/iand/isub/
 * ixor, dict_ior); NotImplemented when the type has none for this op, as
 * when set |= takes a non-set, so the binary operator is tried next. */
static RObject *builtin_inplace(RObject *a, RObject *b, int base)
{
    if (R_LIST_CHECK(a)) {
        if (base == R_BINOP_ADD) {
            RObject *r = r_vm_list_extend(a, b);
            if (!r)
                return NULL;
            R_DECREF(r);
            return r_incref(a);
        }
        if (base == R_BINOP_MULTIPLY)
            return r_list_inplace_repeat(a, b);
    } else if (R_SET_CHECK(a)) {
        switch (base) {
        case R_BINOP_OR:
            return r_set_inplace_or(a, b);
        case R_BINOP_AND:
            return r_set_inplace_and(a, b);
        case R_BINOP_SUBTRACT:
            return r_set_inplace_sub(a, b);
        case R_BINOP_XOR:
            return r_set_inplace_xor(a, b);
        }
    } else if (R_DICT_CHECK(a) && base == R_BINOP_OR && r_dict_has_union_operators()) {
        return r_dict_inplace_or(a, b);
    }
    return r_incref(R_NOTIMPLEMENTED);
}

static RObject *binary_op(RObject *a, RObject *b, int op)
{
    int base = op & (R_BINOP_INPLACE - 1);
    if (op & R_BINOP_INPLACE) {
        /* only heap classes can define __iadd__ and friends */
        if (R_TYPE(a)->flags & R_TPFLAGS_HEAPTYPE) {
            bool found;
            RObject *res = r_call_special(a, inplace_dunders[base], &b, 1, &found);
            if (found && res != R_NOTIMPLEMENTED)
                return res;
            R_XDECREF(res);
            if (found && !res)
                return NULL;
        }
        RObject *res = builtin_inplace(a, b, base);
        if (res != R_NOTIMPLEMENTED)
            return res;
        R_DECREF(res);
    }
    if (base == R_BINOP_MATMUL)
        return r_err_format(r_exc_TypeError, "unsupported operand type(s) for @: '%s' and '%s'",
                            R_TYPE(a)->name, R_TYPE(b)->name);
    const char *name = op & R_BINOP_INPLACE ? inplace_names[base] : binop_names[base];
    return r_number_binop(a, b, binop_slots[base], name);
}

/* The frame's block stack is sized by the compiler's bound (block_bound);
 * going past it would be a compiler bug, reported rather than run. */
static bool push_block(RFrame *f, int type, int handler, int level)
{
    if (f->nblocks == f->code->maxblocks) {
        r_err_set_string(r_exc_SystemError, "too many statically nested blocks");
        return false;
    }
    r_frame_blocks(f)[f->nblocks++] = (r_block){type, handler, level};
    return true;
}

/* Pops blocks and values until a handler takes the current exception;
 * returns the handler's instruction index, or -1 to leave the frame. */
static int unwind(RFrame *f, RObject **stack_base, RObject ***spp)
{
    RObject **sp = *spp;
    r_thread_vm *vm = r_vm_state();
    while (f->nblocks > 0) {
        r_block *b = &r_frame_blocks(f)[--f->nblocks];
        if (b->type == R_BLOCK_EXCEPT_HANDLER) {
            /* leaving an except block: restore the exception it saved */
            while (STACK_LEVEL() > b->level + 1)
                R_XDECREF(POP());
            RObject *prev = POP();
            R_SETREF(vm->handled, prev == R_NONE ? (R_DECREF(prev), NULL) : prev);
            continue;
        }
        int handler = b->handler; /* the slot is reused below */
        while (STACK_LEVEL() > b->level)
            R_XDECREF(POP());
        /* enter the handler: the handled exception is saved below the new
         * one, and an EXCEPT_HANDLER block restores it on the way out */
        /* b's slot was just freed, so this push cannot overflow */
        push_block(f, R_BLOCK_EXCEPT_HANDLER, -1, STACK_LEVEL());
        PUSH(vm->handled ? r_incref(vm->handled) : r_incref(R_NONE));
        RObject *exc = r_err_fetch();
        R_SETREF(vm->handled, r_incref(exc));
        PUSH(exc);
        *spp = sp;
        return handler;
    }
    *spp = sp;
    return -1;
}

RObject *r_eval(RFrame *f, RObject *sent, bool throw, r_eval_status *status)
{
    r_thread_vm *vm = r_vm_state();
    if (++vm->depth > vm->recursion_limit) {
        vm->depth--;
        r_err_set_string(r_exc_RecursionError, "maximum recursion depth exceeded");
        *status = R_EVAL_ERROR;
        return NULL;
    }
    RCode *co = f->code;
    RObject **localsplus = f->localsplus;
    RObject **stack_base = localsplus + r_frame_nlocalsplus(f);
    RObject **sp = stack_base + f->stacktop;
    f->stacktop = 0;
    RObject *consts = co->consts;
    RObject *names = co->names;
    const uint32_t *code = co->code;
    int next = f->lasti + 1;
    f->back = vm->frame;
    vm->frame = f;
    f->executing = true;
    RObject *retval = NULL;
    *status = R_EVAL_RETURN;

    CHECK_EVAL_BREAKER();
    if (throw)
        goto error;
    if (f->lasti >= 0 && sent)
        PUSH(r_incref(sent)); /* the value of the yield we stopped at */

    for (;;) {
        uint32_t word = code[next];
        f->lasti = next++;
        uint32_t oparg = R_ARG(word);
        switch (R_OP(word)) {
        case OP_NOP:
        case OP_GEN_START:
            continue;
        case OP_POP_TOP:
            R_DECREF(POP());
            continue;
        case OP_ROT_TWO: {
            RObject *a = TOP();
            SET_TOP(SECOND());
            SECOND() = a;
            continue;
        }
        case OP_ROT_THREE: {
            RObject *top = TOP();
            SET_TOP(SECOND());
            SECOND() = THIRD();
            THIRD() = top;
            continue;
        }
        case OP_ROT_FOUR: {
            RObject *top = TOP();
            SET_TOP(SECOND());
            SECOND() = THIRD();
            THIRD() = PEEK(4);
            PEEK(4) = top;
            continue;
        }
        case OP_DUP_TOP: {
            RObject *v = TOP();
            PUSH(r_incref(v));
            continue;
        }
        case OP_DUP_TOP_TWO: {
            RObject *a = SECOND(), *b = TOP();
            PUSH(r_incref(a));
            PUSH(r_incref(b));
            continue;
        }
        case OP_LOAD_CONST:
            PUSH(r_incref(R_TUPLE_GET(consts, oparg)));
            continue;
        case OP_LOAD_FAST: {
            RObject *v = localsplus[oparg];
            if (!v) {
                r_vm_unbound_local(co, (int)oparg);
                goto error;
            }
            PUSH(r_incref(v));
            continue;
        }
        case OP_STORE_FAST:
            R_SETREF(localsplus[oparg], POP());
            continue;
        case OP_DELETE_FAST:
            if (!localsplus[oparg]) {
                r_vm_unbound_local(co, (int)oparg);
                goto error;
            }
            R_CLEAR(localsplus[oparg]);
            continue;
        case OP_LOAD_DEREF: {
            RObject *v = ((RCell *)localsplus[oparg])->ref;
            if (!v) {
                r_vm_unbound_deref(co, (int)oparg);
                goto error;
            }
            PUSH(r_incref(v));
            continue;
        }
        case OP_STORE_DEREF:
            R_SETREF(((RCell *)localsplus[oparg])->ref, POP());
            continue;
        case OP_DELETE_DEREF: {
            RCell *c = (RCell *)localsplus[oparg];
            if (!c->ref) {
                r_vm_unbound_deref(co, (int)oparg);
                goto error;
            }
            R_CLEAR(c->ref);
            continue;
        }
        case OP_LOAD_CLOSURE:
            PUSH(r_incref(localsplus[oparg]));
            continue;
        case OP_LOAD_GLOBAL: {
            RObject *v = r_vm_load_global(f, R_TUPLE_GET(names, oparg));
            if (!v)
                goto error;
            PUSH(v);
            continue;
        }
        case OP_STORE_GLOBAL: {
            RObject *v = POP();
            int rc = r_dict_set_item(f->globals, R_TUPLE_GET(names, oparg), v);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_DELETE_GLOBAL:
            if (r_vm_delete_name(f->globals, R_TUPLE_GET(names, oparg)) < 0)
                goto error;
            continue;
        case OP_LOAD_NAME: {
            RObject *name = R_TUPLE_GET(names, oparg);
            RObject *v = f->locals ? r_dict_get_item(f->locals, name) : NULL;
            if (v) {
                PUSH(r_incref(v));
                continue;
            }
            if (r_err_occurred())
                goto error;
            v = r_vm_load_global(f, name);
            if (!v)
                goto error;
            PUSH(v);
            continue;
        }
        case OP_STORE_NAME: {
            RObject *v = POP();
            int rc = r_dict_set_item(f->locals, R_TUPLE_GET(names, oparg), v);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_DELETE_NAME:
            if (r_vm_delete_name(f->locals, R_TUPLE_GET(names, oparg)) < 0)
                goto error;
            continue;
        case OP_LOAD_ATTR: {
            RObject *owner = TOP();
            RObject *v = r_getattr(owner, R_TUPLE_GET(names, oparg));
            R_DECREF(owner);
            SET_TOP(v);
            if (!v) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_STORE_ATTR: {
            RObject *owner = POP(), *v = POP();
            int rc = r_setattr(owner, R_TUPLE_GET(names, oparg), v);
            R_DECREF(owner);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_DELETE_ATTR: {
            RObject *owner = POP();
            int rc = r_setattr(owner, R_TUPLE_GET(names, oparg), NULL);
            R_DECREF(owner);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_LOAD_METHOD: {
            /* a function found on the type is pushed unbound, followed by
             * self, so the call makes no bound method: meth self; otherwise
             * NULL attr (CPython 3.7+) */
            RObject *owner = TOP();
            RObject *meth = NULL;
            int unbound = r_vm_load_method(owner, R_TUPLE_GET(names, oparg), &meth);
            if (unbound < 0)
                goto error;
            if (unbound) {
                SET_TOP(meth);
                PUSH(owner);
            } else {
                SET_TOP(NULL);
                R_DECREF(owner);
                PUSH(meth);
            }
            continue;
        }
        case OP_LOAD_ASSERTION_ERROR:
            PUSH(r_incref((RObject *)r_exc_AssertionError));
            continue;
        case OP_LOAD_BUILD_CLASS: {
            RObject *bc = r_dict_get_item_cstr(f->builtins, "__build_class__");
            if (!bc) {
                r_err_set_string(r_exc_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(r_incref(bc));
            continue;
        }
        case OP_UNARY_POSITIVE:
        case OP_UNARY_NEGATIVE:
        case OP_UNARY_INVERT: {
            RObject *v = TOP();
            RObject *res = r_vm_unary(v, R_OP(word));
            R_DECREF(v);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_UNARY_NOT: {
            RObject *v = TOP();
            int t = r_is_true(v);
            R_DECREF(v);
            if (t < 0) {
                sp--;
                goto error;
            }
            SET_TOP(r_vm_bool(!t));
            continue;
        }
        case OP_BINARY_OP: {
            RObject *b = POP(), *a = TOP();
            RObject *res = binary_op(a, b, (int)oparg);
            R_DECREF(a);
            R_DECREF(b);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_COMPARE_OP: {
            RObject *b = POP(), *a = TOP();
            RObject *res = r_richcompare(a, b, (r_cmpop)oparg);
            R_DECREF(a);
            R_DECREF(b);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_IS_OP: {
            RObject *b = POP(), *a = TOP();
            bool is = a == b;
            R_DECREF(a);
            R_DECREF(b);
            SET_TOP(r_vm_bool(oparg ? !is : is));
            continue;
        }
        case OP_CONTAINS_OP: {
            RObject *container = POP(), *v = TOP();
            int in = r_contains(container, v);
            R_DECREF(container);
            R_DECREF(v);
            if (in < 0) {
                sp--;
                goto error;
            }
            SET_TOP(r_vm_bool(oparg ? !in : in));
            continue;
        }
        case OP_BINARY_SUBSCR: {
            RObject *key = POP(), *container = TOP();
            RObject *res = r_getitem(container, key);
            R_DECREF(container);
            R_DECREF(key);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_STORE_SUBSCR: {
            RObject *key = POP(), *container = POP(), *v = POP();
            int rc = r_setitem(container, key, v);
            R_DECREF(key);
            R_DECREF(container);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_DELETE_SUBSCR: {
            RObject *key = POP(), *container = POP();
            int rc = r_delitem(container, key);
            R_DECREF(key);
            R_DECREF(container);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_BUILD_SLICE: {
            RObject *step = oparg == 3 ? POP() : NULL;
            RObject *stop = POP(), *start = TOP();
            RObject *slice = r_vm_slice(start, stop, step);
            R_DECREF(start);
            R_DECREF(stop);
            R_XDECREF(step);
            SET_TOP(slice);
            if (!slice) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_BUILD_TUPLE: {
            RObject *t = r_tuple_new((ssize_t)oparg);
            if (!t)
                goto error;
            for (uint32_t i = oparg; i > 0; i--)
                R_TUPLE_ITEMS(t)[i - 1] = POP();
            PUSH(t);
            continue;
        }
        case OP_BUILD_LIST: {
            RObject *l = r_list_new((ssize_t)oparg);
            if (!l)
                goto error;
            for (uint32_t i = oparg; i > 0; i--)
                R_LIST_ITEMS(l)[i - 1] = POP();
            PUSH(l);
            continue;
        }
        case OP_BUILD_SET:
        case OP_BUILD_MAP:
        case OP_BUILD_STRING: {
            int op = R_OP(word);
            size_t n = op == OP_BUILD_MAP ? 2 * oparg : oparg;
            RObject *res = op == OP_BUILD_SET   ? r_vm_build_set(sp - n, n)
                           : op == OP_BUILD_MAP ? r_vm_build_map(sp - n, oparg)
                                                : r_vm_build_string(sp - n, n);
            for (size_t i = 0; i < n; i++)
                R_DECREF(POP());
            if (!res)
                goto error;
            PUSH(res);
            continue;
        }
        case OP_LIST_APPEND: {
            RObject *v = POP();
            int rc = r_list_append(PEEK(oparg), v);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_SET_ADD:
        case OP_LIST_EXTEND:
        case OP_SET_UPDATE:
        case OP_DICT_UPDATE:
        case OP_DICT_MERGE: {
            RObject *v = POP();
            bool for_call = R_OP(word) == OP_LIST_EXTEND && (oparg & R_EXTEND_FOR_CALL);
            int depth = (int)(oparg & (R_EXTEND_FOR_CALL - 1));
            RObject *target = PEEK(depth);
            /* DICT_MERGE, and LIST_EXTEND building a call's arguments, name
             * the function being called in their errors */
            RObject *callable = R_OP(word) == OP_DICT_MERGE ? PEEK(depth + 2)
                                : for_call                  ? PEEK(depth + 1)
                                                            : NULL;
            RObject *res = r_vm_collection_op(R_OP(word), target, v, callable);
            R_DECREF(v);
            if (!res)
                goto error;
            R_DECREF(res);
            continue;
        }
        case OP_MAP_ADD: {
            RObject *v = POP(), *k = POP();
            int rc = r_dict_set_item(PEEK(oparg), k, v);
            R_DECREF(k);
            R_DECREF(v);
            if (rc < 0)
                goto error;
            continue;
        }
        case OP_LIST_TO_TUPLE: {
            RObject *l = TOP();
            RObject *t = r_list_as_tuple(l);
            R_DECREF(l);
            SET_TOP(t);
            if (!t) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_FORMAT_VALUE: {
            RObject *spec = (oparg & R_FORMAT_SPEC) ? POP() : NULL;
            RObject *v = TOP();
            RObject *res = r_vm_format_value(v, (int)(oparg & 3), spec);
            R_DECREF(v);
            R_XDECREF(spec);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_JUMP:
            if ((int)oparg <= f->lasti)
                CHECK_EVAL_BREAKER(); /* a loop goes round: let others run */
            next = (int)oparg;
            continue;
        case OP_POP_JUMP_IF_FALSE:
        case OP_POP_JUMP_IF_TRUE: {
            RObject *v = POP();
            int t = r_is_true(v);
            R_DECREF(v);
            if (t < 0)
                goto error;
            if (t == (R_OP(word) == OP_POP_JUMP_IF_TRUE))
                next = (int)oparg;
            continue;
        }
        case OP_JUMP_IF_FALSE_OR_POP:
        case OP_JUMP_IF_TRUE_OR_POP: {
            int t = r_is_true(TOP());
            if (t < 0)
                goto error;
            if (t == (R_OP(word) == OP_JUMP_IF_TRUE_OR_POP))
                next = (int)oparg;
            else
                R_DECREF(POP());
            continue;
        }
        case OP_GET_ITER: {
            RObject *v = TOP();
            RObject *it = r_get_iter(v);
            R_DECREF(v);
            SET_TOP(it);
            if (!it) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_FOR_ITER: {
            RObject *it = TOP();
            RObject *v = R_TYPE(it)->iternext(it);
            if (v) {
                PUSH(v);
                continue;
            }
            if (r_err_occurred()) {
                if (!r_err_matches(r_exc_StopIteration))
                    goto error;
                r_err_clear();
            }
            R_DECREF(POP());
            next = (int)oparg;
            continue;
        }
        case OP_UNPACK_SEQUENCE:
        case OP_UNPACK_EX: {
            RObject *seq = POP();
            int before = R_OP(word) == OP_UNPACK_SEQUENCE ? (int)oparg : (int)(oparg & 0xff);
            int after = R_OP(word) == OP_UNPACK_SEQUENCE ? -1 : (int)(oparg >> 8);
            int rc = r_vm_unpack(seq, before, after, sp);
            R_DECREF(seq);
            if (rc < 0)
                goto error;
            sp += rc;
            continue;
        }
        case OP_MAKE_FUNCTION: {
            RObject *qualname = POP(), *codeobj = POP();
            RObject *fn = r_function_new(codeobj, f->globals, qualname);
            R_DECREF(qualname);
            R_DECREF(codeobj);
            if (!fn)
                goto error;
            RFunction *func = (RFunction *)fn;
            if (oparg & R_MAKE_CLOSURE)
                func->closure = POP();
            if (oparg & R_MAKE_KWDEFAULTS)
                func->kwdefaults = POP();
            if (oparg & R_MAKE_DEFAULTS)
                func->defaults = POP();
            PUSH(fn);
            continue;
        }
        case OP_CALL_FUNCTION:
        case OP_CALL_FUNCTION_KW:
        case OP_CALL_METHOD: {
            RObject *kwnames = R_OP(word) == OP_CALL_FUNCTION_KW ? POP() : NULL;
            size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
            size_t nargs = oparg - nkw;
            RObject **args = sp - oparg;
            RObject *callable = PEEK(oparg + 1);
            size_t popped = oparg + 1;
            if (R_OP(word) == OP_CALL_METHOD) {
                /* meth self args: self is the first argument; NULL attr args:
                 * attr is called as it is */
                RObject *meth = PEEK(oparg + 2);
                popped = oparg + 2;
                if (meth) {
                    callable = meth;
                    args = sp - oparg - 1;
                    nargs++;
                }
            }
            RObject *res = r_call(callable, args, nargs, kwnames);
            R_XDECREF(kwnames);
            for (size_t i = 0; i < popped; i++)
                R_XDECREF(POP());
            if (!res)
                goto error;
            PUSH(res);
            continue;
        }
        case OP_CALL_FUNCTION_EX: {
            RObject *kwargs = oparg & 1 ? POP() : NULL;
            RObject *args = POP(), *callable = TOP();
            RObject *res = r_vm_call_ex(callable, args, kwargs);
            R_DECREF(args);
            R_XDECREF(kwargs);
            R_DECREF(callable);
            SET_TOP(res);
            if (!res) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_RETURN_VALUE:
            retval = POP();
            *status = R_EVAL_RETURN;
            goto exit;
        case OP_SUPER_CLASS_CELL:
            r_err_set_string(r_exc_SystemError, "SUPER_CLASS_CELL is not emitted");
            goto error;
        case OP_SETUP_FINALLY:
        case OP_SETUP_ASYNC_WITH:
            if (!push_block(f, R_BLOCK_FINALLY, (int)oparg,
                            STACK_LEVEL() - (R_OP(word) == OP_SETUP_ASYNC_WITH)))
                goto error;
            continue;
        case OP_SETUP_WITH: {
            RObject *cm = TOP();
            RObject *exit_fn = NULL;
            RObject *entered = r_vm_enter_with(cm, &exit_fn);
            R_DECREF(cm);
            if (!entered) {
                sp--;
                goto error;
            }
            SET_TOP(exit_fn);
            PUSH(entered);
            if (!push_block(f, R_BLOCK_FINALLY, (int)oparg, STACK_LEVEL() - 1))
                goto error;
            continue;
        }
        case OP_POP_BLOCK:
            f->nblocks--;
            continue;
        case OP_POP_EXCEPT: {
            /* stack: prev_handled (the EXCEPT_HANDLER block's saved value) */
            if (f->nblocks == 0 || r_frame_blocks(f)[f->nblocks - 1].type != R_BLOCK_EXCEPT_HANDLER) {
                r_err_set_string(r_exc_SystemError, "popped block is not an except handler");
                goto error;
            }
            f->nblocks--;
            RObject *prev = POP();
            R_SETREF(vm->handled, prev == R_NONE ? (R_DECREF(prev), NULL) : prev);
            continue;
        }
        case OP_RERAISE: {
            RObject *exc = POP();
            r_err_restore(exc);
            goto exception_unwind; /* keep the traceback as it is */
        }
        case OP_RAISE_VARARGS: {
            RObject *cause = oparg == 2 ? POP() : NULL;
            RObject *exc = oparg >= 1 ? POP() : NULL;
            int rc = r_vm_raise(exc, cause);
            if (rc == 1)
                goto exception_unwind; /* a bare raise keeps the traceback */
            goto error;
        }
        case OP_JUMP_IF_NOT_EXC_MATCH: {
            RObject *type = POP(), *exc = POP();
            int match = r_vm_exception_matches(exc, type);
            R_DECREF(type);
            R_DECREF(exc);
            if (match < 0)
                goto error;
            if (!match)
                next = (int)oparg;
            continue;
        }
        case OP_WITH_EXCEPT_START: {
            /* exit prev_handled exc -> exit prev_handled exc result */
            RObject *exc = TOP(), *exit_fn = PEEK(3);
            RObject *res = r_vm_call_exit(exit_fn, exc);
            if (!res)
                goto error;
            PUSH(res);
            continue;
        }
        case OP_YIELD_VALUE:
            retval = POP();
            /* an async generator's yield is wrapped, so that its awaitables
             * tell it from what an inner await passes up (3.8-3.11 wrap here,
             * 3.12 in an intrinsic the compiler emits) */
            if (f->code->flags & R_CO_ASYNC_GENERATOR) {
                retval = r_asyncgen_wrap_value(retval);
                if (!retval)
                    goto error;
            }
            *status = R_EVAL_YIELD;
            goto suspend;
        case OP_YIELD_FROM: {
            RObject *v = POP(), *receiver = TOP();
            RObject *res = NULL;
            int st = r_vm_send(receiver, v, &res);
            R_DECREF(v);
            if (st < 0)
                goto error;
            if (st == 1) {
                /* it yielded: so do we, and YIELD_FROM runs again on resume */
                retval = res;
                *status = R_EVAL_YIELD;
                next = f->lasti;
                f->lasti--;
                goto suspend;
            }
            R_DECREF(receiver);
            SET_TOP(res);
            continue;
        }
        case OP_GET_YIELD_FROM_ITER: {
            RObject *v = TOP();
            RObject *it = r_vm_yield_from_iter(f, v);
            R_DECREF(v);
            SET_TOP(it);
            if (!it) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_GET_AWAITABLE: {
            RObject *v = TOP();
            RObject *it = r_vm_get_awaitable(v, (int)oparg);
            R_DECREF(v);
            SET_TOP(it);
            if (!it) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_GET_AITER: {
            RObject *v = TOP();
            RObject *it = r_vm_get_aiter(v);
            R_DECREF(v);
            SET_TOP(it);
            if (!it) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_GET_ANEXT: {
            RObject *aw = r_vm_get_anext(TOP());
            if (!aw)
                goto error;
            PUSH(aw);
            continue;
        }
        case OP_END_ASYNC_FOR: {
            /* aiter prev_handled exc: StopAsyncIteration ends the loop */
            RObject *exc = TOP();
            if (!r_typecheck(exc, r_exc_StopAsyncIteration)) {
                R_INCREF(exc);
                r_err_restore(exc);
                goto exception_unwind;
            }
            /* pop the handler block and restore what it saved */
            f->nblocks--;
            R_DECREF(POP());
            RObject *prev = POP();
            R_SETREF(vm->handled, prev == R_NONE ? (R_DECREF(prev), NULL) : prev);
            R_DECREF(POP()); /* the async iterator */
            continue;
        }
        case OP_BEFORE_ASYNC_WITH: {
            RObject *cm = TOP();
            RObject *aexit = NULL;
            RObject *aw = r_vm_before_async_with(cm, &aexit);
            R_DECREF(cm);
            if (!aw) {
                sp--;
                goto error;
            }
            SET_TOP(aexit);
            PUSH(aw);
            continue;
        }
        case OP_IMPORT_NAME: {
            RObject *fromlist = POP(), *level = TOP();
            RObject *m = r_vm_import(f, R_TUPLE_GET(names, oparg), fromlist, level);
            R_DECREF(fromlist);
            R_DECREF(level);
            SET_TOP(m);
            if (!m) {
                sp--;
                goto error;
            }
            continue;
        }
        case OP_IMPORT_FROM: {
            RObject *v = r_vm_import_from(TOP(), R_TUPLE_GET(names, oparg));
            if (!v)
                goto error;
            PUSH(v);
            continue;
        }
        default:
            r_err_format(r_exc_SystemError, "unknown opcode %d", R_OP(word));
            goto error;
        }

    error: {
        /* a new exception in this frame: chain the one being handled (as
         * CPython's _PyErr_SetObject does for every raise) and record where */
        RObject *exc = r_err_peek();
        if (exc && vm->handled && exc != vm->handled && !((RBaseException *)exc)->context)
            r_exc_set_context(exc, r_incref(vm->handled));
        r_traceback_here(f);
    }
    exception_unwind: {
        int handler = unwind(f, stack_base, &sp);
        if (handler >= 0) {
            next = handler;
            continue;
        }
        *status = R_EVAL_ERROR;
        retval = NULL;
        goto exit;
    }
    }

suspend:
    f->stacktop = (unsigned)STACK_LEVEL();
    f->executing = false;
    vm->frame = f->back;
    f->back = NULL;
    vm->depth--;
    return retval;

exit:
    /* the frame is done: its value stack is empty, blocks are gone */
    while (sp > stack_base)
        R_XDECREF(POP());
    f->nblocks = 0;
    f->stacktop = 0;
    f->executing = false;
    vm->frame = f->back;
    f->back = NULL;
    vm->depth--;
    return retval;
}
