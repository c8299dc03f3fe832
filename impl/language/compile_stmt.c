/* Statements other than try, with and definitions: assignments, del,
 * loops, if, return/break/continue and the unwinding they need, raise,
 * assert, imports (CPython 3.9's compile.c shapes, 3.11's positions). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"

/* ---- unwinding for return, break and continue --------------------------------- */

static bool call_exit_with_nones(Compiler *c)
{
    return compiler_load_none(c) && compiler_addop(c, OP_DUP_TOP, 0) &&
           compiler_addop(c, OP_DUP_TOP, 0) && compiler_addop(c, OP_CALL_FUNCTION, 3);
}

/* Emits the code that leaves fb early. preserve_tos: a return value is on
 * top of the stack and stays there. Stack shapes (see eval.c): a for loop
 * holds its iterator; a with block its exit function; a finally body
 * reached by an exception, and an except body before its exception is
 * bound, hold `prev exc` (the previously handled exception, restored by
 * POP_EXCEPT); an except body after the binding holds `prev`. */
bool compiler_unwind_fblock(Compiler *c, const FBlock *fb, bool preserve_tos)
{
    switch (fb->type) {
    case FB_WHILE_LOOP:
    case FB_ASYNC_COMPREHENSION_GENERATOR:
        return true;
    case FB_FOR_LOOP:
        if (preserve_tos)
            TRY(compiler_addop(c, OP_ROT_TWO, 0));
        return compiler_addop(c, OP_POP_TOP, 0);
    case FB_TRY_EXCEPT:
        return compiler_addop(c, OP_POP_BLOCK, 0);
    case FB_FINALLY_TRY: {
        TRY(compiler_addop(c, OP_POP_BLOCK, 0));
        if (preserve_tos) {
            FBlock pop_value = {.type = FB_POP_VALUE};
            TRY(compiler_push_fblock(c, pop_value));
        }
        TRY(compiler_visit_stmts(c, fb->finalbody));
        if (preserve_tos)
            compiler_pop_fblock(c);
        return true;
    }
    case FB_FINALLY_END:
        if (preserve_tos)
            TRY(compiler_addop(c, OP_ROT_THREE, 0));
        return compiler_addop(c, OP_POP_TOP, 0) && compiler_addop(c, OP_POP_EXCEPT, 0);
    case FB_WITH:
    case FB_ASYNC_WITH: {
        /* the exit call is located at the with statement */
        r_position saved = c->u->loc;
        c->u->loc = compiler_pos(fb->stmt->pos);
        TRY(compiler_addop(c, OP_POP_BLOCK, 0));
        if (preserve_tos)
            TRY(compiler_addop(c, OP_ROT_TWO, 0));
        TRY(call_exit_with_nones(c));
        if (fb->type == FB_ASYNC_WITH)
            TRY(compiler_addop(c, OP_GET_AWAITABLE, 2) && compiler_load_none(c) &&
                compiler_addop(c, OP_YIELD_FROM, 0));
        TRY(compiler_addop(c, OP_POP_TOP, 0));
        c->u->loc = saved;
        return true;
    }
    case FB_HANDLER_CLEANUP:
        if (fb->name)
            TRY(compiler_addop(c, OP_POP_BLOCK, 0));
        if (preserve_tos)
            TRY(compiler_addop(c, OP_ROT_TWO, 0));
        TRY(compiler_addop(c, OP_POP_EXCEPT, 0));
        if (fb->name)
            TRY(compiler_load_none(c) && compiler_nameop(c, fb->name, AST_Store) &&
                compiler_nameop(c, fb->name, AST_Del));
        return true;
    case FB_POP_VALUE:
        if (preserve_tos)
            TRY(compiler_addop(c, OP_ROT_TWO, 0));
        return compiler_addop(c, OP_POP_TOP, 0);
    }
    return true;
}

/* Unwinds every block, or (with loop) the blocks inside the innermost loop,
 * which *loop then names (NULL when there is none). */
bool compiler_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop)
{
    CompileUnit *u = c->u;
    if (u->nfblocks == 0)
        return true;
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->type == FB_WHILE_LOOP || top->type == FB_FOR_LOOP)) {
        *loop = top;
        return true;
    }
    /* the block's own unwinding code runs outside it (a return in a
     * finally body must not run that body again) */
    FBlock copy = *top;
    u->nfblocks--;
    bool ok = compiler_unwind_fblock(c, &copy, preserve_tos) &&
              compiler_unwind_fblock_stack(c, preserve_tos, loop);
    u->fblocks[u->nfblocks++] = copy;
    return ok;
}

static bool compile_return(Compiler *c, const AstStmt *s)
{
    const AstExpr *value = s->v.Return.value;
    bool preserve_tos = value && !compiler_is_constant(value);
    SymEntry *ste = c->u->ste;
    if (ste->type != SYM_BLOCK_FUNCTION)
        return compiler_error(c, "'return' outside function");
    if (value && ste->coroutine && ste->generator)
        return compiler_error(c, "'return' with value in async generator");
    if (preserve_tos)
        TRY(compiler_visit_expr(c, value));
    TRY(compiler_unwind_fblock_stack(c, preserve_tos, NULL));
    if (!value)
        TRY(compiler_load_none(c));
    else if (!preserve_tos)
        TRY(compiler_load_folded(c, value));
    return compiler_addop(c, OP_RETURN_VALUE, 0);
}

static bool compile_break(Compiler *c)
{
    FBlock *loop = NULL;
    TRY(compiler_unwind_fblock_stack(c, false, &loop));
    if (!loop)
        return compiler_error(c, "'break' outside loop");
    TRY(compiler_unwind_fblock(c, loop, false));
    return compiler_addop_jump(c, OP_JUMP, loop->exit);
}

static bool compile_continue(Compiler *c)
{
    FBlock *loop = NULL;
    TRY(compiler_unwind_fblock_stack(c, false, &loop));
    if (!loop)
        return compiler_error(c, "'continue' not properly in loop");
    return compiler_addop_jump(c, OP_JUMP, loop->block);
}

/* ---- loops and if -------------------------------------------------------------------- */

/* CPython's expr_constant: 1 or 0 for a constant test, -1 otherwise. */
static int constant_truth(const AstExpr *e)
{
    if (e->kind == EXPR_Name && strcmp(e->v.Name.id, "__debug__") == 0)
        return 1;
    if (e->kind != EXPR_Constant)
        return -1;
    const AstConstant *v = &e->v.Constant.value;
    switch (v->kind) {
    case AST_CONST_NONE:
    case AST_CONST_FALSE:
        return 0;
    case AST_CONST_TRUE:
    case AST_CONST_ELLIPSIS:
        return 1;
    case AST_CONST_INT:
        return strcmp(v->int_digits, "0") != 0;
    case AST_CONST_FLOAT:
        return v->float_value != 0.0;
    case AST_CONST_STR:
    case AST_CONST_BYTES:
        return v->size != 0;
    }
    return -1;
}

/* Compiles body for its SyntaxErrors only: CPython emits no code for it. */
static bool visit_dead(Compiler *c, const AstStmtList *body)
{
    c->dead++;
    bool ok = compiler_visit_stmts(c, body);
    c->dead--;
    return ok;
}

static bool compile_if(Compiler *c, const AstStmt *s)
{
    int constant = constant_truth(s->v.If.test);
    if (constant == 0)
        return visit_dead(c, &s->v.If.body) && compiler_visit_stmts(c, &s->v.If.orelse);
    if (constant == 1)
        return compiler_visit_stmts(c, &s->v.If.body) && visit_dead(c, &s->v.If.orelse);
    int end = compiler_new_label(c);
    int next = s->v.If.orelse.len ? compiler_new_label(c) : end;
    TRY(end >= 0 && next >= 0);
    TRY(compiler_jump_if(c, s->v.If.test, next, false));
    TRY(compiler_visit_stmts(c, &s->v.If.body));
    if (s->v.If.orelse.len) {
        TRY(compiler_addop_artificial(c, OP_JUMP, end));
        TRY(compiler_use_label(c, next));
        TRY(compiler_visit_stmts(c, &s->v.If.orelse));
    }
    return compiler_use_label(c, end);
}

static bool compile_while(Compiler *c, const AstStmt *s)
{
    int constant = constant_truth(s->v.While.test);
    if (constant == 0) {
        /* a dummy loop block, so that break and continue in it are valid */
        FBlock dummy = {.type = FB_WHILE_LOOP, .block = -1, .exit = -1};
        TRY(compiler_push_fblock(c, dummy));
        bool ok = visit_dead(c, &s->v.While.body);
        compiler_pop_fblock(c);
        return ok && compiler_visit_stmts(c, &s->v.While.orelse);
    }
    int loop = compiler_new_label(c), end = compiler_new_label(c);
    int anchor = constant == -1 ? compiler_new_label(c) : end;
    TRY(loop >= 0 && end >= 0 && anchor >= 0);
    TRY(compiler_use_label(c, loop));
    FBlock fb = {.type = FB_WHILE_LOOP, .block = loop, .exit = end};
    TRY(compiler_push_fblock(c, fb));
    if (constant == -1)
        TRY(compiler_jump_if(c, s->v.While.test, anchor, false));
    TRY(compiler_visit_stmts(c, &s->v.While.body));
    TRY(compiler_addop_artificial(c, OP_JUMP, loop));
    if (constant == -1)
        TRY(compiler_use_label(c, anchor));
    compiler_pop_fblock(c);
    TRY(compiler_visit_stmts(c, &s->v.While.orelse));
    return compiler_use_label(c, end);
}

static bool compile_for(Compiler *c, const AstStmt *s)
{
    int start = compiler_new_label(c), cleanup = compiler_new_label(c),
        end = compiler_new_label(c);
    TRY(start >= 0 && cleanup >= 0 && end >= 0);
    FBlock fb = {.type = FB_FOR_LOOP, .block = start, .exit = end};
    TRY(compiler_push_fblock(c, fb));
    TRY(compiler_visit_expr(c, s->v.For.iter));
    TRY(compiler_addop(c, OP_GET_ITER, 0));
    TRY(compiler_use_label(c, start));
    TRY(compiler_addop_jump(c, OP_FOR_ITER, cleanup));
    TRY(compiler_visit_expr(c, s->v.For.target));
    TRY(compiler_visit_stmts(c, &s->v.For.body));
    TRY(compiler_addop_artificial(c, OP_JUMP, start));
    TRY(compiler_use_label(c, cleanup));
    compiler_pop_fblock(c);
    TRY(compiler_visit_stmts(c, &s->v.For.orelse));
    return compiler_use_label(c, end);
}

static bool compile_async_for(Compiler *c, const AstStmt *s)
{
    if (c->u->scope != UNIT_ASYNC_FUNCTION)
        return compiler_error(c, "'async for' outside async function");
    int start = compiler_new_label(c), except = compiler_new_label(c),
        end = compiler_new_label(c);
    TRY(start >= 0 && except >= 0 && end >= 0);
    TRY(compiler_visit_expr(c, s->v.For.iter));
    TRY(compiler_addop(c, OP_GET_AITER, 0));
    TRY(compiler_use_label(c, start));
    FBlock fb = {.type = FB_FOR_LOOP, .block = start, .exit = end};
    TRY(compiler_push_fblock(c, fb));
    /* SETUP_FINALLY guards the __anext__ call: StopAsyncIteration ends the
     * loop at END_ASYNC_FOR. GET_ANEXT already makes the awaitable. */
    TRY(compiler_addop_jump(c, OP_SETUP_FINALLY, except));
    TRY(compiler_addop(c, OP_GET_ANEXT, 0) && compiler_load_none(c) &&
        compiler_addop(c, OP_YIELD_FROM, 0));
    TRY(compiler_addop(c, OP_POP_BLOCK, 0));
    TRY(compiler_visit_expr(c, s->v.For.target));
    TRY(compiler_visit_stmts(c, &s->v.For.body));
    TRY(compiler_addop_artificial(c, OP_JUMP, start));
    compiler_pop_fblock(c);
    TRY(compiler_use_label(c, except));
    TRY(compiler_addop_artificial(c, OP_END_ASYNC_FOR, 0));
    TRY(compiler_visit_stmts(c, &s->v.For.orelse));
    return compiler_use_label(c, end);
}

/* ---- simple statements ----------------------------------------------------------------- */

static int inplace_op(AstOperator op)
{
    switch (op) {
    case AST_Add: return R_BINOP_ADD;
    case AST_Sub: return R_BINOP_SUBTRACT;
    case AST_Mult: return R_BINOP_MULTIPLY;
    case AST_MatMult: return R_BINOP_MATMUL;
    case AST_Div: return R_BINOP_TRUE_DIVIDE;
    case AST_Mod: return R_BINOP_REMAINDER;
    case AST_Pow: return R_BINOP_POWER;
    case AST_LShift: return R_BINOP_LSHIFT;
    case AST_RShift: return R_BINOP_RSHIFT;
    case AST_BitOr: return R_BINOP_OR;
    case AST_BitXor: return R_BINOP_XOR;
    case AST_BitAnd: return R_BINOP_AND;
    case AST_FloorDiv: return R_BINOP_FLOOR_DIVIDE;
    }
    return R_BINOP_ADD;
}

static bool compile_augassign(Compiler *c, const AstStmt *s)
{
    const AstExpr *e = s->v.AugAssign.target;
    r_position stmt_loc = c->u->loc;
    c->u->loc = compiler_pos(e->pos);
    switch (e->kind) {
    case EXPR_Attribute:
        TRY(compiler_visit_expr(c, e->v.Attribute.value));
        TRY(compiler_addop(c, OP_DUP_TOP, 0));
        compiler_loc_match_attr(c, e);
        TRY(compiler_addop_name(c, OP_LOAD_ATTR, e->v.Attribute.attr));
        break;
    case EXPR_Subscript:
        TRY(compiler_visit_expr(c, e->v.Subscript.value));
        TRY(compiler_visit_expr(c, e->v.Subscript.slice));
        TRY(compiler_addop(c, OP_DUP_TOP_TWO, 0));
        TRY(compiler_addop(c, OP_BINARY_SUBSCR, 0));
        break;
    case EXPR_Name:
        TRY(compiler_nameop(c, e->v.Name.id, AST_Load));
        break;
    default:
        return compiler_error(c, "'%s' is an illegal expression for augmented assignment",
                              ast_expr_kind_name(e->kind));
    }
    c->u->loc = stmt_loc;
    TRY(compiler_visit_expr(c, s->v.AugAssign.value));
    TRY(compiler_addop(c, OP_BINARY_OP, R_BINOP_INPLACE + inplace_op(s->v.AugAssign.op)));
    c->u->loc = compiler_pos(e->pos);
    switch (e->kind) {
    case EXPR_Attribute:
        compiler_loc_match_attr(c, e);
        TRY(compiler_addop(c, OP_ROT_TWO, 0));
        TRY(compiler_addop_name(c, OP_STORE_ATTR, e->v.Attribute.attr));
        break;
    case EXPR_Subscript:
        TRY(compiler_addop(c, OP_ROT_THREE, 0));
        TRY(compiler_addop(c, OP_STORE_SUBSCR, 0));
        break;
    default:
        TRY(compiler_nameop(c, e->v.Name.id, AST_Store));
        break;
    }
    c->u->loc = stmt_loc;
    return true;
}

static bool compile_assert(Compiler *c, const AstStmt *s)
{
    /* refpy runs without -O: asserts are always compiled */
    int end = compiler_new_label(c);
    TRY(end >= 0);
    TRY(compiler_jump_if(c, s->v.Assert.test, end, true));
    TRY(compiler_addop(c, OP_LOAD_ASSERTION_ERROR, 0));
    if (s->v.Assert.msg) {
        TRY(compiler_visit_expr(c, s->v.Assert.msg));
        TRY(compiler_addop(c, OP_CALL_FUNCTION, 1));
    }
    TRY(compiler_addop(c, OP_RAISE_VARARGS, 1));
    return compiler_use_label(c, end);
}

static bool compile_raise(Compiler *c, const AstStmt *s)
{
    int n = 0;
    if (s->v.Raise.exc) {
        TRY(compiler_visit_expr(c, s->v.Raise.exc));
        n++;
        if (s->v.Raise.cause) {
            TRY(compiler_visit_expr(c, s->v.Raise.cause));
            n++;
        }
    }
    return compiler_addop(c, OP_RAISE_VARARGS, n);
}

/* `import a.b.c as d` binds d to a.b.c through IMPORT_FROM of each part. */
static bool import_as(Compiler *c, const char *name, const char *asname)
{
    const char *dot = strchr(name, '.');
    if (!dot)
        return compiler_nameop(c, asname, AST_Store);
    for (;;) {
        const char *part = dot + 1;
        dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        const char *attr = arena_strndup(c->arena, part, len);
        if (!attr)
            return compiler_memory_error(c);
        TRY(compiler_addop_name_raw(c, OP_IMPORT_FROM, attr));
        if (!dot)
            break;
        TRY(compiler_addop(c, OP_ROT_TWO, 0) && compiler_addop(c, OP_POP_TOP, 0));
    }
    return compiler_nameop(c, asname, AST_Store) && compiler_addop(c, OP_POP_TOP, 0);
}

static bool compile_import(Compiler *c, const AstStmt *s)
{
    for (int i = 0; i < s->v.Import.names.len; i++) {
        const AstAlias *alias = s->v.Import.names.items[i];
        TRY(compiler_load_int(c, 0) && compiler_load_none(c));
        TRY(compiler_addop_name_raw(c, OP_IMPORT_NAME, alias->name));
        if (alias->asname) {
            TRY(import_as(c, alias->name, alias->asname));
            continue;
        }
        /* `import a.b` binds the top-level package a */
        const char *dot = strchr(alias->name, '.');
        const char *store = alias->name;
        if (dot && !(store = arena_strndup(c->arena, alias->name, (size_t)(dot - alias->name))))
            return compiler_memory_error(c);
        TRY(compiler_nameop(c, store, AST_Store));
    }
    return true;
}

static bool compile_from_import(Compiler *c, const AstStmt *s)
{
    const AstAliasList *names = &s->v.ImportFrom.names;
    TRY(compiler_load_int(c, s->v.ImportFrom.level));
    const char **fromlist = malloc((size_t)(names->len + 1) * sizeof *fromlist);
    if (!fromlist)
        return compiler_memory_error(c);
    for (int i = 0; i < names->len; i++)
        fromlist[i] = names->items[i]->name;
    bool ok = compiler_load_name_tuple(c, fromlist, names->len);
    free(fromlist);
    TRY(ok);
    const char *module = s->v.ImportFrom.module ? s->v.ImportFrom.module : "";
    if (strcmp(module, "__future__") == 0)
        return compiler_error(c, "from __future__ imports are outside the case language");
    TRY(compiler_addop_name_raw(c, OP_IMPORT_NAME, module));
    for (int i = 0; i < names->len; i++) {
        const AstAlias *alias = names->items[i];
        if (strcmp(alias->name, "*") == 0)
            return compiler_error(c, "'from ... import *' is outside the case language");
        TRY(compiler_addop_name_raw(c, OP_IMPORT_FROM, alias->name));
        TRY(compiler_nameop(c, alias->asname ? alias->asname : alias->name, AST_Store));
    }
    return compiler_addop(c, OP_POP_TOP, 0);
}

static bool compile_assign(Compiler *c, const AstStmt *s)
{
    const AstExprList *targets = &s->v.Assign.targets;
    TRY(compiler_visit_expr(c, s->v.Assign.value));
    for (int i = 0; i < targets->len; i++) {
        if (i < targets->len - 1)
            TRY(compiler_addop(c, OP_DUP_TOP, 0));
        TRY(compiler_visit_expr(c, targets->items[i]));
    }
    return true;
}

/* Annotations are outside the case language: the assignment is made, the
 * annotation neither evaluated nor stored. */
static bool compile_annassign(Compiler *c, const AstStmt *s)
{
    if (!s->v.AnnAssign.value)
        return true;
    return compiler_visit_expr(c, s->v.AnnAssign.value) &&
           compiler_visit_expr(c, s->v.AnnAssign.target);
}

static bool compile_expr_stmt(Compiler *c, const AstExpr *value)
{
    if (value->kind == EXPR_Constant)
        return true; /* CPython ignores a constant statement */
    /* the POP_TOP is artificial: it takes the expression's last position */
    return compiler_visit_expr(c, value) && compiler_addop_artificial(c, OP_POP_TOP, 0);
}

static bool visit_stmt_kind(Compiler *c, const AstStmt *s)
{
    switch (s->kind) {
    case STMT_FunctionDef:
        return compiler_function(c, s, false);
    case STMT_AsyncFunctionDef:
        return compiler_function(c, s, true);
    case STMT_ClassDef:
        return compiler_class(c, s);
    case STMT_Return:
        return compile_return(c, s);
    case STMT_Delete:
        for (int i = 0; i < s->v.Delete.targets.len; i++)
            TRY(compiler_visit_expr(c, s->v.Delete.targets.items[i]));
        return true;
    case STMT_Assign:
        return compile_assign(c, s);
    case STMT_AugAssign:
        return compile_augassign(c, s);
    case STMT_AnnAssign:
        return compile_annassign(c, s);
    case STMT_For:
        return compile_for(c, s);
    case STMT_AsyncFor:
        return compile_async_for(c, s);
    case STMT_While:
        return compile_while(c, s);
    case STMT_If:
        return compile_if(c, s);
    case STMT_With:
        return compiler_with(c, s, 0);
    case STMT_AsyncWith:
        return compiler_async_with(c, s, 0);
    case STMT_Raise:
        return compile_raise(c, s);
    case STMT_Try:
        return compiler_try(c, s);
    case STMT_Assert:
        return compile_assert(c, s);
    case STMT_Import:
        return compile_import(c, s);
    case STMT_ImportFrom:
        return compile_from_import(c, s);
    case STMT_Global:
    case STMT_Nonlocal:
    case STMT_Pass:
        return true;
    case STMT_Expr:
        return compile_expr_stmt(c, s->v.Expr.value);
    case STMT_Break:
        return compile_break(c);
    case STMT_Continue:
        return compile_continue(c);
    }
    return compiler_error(c, "internal error: unknown statement kind %d", (int)s->kind);
}

bool compiler_visit_stmt(Compiler *c, const AstStmt *s)
{
    if (++c->recursion > COMPILE_MAX_RECURSION) {
        c->recursion--;
        return compiler_error_at(c, s->pos, "too many nested statements");
    }
    r_position saved = c->u->loc;
    c->u->loc = compiler_pos(s->pos);
    bool ok = visit_stmt_kind(c, s);
    c->u->loc = saved;
    c->recursion--;
    return ok;
}

bool compiler_visit_stmts(Compiler *c, const AstStmtList *body)
{
    for (int i = 0; i < body->len; i++)
        TRY(compiler_visit_stmt(c, body->items[i]));
    return true;
}
