/* Assembly: the unit's instructions become an RCode. Jumps get absolute
 * instruction indices, DEREF arguments their localsplus slots, artificial
 * instructions the position of the one before, and the maximum stack
 * depth comes from a walk over every path as CPython's stackdepth(). */
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"
#include "strobject.h"
#include "tupleobject.h"

bool compiler_is_jump(int op)
{
    switch (op) {
    case OP_JUMP:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER:
    case OP_SETUP_FINALLY:
    case OP_SETUP_WITH:
    case OP_SETUP_ASYNC_WITH:
    case OP_JUMP_IF_NOT_EXC_MATCH:
        return true;
    default:
        return false;
    }
}

/* Instructions after which execution never falls through. */
static bool is_terminal(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RERAISE || op == OP_RAISE_VARARGS;
}

/* The change in stack depth; for a jump, `jump` selects the taken edge.
 * The handler of SETUP_FINALLY/SETUP_WITH/SETUP_ASYNC_WITH starts with two
 * more values than the block's level: the previously handled exception
 * and the new one (eval.c's unwind). */
int compiler_stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case OP_NOP:
    case OP_ROT_TWO:
    case OP_ROT_THREE:
    case OP_ROT_FOUR:
    case OP_DELETE_FAST:
    case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL:
    case OP_DELETE_NAME:
    case OP_LOAD_ATTR:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_NOT:
    case OP_UNARY_INVERT:
    case OP_LIST_TO_TUPLE:
    case OP_JUMP:
    case OP_GET_ITER:
    case OP_POP_BLOCK:
    case OP_GEN_START:
    case OP_YIELD_VALUE:
    case OP_GET_YIELD_FROM_ITER:
    case OP_GET_AWAITABLE:
    case OP_GET_AITER:
        return 0;
    case OP_POP_TOP:
    case OP_STORE_FAST:
    case OP_STORE_DEREF:
    case OP_STORE_GLOBAL:
    case OP_STORE_NAME:
    case OP_DELETE_ATTR:
    case OP_BINARY_OP:
    case OP_COMPARE_OP:
    case OP_IS_OP:
    case OP_CONTAINS_OP:
    case OP_BINARY_SUBSCR:
    case OP_LIST_APPEND:
    case OP_SET_ADD:
    case OP_LIST_EXTEND:
    case OP_SET_UPDATE:
    case OP_DICT_UPDATE:
    case OP_DICT_MERGE:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_RETURN_VALUE:
    case OP_POP_EXCEPT:
    case OP_RERAISE:
    case OP_YIELD_FROM:
    case OP_IMPORT_NAME:
        return -1;
    case OP_DUP_TOP:
    case OP_LOAD_CONST:
    case OP_LOAD_FAST:
    case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE:
    case OP_LOAD_GLOBAL:
    case OP_LOAD_NAME:
    case OP_LOAD_METHOD:
    case OP_LOAD_ASSERTION_ERROR:
    case OP_LOAD_BUILD_CLASS:
    case OP_SUPER_CLASS_CELL:
    case OP_WITH_EXCEPT_START:
    case OP_GET_ANEXT:
    case OP_BEFORE_ASYNC_WITH:
    case OP_IMPORT_FROM:
        return 1;
    case OP_DUP_TOP_TWO:
        return 2;
    case OP_STORE_ATTR:
    case OP_DELETE_SUBSCR:
    case OP_MAP_ADD:
    case OP_JUMP_IF_NOT_EXC_MATCH:
        return -2;
    case OP_STORE_SUBSCR:
    case OP_END_ASYNC_FOR:
        return -3;
    case OP_BUILD_SLICE:
        return arg == 3 ? -2 : -1;
    case OP_BUILD_TUPLE:
    case OP_BUILD_LIST:
    case OP_BUILD_SET:
    case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP:
        return 1 - 2 * arg;
    case OP_FORMAT_VALUE:
        return (arg & R_FORMAT_SPEC) ? -1 : 0;
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case OP_FOR_ITER:
        return jump ? -1 : 1;
    case OP_UNPACK_SEQUENCE:
        return arg - 1;
    case OP_UNPACK_EX:
        return (arg & 0xff) + (arg >> 8);
    case OP_MAKE_FUNCTION:
        return -1 - ((arg & R_MAKE_DEFAULTS) != 0) - ((arg & R_MAKE_KWDEFAULTS) != 0) -
               ((arg & R_MAKE_CLOSURE) != 0);
    case OP_CALL_FUNCTION:
        return -arg;
    case OP_CALL_FUNCTION_KW:
    case OP_CALL_METHOD:
        return -arg - 1;
    case OP_CALL_FUNCTION_EX:
        return -1 - (arg & 1);
    case OP_RAISE_VARARGS:
        return -arg;
    case OP_SETUP_FINALLY:
        return jump ? 2 : 0;
    case OP_SETUP_WITH:
        return jump ? 2 : 1;
    case OP_SETUP_ASYNC_WITH:
        return jump ? 1 : 0; /* the block's level leaves out the aenter result */
    }
    return 0;
}

/* The deepest stack of any path, or -1 when the shapes disagree (a
 * compiler bug, reported as such), -2 when memory runs out. depth[i] is
 * set to the depth before instruction i, -1 where no path reaches it. */
static int stack_depth(const Instr *instrs, int n, int *depth)
{
    if (n == 0)
        return 0;
    int *work = malloc((size_t)n * 2 * sizeof *work);
    if (!work)
        return -2;
    for (int i = 0; i < n; i++)
        depth[i] = -1;
    int nwork = 0, maxdepth = 0, result = 0;
    work[nwork++] = 0;
    work[nwork++] = 0;
    while (nwork > 0 && result >= 0) {
        int d = work[--nwork], i = work[--nwork];
        while (i < n) {
            if (depth[i] >= 0) {
                if (depth[i] != d)
                    result = -1;
                break;
            }
            depth[i] = d;
            if (d > maxdepth)
                maxdepth = d;
            const Instr *in = &instrs[i];
            if (compiler_is_jump(in->op)) {
                int target_depth = d + compiler_stack_effect(in->op, in->arg, true);
                if (target_depth > maxdepth)
                    maxdepth = target_depth;
                if (target_depth < 0 || nwork + 2 > 2 * n) {
                    result = -1;
                    break;
                }
                work[nwork++] = in->arg;
                work[nwork++] = target_depth;
            }
            d += compiler_stack_effect(in->op, in->arg, false);
            if (d < 0) {
                result = -1;
                break;
            }
            if (d > maxdepth)
                maxdepth = d;
            if (is_terminal(in->op))
                break;
            i++;
        }
    }
    free(work);
    return result < 0 ? result : maxdepth;
}

/* Drops the instructions no path reaches (code after return, raise,
 * break, continue), as CPython's optimizer does, renumbering jumps. */
static void remove_unreachable(CompileUnit *u, const int *depth, int *new_index)
{
    int k = 0;
    for (int i = 0; i < u->ninstrs; i++) {
        new_index[i] = k;
        if (depth[i] >= 0)
            u->instrs[k++] = u->instrs[i];
    }
    u->ninstrs = k;
    for (int i = 0; i < k; i++)
        if (compiler_is_jump(u->instrs[i].op))
            u->instrs[i].arg = new_index[u->instrs[i].arg];
}

/* Code that can reach the end falls into an implicit `return None`. */
static bool add_implicit_return(Compiler *c, CompileUnit *u)
{
    bool reaches_end = u->ninstrs == 0 || !is_terminal(u->instrs[u->ninstrs - 1].op);
    for (int l = 0; l < u->nlabels && !reaches_end; l++)
        reaches_end = u->labels[l] == u->ninstrs;
    if (!reaches_end || c->dead)
        return true;
    /* artificial: located where the code before it ends */
    TRY(compiler_load_none(c) && compiler_addop_artificial(c, OP_RETURN_VALUE, 0));
    u->instrs[u->ninstrs - 2].pos.line = -1;
    return true;
}

static bool resolve(Compiler *c, CompileUnit *u)
{
    int nlocals = u->varnames.count;
    for (int i = 0; i < u->ninstrs; i++) {
        Instr *in = &u->instrs[i];
        if (compiler_is_jump(in->op)) {
            int target = in->arg >= 0 && in->arg < u->nlabels ? u->labels[in->arg] : -1;
            if (target < 0 || target >= u->ninstrs)
                return compiler_error(c, "internal error: unplaced jump target in '%s'",
                                      u->qualname);
            in->arg = target;
        }
        switch (in->op) {
        case OP_LOAD_DEREF:
        case OP_STORE_DEREF:
        case OP_DELETE_DEREF:
        case OP_LOAD_CLOSURE:
            in->arg += nlocals; /* cells and frees follow the locals */
            break;
        default:
            break;
        }
        if (in->pos.line < 0) {
            if (i > 0) {
                in->pos = u->instrs[i - 1].pos;
            } else {
                r_position first = {u->firstlineno, u->firstlineno, 0, 0};
                in->pos = first;
            }
        }
    }
    return true;
}

static int code_flags(const CompileUnit *u)
{
    const SymEntry *ste = u->ste;
    int flags = 0;
    if (ste->type == SYM_BLOCK_FUNCTION) {
        flags |= R_CO_OPTIMIZED | R_CO_NEWLOCALS;
        if (ste->nested)
            flags |= R_CO_NESTED;
        if (ste->generator && !ste->coroutine)
            flags |= R_CO_GENERATOR;
        if (!ste->generator && ste->coroutine)
            flags |= R_CO_COROUTINE;
        if (ste->generator && ste->coroutine)
            flags |= R_CO_ASYNC_GENERATOR;
        if (ste->varargs)
            flags |= R_CO_VARARGS;
        if (ste->varkeywords)
            flags |= R_CO_VARKEYWORDS;
    }
    return flags;
}

/* A tuple of interned strs: the names of one or more NameMaps in order. */
static RObject *names_tuple(const NameMap *const *maps, int nmaps)
{
    int n = 0;
    for (int m = 0; m < nmaps; m++)
        n += maps[m]->count;
    RObject *t = r_tuple_new(n);
    if (!t)
        return NULL;
    int k = 0;
    for (int m = 0; m < nmaps; m++)
        for (int i = 0; i < maps[m]->count; i++) {
            RObject *s = r_str_intern(maps[m]->keys[i]);
            R_TUPLE_ITEMS(t)[k++] = r_incref(s ? s : R_NONE);
            if (!s) {
                while (k < n)
                    R_TUPLE_ITEMS(t)[k++] = r_incref(R_NONE);
                R_DECREF(t);
                return NULL;
            }
        }
    return t;
}

static RObject *consts_tuple(const CompileUnit *u)
{
    RObject *t = r_tuple_new(u->nconsts);
    if (t)
        for (int i = 0; i < u->nconsts; i++)
            R_TUPLE_ITEMS(t)[i] = r_incref(u->consts[i].value);
    return t;
}

/* CPython's cell2arg: the argument a cell starts from, or -1; NULL when no
 * cell is an argument. */
static int32_t *cell_to_arg(const CompileUnit *u, int flags, bool *failed)
{
    int ncells = u->cellvars.count;
    int nargs = u->argcount + u->kwonlyargcount + ((flags & R_CO_VARARGS) != 0) +
                ((flags & R_CO_VARKEYWORDS) != 0);
    int32_t *map = NULL;
    for (int i = 0; i < ncells; i++) {
        int arg = namemap_find(&u->varnames, u->cellvars.keys[i]);
        if (arg < 0 || arg >= nargs)
            continue;
        if (!map) {
            map = malloc((size_t)ncells * sizeof *map);
            if (!map) {
                *failed = true;
                return NULL;
            }
            for (int j = 0; j < ncells; j++)
                map[j] = -1;
        }
        map[i] = arg;
    }
    return map;
}

/* A bound on the frame's block stack: each SETUP instruction has at most
 * one block of its own and one except-handler block live at a time (a
 * handler is left before its protected code can run again). */
static int block_bound(const CompileUnit *u)
{
    int setups = 0;
    for (int i = 0; i < u->ninstrs; i++) {
        int op = u->instrs[i].op;
        setups += op == OP_SETUP_FINALLY || op == OP_SETUP_WITH || op == OP_SETUP_ASYNC_WITH;
    }
    return setups > COMPILE_MAX_FBLOCKS / 2 ? COMPILE_MAX_FBLOCKS : 2 * setups;
}

RObject *compiler_assemble(Compiler *c, CompileUnit *u)
{
    if (!add_implicit_return(c, u) || !resolve(c, u))
        return NULL;
    int *depth = malloc((size_t)(u->ninstrs + 1) * 2 * sizeof *depth);
    if (!depth)
        return compiler_memory_error(c), NULL;
    int stacksize = stack_depth(u->instrs, u->ninstrs, depth);
    if (stacksize >= 0)
        remove_unreachable(u, depth, depth + u->ninstrs + 1);
    free(depth);
    if (stacksize == -2)
        return compiler_memory_error(c), NULL;
    if (stacksize < 0)
        return compiler_error(c, "internal error: inconsistent stack depth in '%s'",
                              u->qualname),
               NULL;
    size_t n = (size_t)u->ninstrs;
    uint32_t *code = malloc((n ? n : 1) * sizeof *code);
    r_position *positions = malloc((n ? n : 1) * sizeof *positions);
    int flags = code_flags(u);
    bool failed = false;
    int32_t *cell2arg = cell_to_arg(u, flags, &failed);
    if (!code || !positions || failed) {
        free(code);
        free(positions);
        free(cell2arg);
        return compiler_memory_error(c), NULL;
    }
    for (size_t i = 0; i < n; i++) {
        code[i] = R_INSTR(u->instrs[i].op, u->instrs[i].arg);
        positions[i] = u->instrs[i].pos;
    }
    const NameMap *names_maps[] = {&u->names};
    const NameMap *local_maps[] = {&u->varnames, &u->cellvars, &u->freevars};
    RObject *consts = consts_tuple(u);
    RObject *names = names_tuple(names_maps, 1);
    RObject *localsplus = names_tuple(local_maps, 3);
    RObject *name = r_str_from_cstr(u->name);
    RObject *qualname = r_str_from_cstr(u->qualname);
    RObject *result = NULL;
    if (consts && names && localsplus && name && qualname) {
        result = r_code_new(code, positions, n, consts, names, localsplus, u->varnames.count,
                            u->cellvars.count, u->freevars.count, cell2arg, u->argcount,
                            u->kwonlyargcount, flags, stacksize, name, qualname, c->filename,
                            u->firstlineno);
    } else {
        free(code);
        free(positions);
        free(cell2arg);
    }
    R_XDECREF(consts);
    R_XDECREF(names);
    R_XDECREF(localsplus);
    R_XDECREF(name);
    R_XDECREF(qualname);
    if (result)
        ((RCode *)result)->maxblocks = block_bound(u);
    else
        compiler_object_error(c);
    return result;
}
