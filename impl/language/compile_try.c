/* try/except/else/finally, with and async with: CPython 3.9's shapes on
 * the block stack of eval.c. When an exception reaches a handler, the VM
 * has popped the stack to the block's level and pushed `prev exc`: the
 * exception handled before (None when there was none) and the new one,
 * under an EXCEPT_HANDLER block. POP_EXCEPT pops `prev` and makes it the
 * handled exception again, so `exc` must be consumed first; RERAISE pops
 * `exc` and raises it with its traceback. */
#include "compile_internal.h"

/* Instructions from index first on take the previous one's position. */
static void mark_artificial(Compiler *c, int first)
{
    if (c->dead)
        return;
    for (int i = first; i < c->u->ninstrs; i++)
        c->u->instrs[i].pos.line = -1;
}

/* try: body / except E as name: handler / else: orelse (compiler_try_except) */
static bool try_except(Compiler *c, const AstStmt *s)
{
    int except = compiler_new_label(c), orelse = compiler_new_label(c),
        end = compiler_new_label(c);
    TRY(except >= 0 && orelse >= 0 && end >= 0);
    TRY(compiler_addop_jump(c, OP_SETUP_FINALLY, except));
    FBlock body_fb = {.type = FB_TRY_EXCEPT};
    TRY(compiler_push_fblock(c, body_fb));
    TRY(compiler_visit_stmts(c, &s->v.Try.body));
    compiler_pop_fblock(c);
    TRY(compiler_addop_artificial(c, OP_POP_BLOCK, 0));
    TRY(compiler_addop_artificial(c, OP_JUMP, orelse));
    TRY(compiler_use_label(c, except));
    const AstExceptHandlerList *handlers = &s->v.Try.handlers;
    r_position stmt_loc = c->u->loc;
    for (int i = 0; i < handlers->len; i++) {
        const AstExceptHandler *h = handlers->items[i];
        c->u->loc = compiler_pos(h->pos);
        if (!h->type && i < handlers->len - 1)
            return compiler_error(c, "default 'except:' must be last");
        int next = compiler_new_label(c);
        TRY(next >= 0);
        /* stack: prev exc */
        if (h->type) {
            TRY(compiler_addop(c, OP_DUP_TOP, 0));
            TRY(compiler_visit_expr(c, h->type));
            TRY(compiler_addop_jump(c, OP_JUMP_IF_NOT_EXC_MATCH, next));
        }
        if (h->name) {
            /* except E as name: try: body finally: name = None; del name */
            int cleanup_end = compiler_new_label(c);
            TRY(cleanup_end >= 0);
            TRY(compiler_nameop(c, h->name, AST_Store));
            TRY(compiler_addop_jump(c, OP_SETUP_FINALLY, cleanup_end));
            FBlock fb = {.type = FB_HANDLER_CLEANUP, .name = h->name};
            TRY(compiler_push_fblock(c, fb));
            TRY(compiler_visit_stmts(c, &h->body));
            compiler_pop_fblock(c);
            TRY(compiler_addop_artificial(c, OP_POP_BLOCK, 0));
            TRY(compiler_addop_artificial(c, OP_POP_EXCEPT, 0));
            /* the exception dies here, at the handler's last line */
            int first = c->u->ninstrs;
            TRY(compiler_load_none(c) && compiler_nameop(c, h->name, AST_Store) &&
                compiler_nameop(c, h->name, AST_Del));
            mark_artificial(c, first);
            TRY(compiler_addop_artificial(c, OP_JUMP, end));
            /* an exception in the body: stack prev e(handled) new */
            TRY(compiler_use_label(c, cleanup_end));
            first = c->u->ninstrs;
            TRY(compiler_load_none(c) && compiler_nameop(c, h->name, AST_Store) &&
                compiler_nameop(c, h->name, AST_Del) && compiler_addop(c, OP_RERAISE, 0));
            mark_artificial(c, first);
        } else {
            TRY(compiler_addop(c, OP_POP_TOP, 0));
            FBlock fb = {.type = FB_HANDLER_CLEANUP};
            TRY(compiler_push_fblock(c, fb));
            TRY(compiler_visit_stmts(c, &h->body));
            compiler_pop_fblock(c);
            TRY(compiler_addop_artificial(c, OP_POP_EXCEPT, 0));
            TRY(compiler_addop_artificial(c, OP_JUMP, end));
        }
        TRY(compiler_use_label(c, next));
    }
    c->u->loc = stmt_loc;
    /* no handler matched: stack prev exc */
    TRY(compiler_addop_artificial(c, OP_RERAISE, 0));
    TRY(compiler_use_label(c, orelse));
    TRY(compiler_visit_stmts(c, &s->v.Try.orelse));
    return compiler_use_label(c, end);
}

/* try: ... finally: finalbody (compiler_try_finally): the finally body is
 * compiled twice, inline for the normal exit and as the handler that runs
 * it with `prev exc` on the stack and re-raises. */
static bool try_finally(Compiler *c, const AstStmt *s)
{
    int end = compiler_new_label(c), exit = compiler_new_label(c);
    TRY(end >= 0 && exit >= 0);
    TRY(compiler_addop_jump(c, OP_SETUP_FINALLY, end));
    FBlock fb = {.type = FB_FINALLY_TRY, .finalbody = &s->v.Try.finalbody};
    TRY(compiler_push_fblock(c, fb));
    if (s->v.Try.handlers.len)
        TRY(try_except(c, s));
    else
        TRY(compiler_visit_stmts(c, &s->v.Try.body));
    compiler_pop_fblock(c);
    TRY(compiler_addop_artificial(c, OP_POP_BLOCK, 0));
    TRY(compiler_visit_stmts(c, &s->v.Try.finalbody));
    TRY(compiler_addop_artificial(c, OP_JUMP, exit));
    TRY(compiler_use_label(c, end));
    FBlock end_fb = {.type = FB_FINALLY_END};
    TRY(compiler_push_fblock(c, end_fb));
    TRY(compiler_visit_stmts(c, &s->v.Try.finalbody));
    compiler_pop_fblock(c);
    TRY(compiler_addop_artificial(c, OP_RERAISE, 0));
    return compiler_use_label(c, exit);
}

bool compiler_try(Compiler *c, const AstStmt *s)
{
    if (s->v.Try.finalbody.len)
        return try_finally(c, s);
    return try_except(c, s);
}

/* ---- with -------------------------------------------------------------------- */

static bool call_exit_with_nones(Compiler *c)
{
    return compiler_load_none(c) && compiler_addop(c, OP_DUP_TOP, 0) &&
           compiler_addop(c, OP_DUP_TOP, 0) && compiler_addop(c, OP_CALL_FUNCTION, 3);
}

/* After WITH_EXCEPT_START (and its await): stack exit prev exc result. A
 * true result swallows the exception; otherwise it is re-raised. */
static bool with_except_finish(Compiler *c)
{
    int exit = compiler_new_label(c);
    TRY(exit >= 0);
    TRY(compiler_addop_jump(c, OP_POP_JUMP_IF_TRUE, exit));
    TRY(compiler_addop(c, OP_RERAISE, 0));
    TRY(compiler_use_label(c, exit));
    return compiler_addop(c, OP_POP_TOP, 0) && compiler_addop(c, OP_POP_EXCEPT, 0) &&
           compiler_addop(c, OP_POP_TOP, 0);
}

/* with item, ...: body, one item at a time (items after pos nest inside) */
bool compiler_with(Compiler *c, const AstStmt *s, int pos)
{
    const AstWithItem *item = s->v.With.items.items[pos];
    int final = compiler_new_label(c), exit = compiler_new_label(c);
    TRY(final >= 0 && exit >= 0);
    r_position stmt_loc = compiler_pos(s->pos);
    TRY(compiler_visit_expr(c, item->context_expr));
    /* stack: exit_fn enter_result, under a handler block for final */
    TRY(compiler_addop_jump(c, OP_SETUP_WITH, final));
    FBlock fb = {.type = FB_WITH, .stmt = s};
    TRY(compiler_push_fblock(c, fb));
    if (item->optional_vars)
        TRY(compiler_visit_expr(c, item->optional_vars));
    else
        TRY(compiler_addop(c, OP_POP_TOP, 0));
    if (pos + 1 == s->v.With.items.len)
        TRY(compiler_visit_stmts(c, &s->v.With.body));
    else
        TRY(compiler_with(c, s, pos + 1));
    compiler_pop_fblock(c);
    TRY(compiler_addop_artificial(c, OP_POP_BLOCK, 0));
    /* normal exit: exit_fn(None, None, None), at the with statement */
    c->u->loc = stmt_loc;
    TRY(call_exit_with_nones(c));
    TRY(compiler_addop(c, OP_POP_TOP, 0));
    TRY(compiler_addop_jump(c, OP_JUMP, exit));
    /* exceptional exit: stack exit_fn prev exc */
    TRY(compiler_use_label(c, final));
    TRY(compiler_addop(c, OP_WITH_EXCEPT_START, 0));
    TRY(with_except_finish(c));
    return compiler_use_label(c, exit);
}

bool compiler_async_with(Compiler *c, const AstStmt *s, int pos)
{
    if (c->u->scope != UNIT_ASYNC_FUNCTION)
        return compiler_error(c, "'async with' outside async function");
    const AstWithItem *item = s->v.With.items.items[pos];
    int final = compiler_new_label(c), exit = compiler_new_label(c);
    TRY(final >= 0 && exit >= 0);
    r_position stmt_loc = compiler_pos(s->pos);
    TRY(compiler_visit_expr(c, item->context_expr));
    /* BEFORE_ASYNC_WITH leaves `aexit awaitable(aenter())`: it does the
     * work of CPython 3.9's BEFORE_ASYNC_WITH + GET_AWAITABLE */
    TRY(compiler_addop(c, OP_BEFORE_ASYNC_WITH, 0));
    TRY(compiler_load_none(c) && compiler_addop(c, OP_YIELD_FROM, 0));
    TRY(compiler_addop_jump(c, OP_SETUP_ASYNC_WITH, final));
    FBlock fb = {.type = FB_ASYNC_WITH, .stmt = s};
    TRY(compiler_push_fblock(c, fb));
    if (item->optional_vars)
        TRY(compiler_visit_expr(c, item->optional_vars));
    else
        TRY(compiler_addop(c, OP_POP_TOP, 0));
    if (pos + 1 == s->v.With.items.len)
        TRY(compiler_visit_stmts(c, &s->v.With.body));
    else
        TRY(compiler_async_with(c, s, pos + 1));
    compiler_pop_fblock(c);
    TRY(compiler_addop_artificial(c, OP_POP_BLOCK, 0));
    c->u->loc = stmt_loc;
    TRY(call_exit_with_nones(c));
    TRY(compiler_addop(c, OP_GET_AWAITABLE, 2) && compiler_load_none(c) &&
        compiler_addop(c, OP_YIELD_FROM, 0));
    TRY(compiler_addop(c, OP_POP_TOP, 0));
    TRY(compiler_addop_jump(c, OP_JUMP, exit));
    TRY(compiler_use_label(c, final));
    TRY(compiler_addop(c, OP_WITH_EXCEPT_START, 0));
    TRY(compiler_addop(c, OP_GET_AWAITABLE, 2) && compiler_load_none(c) &&
        compiler_addop(c, OP_YIELD_FROM, 0));
    TRY(with_except_finish(c));
    return compiler_use_label(c, exit);
}
