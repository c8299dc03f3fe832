/* Code objects made inside a code object: functions (with defaults,
 * keyword-only defaults, decorators and closures), classes, lambdas and
 * comprehensions (CPython 3.9's compiler_function, compiler_class,
 * compiler_lambda and compiler_comprehension). */
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

int compiler_body_start(const AstStmtList *body)
{
    if (body->len > 0 && body->items[0]->kind == STMT_Expr &&
        compiler_constant_str(body->items[0]->v.Expr.value))
        return 1; /* a docstring: co_consts[0], not a statement */
    return 0;
}

bool compiler_store_docstring(Compiler *c, const AstStmtList *body)
{
    if (!compiler_body_start(body))
        return true;
    /* CPython's compiler_body: `__doc__ = <the string>` before the statements */
    AstExpr stored;
    char *cleaned;
    if (!compiler_docstring_as_stored(body->items[0]->v.Expr.value, &stored, &cleaned))
        return compiler_memory_error(c);
    bool ok = compiler_visit_expr(c, &stored) && compiler_nameop(c, "__doc__", AST_Store);
    free(cleaned);
    return ok;
}

/* MAKE_FUNCTION of code (stolen), after the closure tuple of the cells its
 * free variables refer to. */
static bool make_closure(Compiler *c, RObject *code, int flags, const char *qualname)
{
    RCode *co = (RCode *)code;
    CompileUnit *u = c->u;
    if (co->nfrees > 0) {
        for (int i = 0; i < co->nfrees; i++) {
            RObject *name = R_TUPLE_GET(co->localsplusnames, co->nlocals + co->ncells + i);
            const char *text = r_str_utf8(name);
            int arg = namemap_find(&u->cellvars, text);
            if (arg < 0) {
                arg = namemap_find(&u->freevars, text);
                if (arg >= 0)
                    arg += u->cellvars.count;
            }
            if (arg < 0) {
                R_DECREF(code);
                return compiler_error(c, "internal error: no cell for free variable '%s'", text);
            }
            if (!compiler_addop(c, OP_LOAD_CLOSURE, arg)) {
                R_DECREF(code);
                return false;
            }
        }
        flags |= R_MAKE_CLOSURE;
        if (!compiler_addop(c, OP_BUILD_TUPLE, co->nfrees)) {
            R_DECREF(code);
            return false;
        }
    }
    return compiler_load_code(c, code) && compiler_load_str(c, qualname) &&
           compiler_addop(c, OP_MAKE_FUNCTION, flags);
}

/* Pushes the defaults tuple and the keyword-only defaults dict; returns
 * the MAKE_FUNCTION flags, or -1. */
static int default_arguments(Compiler *c, const AstArguments *args)
{
    int flags = 0;
    if (args->defaults.len > 0) {
        for (int i = 0; i < args->defaults.len; i++)
            if (!compiler_visit_expr(c, args->defaults.items[i]))
                return -1;
        if (!compiler_addop(c, OP_BUILD_TUPLE, args->defaults.len))
            return -1;
        flags |= R_MAKE_DEFAULTS;
    }
    int nkw = 0;
    for (int i = 0; i < args->kwonlyargs.len; i++) {
        const AstExpr *def = i < args->kw_defaults.len ? args->kw_defaults.items[i] : NULL;
        if (!def)
            continue;
        const char *mangled = compiler_mangle(c, args->kwonlyargs.items[i]->arg);
        if (!mangled || !compiler_load_str(c, mangled) || !compiler_visit_expr(c, def))
            return -1;
        nkw++;
    }
    if (nkw > 0) {
        if (!compiler_addop(c, OP_BUILD_MAP, nkw))
            return -1;
        flags |= R_MAKE_KWDEFAULTS;
    }
    return flags;
}

static void set_argcounts(Compiler *c, const AstArguments *args)
{
    c->u->argcount = args->posonlyargs.len + args->args.len;
    c->u->kwonlyargcount = args->kwonlyargs.len;
}

/* Decorators apply innermost first, each call located at its decorator
 * (3.11+) or at the def/class statement's line (3.8-3.10). */
static bool apply_decorators(Compiler *c, const AstExprList *decorators, const AstStmt *s)
{
    r_position saved = c->u->loc;
    for (int i = decorators->len - 1; i >= 0; i--) {
        c->u->loc = compiler_pos(r_decorator_call_at_def_line() ? s->pos
                                                                : decorators->items[i]->pos);
        TRY(compiler_addop(c, OP_CALL_FUNCTION, 1));
    }
    c->u->loc = saved;
    return true;
}

bool compiler_function(Compiler *c, const AstStmt *s, bool is_async)
{
    const AstFunctionDefFields *f = &s->v.FunctionDef;
    for (int i = 0; i < f->decorator_list.len; i++)
        TRY(compiler_visit_expr(c, f->decorator_list.items[i]));
    int firstlineno = f->decorator_list.len ? f->decorator_list.items[0]->pos.lineno
                                            : s->pos.lineno;
    int flags = default_arguments(c, f->args);
    TRY(flags >= 0);
    TRY(compiler_enter_scope(c, f->name, is_async ? UNIT_ASYNC_FUNCTION : UNIT_FUNCTION, s,
                             firstlineno));
    /* co_consts[0] is the docstring, or None when there is none */
    bool ok = compiler_body_start(&f->body)
                  ? compiler_add_docstring_const(c, f->body.items[0]->v.Expr.value)
                  : compiler_add_none_const(c);
    set_argcounts(c, f->args);
    for (int i = compiler_body_start(&f->body); ok && i < f->body.len; i++)
        ok = compiler_visit_stmt(c, f->body.items[i]);
    if (!ok) {
        compiler_abandon_scope(c);
        return false;
    }
    char *qualname = strdup(c->u->qualname);
    RObject *code = compiler_exit_scope(c);
    if (!code || !qualname) {
        free(qualname);
        R_XDECREF(code);
        return code ? compiler_memory_error(c) : false;
    }
    ok = make_closure(c, code, flags, qualname);
    free(qualname);
    return ok && apply_decorators(c, &f->decorator_list, s) &&
           compiler_nameop(c, f->name, AST_Store);
}

/* The body of a class: __module__ and __qualname__, the statements, then
 * the __class__ cell (stored as __classcell__ for __build_class__) or
 * None as the return value. */
static bool class_body(Compiler *c, const AstStmt *s)
{
    CompileUnit *u = c->u;
    u->private_name = s->v.ClassDef.name;
    TRY(compiler_nameop(c, "__name__", AST_Load) && compiler_nameop(c, "__module__", AST_Store));
    TRY(compiler_load_str(c, u->qualname) && compiler_nameop(c, "__qualname__", AST_Store));
    const AstStmtList *body = &s->v.ClassDef.body;
    TRY(compiler_store_docstring(c, body));
    for (int i = compiler_body_start(body); i < body->len; i++)
        TRY(compiler_visit_stmt(c, body->items[i]));
    if (u->ste->needs_class_closure) {
        int cell = namemap_find(&u->cellvars, "__class__");
        TRY(compiler_addop(c, OP_LOAD_CLOSURE, cell) && compiler_addop(c, OP_DUP_TOP, 0) &&
            compiler_nameop(c, "__classcell__", AST_Store));
    } else {
        TRY(compiler_load_none(c));
    }
    return compiler_addop(c, OP_RETURN_VALUE, 0);
}

/* name = __build_class__(<body function>, 'name', *bases) */
bool compiler_class(Compiler *c, const AstStmt *s)
{
    const AstExprList *decorators = &s->v.ClassDef.decorator_list;
    for (int i = 0; i < decorators->len; i++)
        TRY(compiler_visit_expr(c, decorators->items[i]));
    int firstlineno = decorators->len ? decorators->items[0]->pos.lineno : s->pos.lineno;
    TRY(compiler_enter_scope(c, s->v.ClassDef.name, UNIT_CLASS, s, firstlineno));
    if (!class_body(c, s)) {
        compiler_abandon_scope(c);
        return false;
    }
    RObject *code = compiler_exit_scope(c);
    TRY(code);
    if (!compiler_addop(c, OP_LOAD_BUILD_CLASS, 0)) {
        R_DECREF(code);
        return false;
    }
    TRY(make_closure(c, code, 0, s->v.ClassDef.name));
    TRY(compiler_load_str(c, s->v.ClassDef.name));
    TRY(compiler_call_helper(c, 2, &s->v.ClassDef.bases, &s->v.ClassDef.keywords));
    return apply_decorators(c, decorators, s) && compiler_nameop(c, s->v.ClassDef.name, AST_Store);
}

bool compiler_lambda(Compiler *c, const AstExpr *e)
{
    const AstArguments *args = e->v.Lambda.args;
    int flags = default_arguments(c, args);
    TRY(flags >= 0);
    TRY(compiler_enter_scope(c, "<lambda>", UNIT_LAMBDA, e, e->pos.lineno));
    /* None first, so that a lambda has no docstring */
    bool ok = compiler_add_none_const(c);
    set_argcounts(c, args);
    ok = ok && compiler_visit_expr(c, e->v.Lambda.body) &&
         compiler_addop(c, OP_RETURN_VALUE, 0);
    if (!ok) {
        compiler_abandon_scope(c);
        return false;
    }
    char *qualname = strdup(c->u->qualname);
    RObject *code = compiler_exit_scope(c);
    if (!code || !qualname) {
        free(qualname);
        R_XDECREF(code);
        return code ? compiler_memory_error(c) : false;
    }
    ok = make_closure(c, code, flags, qualname);
    free(qualname);
    return ok;
}

/* ---- comprehensions ---------------------------------------------------------------- */

typedef struct Comprehension {
    AstExprKind kind;
    const AstComprehensionList *generators;
    const AstExpr *elt; /* the key of a dict comprehension */
    const AstExpr *value;
} Comprehension;

static bool comprehension_generator(Compiler *c, const Comprehension *comp, int gen_index,
                                    int depth);

/* The element: yielded by a generator expression, else added to the
 * collection `depth` iterators below the top of the stack. */
static bool comprehension_element(Compiler *c, const Comprehension *comp, int depth)
{
    switch (comp->kind) {
    case EXPR_GeneratorExp:
        return compiler_visit_expr(c, comp->elt) && compiler_addop(c, OP_YIELD_VALUE, 0) &&
               compiler_addop(c, OP_POP_TOP, 0);
    case EXPR_ListComp:
        return compiler_visit_expr(c, comp->elt) && compiler_addop(c, OP_LIST_APPEND, depth + 1);
    case EXPR_SetComp:
        return compiler_visit_expr(c, comp->elt) && compiler_addop(c, OP_SET_ADD, depth + 1);
    default:
        /* {k: v}: the key is evaluated first */
        return compiler_visit_expr(c, comp->elt) && compiler_visit_expr(c, comp->value) &&
               compiler_addop(c, OP_MAP_ADD, depth + 1);
    }
}

static bool comprehension_ifs(Compiler *c, const AstComprehension *gen, int if_cleanup)
{
    for (int i = 0; i < gen->ifs.len; i++)
        TRY(compiler_jump_if(c, gen->ifs.items[i], if_cleanup, false));
    return true;
}

static bool sync_comprehension_generator(Compiler *c, const Comprehension *comp, int gen_index,
                                         int depth)
{
    const AstComprehension *gen = comp->generators->items[gen_index];
    int start = compiler_new_label(c), if_cleanup = compiler_new_label(c),
        anchor = compiler_new_label(c);
    TRY(start >= 0 && if_cleanup >= 0 && anchor >= 0);
    bool loops = true;
    if (gen_index == 0) {
        /* the outermost iterator arrives as the argument .0 */
        c->u->argcount = 1;
        TRY(compiler_addop(c, OP_LOAD_FAST, 0));
    } else {
        /* `for y in [f(x)]` binds y without a loop */
        const AstExprList *elts = gen->iter->kind == EXPR_List    ? &gen->iter->v.List.elts
                                  : gen->iter->kind == EXPR_Tuple ? &gen->iter->v.Tuple.elts
                                                                  : NULL;
        if (elts && elts->len == 1 && elts->items[0]->kind != EXPR_Starred) {
            TRY(compiler_visit_expr(c, elts->items[0]));
            loops = false;
        } else {
            TRY(compiler_visit_expr(c, gen->iter) && compiler_addop(c, OP_GET_ITER, 0));
        }
    }
    if (loops) {
        depth++;
        TRY(compiler_use_label(c, start));
        TRY(compiler_addop_jump(c, OP_FOR_ITER, anchor));
    }
    TRY(compiler_visit_expr(c, gen->target));
    TRY(comprehension_ifs(c, gen, if_cleanup));
    if (gen_index + 1 < comp->generators->len)
        TRY(comprehension_generator(c, comp, gen_index + 1, depth));
    else
        TRY(comprehension_element(c, comp, depth));
    TRY(compiler_use_label(c, if_cleanup));
    if (loops) {
        TRY(compiler_addop_artificial(c, OP_JUMP, start));
        TRY(compiler_use_label(c, anchor));
    }
    return true;
}

static bool async_comprehension_generator(Compiler *c, const Comprehension *comp,
                                          int gen_index, int depth)
{
    const AstComprehension *gen = comp->generators->items[gen_index];
    int start = compiler_new_label(c), except = compiler_new_label(c),
        if_cleanup = compiler_new_label(c);
    TRY(start >= 0 && except >= 0 && if_cleanup >= 0);
    if (gen_index == 0) {
        c->u->argcount = 1;
        TRY(compiler_addop(c, OP_LOAD_FAST, 0));
    } else {
        TRY(compiler_visit_expr(c, gen->iter) && compiler_addop(c, OP_GET_AITER, 0));
    }
    TRY(compiler_use_label(c, start));
    FBlock fb = {.type = FB_ASYNC_COMPREHENSION_GENERATOR, .block = start};
    TRY(compiler_push_fblock(c, fb));
    TRY(compiler_addop_jump(c, OP_SETUP_FINALLY, except));
    TRY(compiler_addop(c, OP_GET_ANEXT, 0) && compiler_load_none(c) &&
        compiler_addop(c, OP_YIELD_FROM, 0) && compiler_addop(c, OP_POP_BLOCK, 0));
    TRY(compiler_visit_expr(c, gen->target));
    TRY(comprehension_ifs(c, gen, if_cleanup));
    depth++;
    if (gen_index + 1 < comp->generators->len)
        TRY(comprehension_generator(c, comp, gen_index + 1, depth));
    else
        TRY(comprehension_element(c, comp, depth));
    TRY(compiler_use_label(c, if_cleanup));
    TRY(compiler_addop_artificial(c, OP_JUMP, start));
    compiler_pop_fblock(c);
    TRY(compiler_use_label(c, except));
    return compiler_addop(c, OP_END_ASYNC_FOR, 0);
}

static bool comprehension_generator(Compiler *c, const Comprehension *comp, int gen_index,
                                    int depth)
{
    if (comp->generators->items[gen_index]->is_async)
        return async_comprehension_generator(c, comp, gen_index, depth);
    return sync_comprehension_generator(c, comp, gen_index, depth);
}

/* A comprehension is a function of its own, called with the iterator of
 * its outermost iterable (evaluated here, in the enclosing scope). */
bool compiler_comprehension(Compiler *c, const AstExpr *e)
{
    Comprehension comp = {.kind = e->kind};
    const char *name;
    int build = -1;
    switch (e->kind) {
    case EXPR_ListComp:
        name = "<listcomp>";
        build = OP_BUILD_LIST;
        comp.generators = &e->v.ListComp.generators;
        comp.elt = e->v.ListComp.elt;
        break;
    case EXPR_SetComp:
        name = "<setcomp>";
        build = OP_BUILD_SET;
        comp.generators = &e->v.SetComp.generators;
        comp.elt = e->v.SetComp.elt;
        break;
    case EXPR_DictComp:
        name = "<dictcomp>";
        build = OP_BUILD_MAP;
        comp.generators = &e->v.DictComp.generators;
        comp.elt = e->v.DictComp.key;
        comp.value = e->v.DictComp.value;
        break;
    default:
        name = "<genexpr>";
        comp.generators = &e->v.GeneratorExp.generators;
        comp.elt = e->v.GeneratorExp.elt;
        break;
    }
    bool is_async_function = c->u->ste->coroutine;
    const AstComprehension *outermost = comp.generators->items[0];
    TRY(compiler_enter_scope(c, name, UNIT_COMPREHENSION, e, e->pos.lineno));
    bool is_async_generator = c->u->ste->coroutine;
    bool ok = true;
    if (is_async_generator && !is_async_function && build >= 0) {
        c->u->loc = compiler_pos(e->pos);
        ok = compiler_error(c, "asynchronous comprehension outside of an asynchronous function");
    }
    if (ok && build >= 0)
        ok = compiler_addop(c, build, 0);
    ok = ok && comprehension_generator(c, &comp, 0, 0);
    if (ok && build >= 0)
        ok = compiler_addop(c, OP_RETURN_VALUE, 0);
    if (!ok) {
        compiler_abandon_scope(c);
        return false;
    }
    char *qualname = strdup(c->u->qualname);
    RObject *code = compiler_exit_scope(c);
    if (!code || !qualname) {
        free(qualname);
        R_XDECREF(code);
        return code ? compiler_memory_error(c) : false;
    }
    ok = make_closure(c, code, 0, qualname);
    free(qualname);
    TRY(ok);
    TRY(compiler_visit_expr(c, outermost->iter));
    TRY(compiler_addop(c, outermost->is_async ? OP_GET_AITER : OP_GET_ITER, 0));
    TRY(compiler_addop(c, OP_CALL_FUNCTION, 1));
    if (is_async_generator && build >= 0)
        TRY(compiler_addop(c, OP_GET_AWAITABLE, 0) && compiler_load_none(c) &&
            compiler_addop(c, OP_YIELD_FROM, 0));
    return true;
}
