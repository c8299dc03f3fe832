/* Expressions (CPython 3.9's compile.c shapes, 3.11's positions): every
 * instruction is located at the innermost expression it implements. */
#include <stdio.h>
#include <string.h>

#include "compile_internal.h"
#include "profile.h"

static int binop_arg(AstOperator op)
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

static bool visit_exprs(Compiler *c, const AstExprList *list)
{
    for (int i = 0; i < list->len; i++)
        TRY(compiler_visit_expr(c, list->items[i]));
    return true;
}

/* ---- comparisons and conditions ------------------------------------------------ */

static bool add_compare(Compiler *c, AstCmpOp op)
{
    switch (op) {
    case AST_Is: return compiler_addop(c, OP_IS_OP, 0);
    case AST_IsNot: return compiler_addop(c, OP_IS_OP, 1);
    case AST_In: return compiler_addop(c, OP_CONTAINS_OP, 0);
    case AST_NotIn: return compiler_addop(c, OP_CONTAINS_OP, 1);
    case AST_Eq: return compiler_addop(c, OP_COMPARE_OP, R_EQ);
    case AST_NotEq: return compiler_addop(c, OP_COMPARE_OP, R_NE);
    case AST_Lt: return compiler_addop(c, OP_COMPARE_OP, R_LT);
    case AST_LtE: return compiler_addop(c, OP_COMPARE_OP, R_LE);
    case AST_Gt: return compiler_addop(c, OP_COMPARE_OP, R_GT);
    case AST_GtE: return compiler_addop(c, OP_COMPARE_OP, R_GE);
    }
    return compiler_error(c, "internal error: unknown comparison %d", (int)op);
}

/* a < b < c: each middle operand is kept (DUP_TOP ROT_THREE) for the next
 * comparison; a false result short-circuits to cleanup. */
static bool compile_compare(Compiler *c, const AstExpr *e)
{
    const AstCmpOpList *ops = &e->v.Compare.ops;
    const AstExprList *comparators = &e->v.Compare.comparators;
    int n = ops->len - 1;
    TRY(compiler_visit_expr(c, e->v.Compare.left));
    if (n == 0)
        return compiler_visit_expr(c, comparators->items[0]) && add_compare(c, ops->items[0]);
    int cleanup = compiler_new_label(c), end = compiler_new_label(c);
    TRY(cleanup >= 0 && end >= 0);
    for (int i = 0; i < n; i++) {
        TRY(compiler_visit_expr(c, comparators->items[i]));
        TRY(compiler_addop(c, OP_DUP_TOP, 0) && compiler_addop(c, OP_ROT_THREE, 0));
        TRY(add_compare(c, ops->items[i]));
        TRY(compiler_addop_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup));
    }
    TRY(compiler_visit_expr(c, comparators->items[n]) && add_compare(c, ops->items[n]));
    TRY(compiler_addop_jump(c, OP_JUMP, end));
    TRY(compiler_use_label(c, cleanup));
    TRY(compiler_addop(c, OP_ROT_TWO, 0) && compiler_addop(c, OP_POP_TOP, 0));
    return compiler_use_label(c, end);
}

/* Jumps to label when e's truth equals cond, without building the value
 * of `not`, `and`, `or`, conditional expressions or chained comparisons
 * (CPython's compiler_jump_if). */
bool compiler_jump_if(Compiler *c, const AstExpr *e, int label, bool cond)
{
    r_position saved = c->u->loc;
    c->u->loc = compiler_pos(e->pos);
    bool ok = true;
    switch (e->kind) {
    case EXPR_UnaryOp:
        if (e->v.UnaryOp.op != AST_Not)
            break;
        ok = compiler_jump_if(c, e->v.UnaryOp.operand, label, !cond);
        c->u->loc = saved;
        return ok;
    case EXPR_BoolOp: {
        const AstExprList *values = &e->v.BoolOp.values;
        bool cond2 = e->v.BoolOp.op == AST_Or;
        int next2 = label;
        if (cond2 != cond && (next2 = compiler_new_label(c)) < 0)
            return false;
        for (int i = 0; ok && i < values->len - 1; i++)
            ok = compiler_jump_if(c, values->items[i], next2, cond2);
        ok = ok && compiler_jump_if(c, values->items[values->len - 1], label, cond);
        if (ok && next2 != label)
            ok = compiler_use_label(c, next2);
        c->u->loc = saved;
        return ok;
    }
    case EXPR_IfExp: {
        int end = compiler_new_label(c), next2 = compiler_new_label(c);
        ok = end >= 0 && next2 >= 0 && compiler_jump_if(c, e->v.IfExp.test, next2, false) &&
             compiler_jump_if(c, e->v.IfExp.body, label, cond) &&
             compiler_addop_artificial(c, OP_JUMP, end) && compiler_use_label(c, next2) &&
             compiler_jump_if(c, e->v.IfExp.orelse, label, cond) && compiler_use_label(c, end);
        c->u->loc = saved;
        return ok;
    }
    case EXPR_Compare: {
        const AstCmpOpList *ops = &e->v.Compare.ops;
        const AstExprList *comparators = &e->v.Compare.comparators;
        int n = ops->len - 1;
        if (n == 0)
            break;
        int cleanup = compiler_new_label(c), end = compiler_new_label(c);
        ok = cleanup >= 0 && end >= 0 && compiler_visit_expr(c, e->v.Compare.left);
        for (int i = 0; ok && i < n; i++)
            ok = compiler_visit_expr(c, comparators->items[i]) &&
                 compiler_addop(c, OP_DUP_TOP, 0) && compiler_addop(c, OP_ROT_THREE, 0) &&
                 add_compare(c, ops->items[i]) &&
                 compiler_addop_jump(c, OP_POP_JUMP_IF_FALSE, cleanup);
        ok = ok && compiler_visit_expr(c, comparators->items[n]) &&
             add_compare(c, ops->items[n]) &&
             compiler_addop_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label) &&
             compiler_addop_jump(c, OP_JUMP, end) && compiler_use_label(c, cleanup) &&
             compiler_addop(c, OP_POP_TOP, 0);
        if (ok && !cond)
            ok = compiler_addop_jump(c, OP_JUMP, label);
        ok = ok && compiler_use_label(c, end);
        c->u->loc = saved;
        return ok;
    }
    default:
        break;
    }
    c->u->loc = saved;
    return compiler_visit_expr(c, e) &&
           compiler_addop_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static bool compile_boolop(Compiler *c, const AstExpr *e)
{
    int jump = e->v.BoolOp.op == AST_And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    const AstExprList *values = &e->v.BoolOp.values;
    int end = compiler_new_label(c);
    TRY(end >= 0);
    for (int i = 0; i < values->len - 1; i++)
        TRY(compiler_visit_expr(c, values->items[i]) && compiler_addop_jump(c, jump, end));
    TRY(compiler_visit_expr(c, values->items[values->len - 1]));
    return compiler_use_label(c, end);
}

static bool compile_ifexp(Compiler *c, const AstExpr *e)
{
    int end = compiler_new_label(c), next = compiler_new_label(c);
    TRY(end >= 0 && next >= 0);
    TRY(compiler_jump_if(c, e->v.IfExp.test, next, false));
    TRY(compiler_visit_expr(c, e->v.IfExp.body));
    TRY(compiler_addop_artificial(c, OP_JUMP, end));
    TRY(compiler_use_label(c, next));
    TRY(compiler_visit_expr(c, e->v.IfExp.orelse));
    return compiler_use_label(c, end);
}

/* ---- displays ----------------------------------------------------------------------- */

static bool all_constant(const AstExprList *elts)
{
    for (int i = 0; i < elts->len; i++)
        if (!compiler_is_constant(elts->items[i]))
            return false;
    return true;
}

/* Builds a list, tuple or set from elts, some of them possibly *starred,
 * on top of `pushed` values already on the stack (CPython's
 * starunpack_helper). */
static bool starunpack(Compiler *c, const AstExprList *elts, int pushed, int build, int add,
                       int extend, int extend_arg, bool tuple)
{
    int n = elts->len;
    if (n > 2 && (build != OP_BUILD_SET || r_set_display_updates_from_frozenset()) &&
        all_constant(elts)) {
        /* [1, 2, 3] extends an empty list with the constant (1, 2, 3);
         * {1, 2, 3} updates an empty set from frozenset({1, 2, 3}), so its
         * order is the one the frozenset's iteration gives */
        AstExpr folded;
        memset(&folded, 0, sizeof folded);
        folded.kind = EXPR_Tuple;
        folded.v.Tuple.elts = *elts;
        folded.v.Tuple.ctx = AST_Load;
        if (tuple)
            return compiler_load_folded(c, &folded);
        return compiler_addop(c, build, pushed) &&
               (build == OP_BUILD_SET ? compiler_load_frozenset(c, &folded)
                                      : compiler_load_folded(c, &folded)) &&
               compiler_addop(c, extend, extend_arg);
    }
    bool has_star = false;
    for (int i = 0; i < n; i++)
        if (elts->items[i]->kind == EXPR_Starred)
            has_star = true;
    if (!has_star) {
        TRY(visit_exprs(c, elts));
        return compiler_addop(c, tuple ? OP_BUILD_TUPLE : build, n + pushed);
    }
    bool seen_star = false;
    for (int i = 0; i < n; i++) {
        const AstExpr *elt = elts->items[i];
        if (elt->kind == EXPR_Starred) {
            if (!seen_star) {
                TRY(compiler_addop(c, build, i + pushed));
                seen_star = true;
            }
            TRY(compiler_visit_expr(c, elt->v.Starred.value) &&
                compiler_addop(c, extend, extend_arg));
        } else {
            TRY(compiler_visit_expr(c, elt));
            if (seen_star)
                TRY(compiler_addop(c, add, 1));
        }
    }
    return !tuple || compiler_addop(c, OP_LIST_TO_TUPLE, 0);
}

/* Unpacking into targets: UNPACK_SEQUENCE, or UNPACK_EX around one *star. */
static bool assign_targets(Compiler *c, const AstExprList *elts)
{
    int n = elts->len;
    bool seen_star = false;
    for (int i = 0; i < n; i++) {
        const AstExpr *elt = elts->items[i];
        if (elt->kind != EXPR_Starred)
            continue;
        if (seen_star)
            return compiler_error(c, "multiple starred expressions in assignment");
        if (i >= (1 << 8) || n - i - 1 >= (1 << 16))
            return compiler_error(c, "too many expressions in star-unpacking assignment");
        TRY(compiler_addop(c, OP_UNPACK_EX, i + ((n - i - 1) << 8)));
        seen_star = true;
    }
    if (!seen_star)
        TRY(compiler_addop(c, OP_UNPACK_SEQUENCE, n));
    for (int i = 0; i < n; i++) {
        const AstExpr *elt = elts->items[i];
        TRY(compiler_visit_expr(c, elt->kind == EXPR_Starred ? elt->v.Starred.value : elt));
    }
    return true;
}

static bool compile_sequence(Compiler *c, const AstExpr *e, const AstExprList *elts,
                             AstExprContext ctx, bool is_tuple)
{
    if (ctx == AST_Store)
        return assign_targets(c, elts);
    if (ctx == AST_Del)
        return visit_exprs(c, elts);
    if (is_tuple && compiler_is_constant(e))
        return compiler_load_folded(c, e);
    return starunpack(c, elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1, is_tuple);
}

/* keys[begin..end) and their values as one BUILD_MAP (CPython uses
 * BUILD_CONST_KEY_MAP for constant keys; the instruction set has none, and
 * the values are evaluated in the same order either way). */
static bool subdict(Compiler *c, const AstExpr *e, int begin, int end)
{
    for (int i = begin; i < end; i++)
        TRY(compiler_visit_expr(c, e->v.Dict.keys.items[i]) &&
            compiler_visit_expr(c, e->v.Dict.values.items[i]));
    return compiler_addop(c, OP_BUILD_MAP, end - begin);
}

static bool compile_dict(Compiler *c, const AstExpr *e)
{
    int n = e->v.Dict.values.len, elements = 0;
    bool have_dict = false;
    for (int i = 0; i < n; i++) {
        if (e->v.Dict.keys.items[i]) {
            elements++;
            continue;
        }
        /* {**m}: what came before is a dict that m updates */
        if (elements) {
            TRY(subdict(c, e, i - elements, i));
            if (have_dict)
                TRY(compiler_addop(c, OP_DICT_UPDATE, 1));
            have_dict = true;
            elements = 0;
        }
        if (!have_dict) {
            TRY(compiler_addop(c, OP_BUILD_MAP, 0));
            have_dict = true;
        }
        TRY(compiler_visit_expr(c, e->v.Dict.values.items[i]));
        TRY(compiler_addop(c, OP_DICT_UPDATE, 1));
    }
    if (elements) {
        TRY(subdict(c, e, n - elements, n));
        if (have_dict)
            TRY(compiler_addop(c, OP_DICT_UPDATE, 1));
        have_dict = true;
    }
    return have_dict || compiler_addop(c, OP_BUILD_MAP, 0);
}

/* ---- calls ----------------------------------------------------------------------------- */

static bool validate_keywords(Compiler *c, const AstKeywordList *keywords)
{
    for (int i = 0; i < keywords->len; i++) {
        const char *name = keywords->items[i]->arg;
        if (!name)
            continue;
        for (int j = i + 1; j < keywords->len; j++) {
            const AstKeyword *other = keywords->items[j];
            if (other->arg && strcmp(name, other->arg) == 0) {
                char msg[300];
                snprintf(msg, sizeof msg, "keyword argument repeated: %s", name);
                return compiler_error_at(c, other->pos, msg);
            }
        }
    }
    return true;
}

/* keywords[begin..end) as a dict */
static bool subkwargs(Compiler *c, const AstKeywordList *keywords, int begin, int end)
{
    for (int i = begin; i < end; i++)
        TRY(compiler_load_str(c, keywords->items[i]->arg) &&
            compiler_visit_expr(c, keywords->items[i]->value));
    return compiler_addop(c, OP_BUILD_MAP, end - begin);
}

/* The arguments of a call whose callable (and `pushed` first arguments)
 * are on the stack: CALL_FUNCTION, CALL_FUNCTION_KW with a tuple of the
 * keyword names, or with *args and **kwargs CALL_FUNCTION_EX of a tuple and
 * a dict built with LIST_EXTEND and DICT_MERGE. */
bool compiler_call_helper(Compiler *c, int pushed, const AstExprList *args,
                          const AstKeywordList *keywords)
{
    TRY(validate_keywords(c, keywords));
    int nargs = args->len, nkw = keywords->len;
    bool ex_call = false;
    for (int i = 0; i < nargs; i++)
        if (args->items[i]->kind == EXPR_Starred)
            ex_call = true;
    for (int i = 0; i < nkw; i++)
        if (!keywords->items[i]->arg)
            ex_call = true;
    if (!ex_call) {
        TRY(visit_exprs(c, args));
        if (!nkw)
            return compiler_addop(c, OP_CALL_FUNCTION, pushed + nargs);
        const char *names[256];
        const char **kwnames = names;
        if (nkw > 256 && !(kwnames = arena_alloc(c->arena, (size_t)nkw * sizeof *kwnames)))
            return compiler_memory_error(c);
        for (int i = 0; i < nkw; i++) {
            TRY(compiler_visit_expr(c, keywords->items[i]->value));
            kwnames[i] = keywords->items[i]->arg;
        }
        TRY(compiler_load_name_tuple(c, kwnames, nkw));
        return compiler_addop(c, OP_CALL_FUNCTION_KW, pushed + nargs + nkw);
    }
    if (pushed == 0 && nargs == 1 && args->items[0]->kind == EXPR_Starred)
        TRY(compiler_visit_expr(c, args->items[0]->v.Starred.value));
    else
        TRY(starunpack(c, args, pushed, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND,
                       1 | R_EXTEND_FOR_CALL, true));
    if (nkw) {
        bool have_dict = false;
        int nseen = 0;
        for (int i = 0; i < nkw; i++) {
            const AstKeyword *kw = keywords->items[i];
            if (kw->arg) {
                nseen++;
                continue;
            }
            /* **mapping: merge what came before, then the mapping */
            if (nseen) {
                TRY(subkwargs(c, keywords, i - nseen, i));
                if (have_dict)
                    TRY(compiler_addop(c, OP_DICT_MERGE, 1));
                have_dict = true;
                nseen = 0;
            }
            if (!have_dict) {
                TRY(compiler_addop(c, OP_BUILD_MAP, 0));
                have_dict = true;
            }
            TRY(compiler_visit_expr(c, kw->value) && compiler_addop(c, OP_DICT_MERGE, 1));
        }
        if (nseen) {
            TRY(subkwargs(c, keywords, nkw - nseen, nkw));
            if (have_dict)
                TRY(compiler_addop(c, OP_DICT_MERGE, 1));
        }
    }
    return compiler_addop(c, OP_CALL_FUNCTION_EX, nkw > 0);
}

/* obj.meth(args) with no keywords and no *args: LOAD_METHOD/CALL_METHOD,
 * located at the attribute's line as CPython 3.11 does. */
static bool compile_method_call(Compiler *c, const AstExpr *e)
{
    const AstExpr *meth = e->v.Call.func;
    TRY(compiler_visit_expr(c, meth->v.Attribute.value));
    compiler_loc_match_attr(c, meth);
    TRY(compiler_addop_name(c, OP_LOAD_METHOD, meth->v.Attribute.attr));
    TRY(visit_exprs(c, &e->v.Call.args));
    compiler_loc_match_attr(c, meth);
    return compiler_addop(c, OP_CALL_METHOD, e->v.Call.args.len);
}

static bool compile_call(Compiler *c, const AstExpr *e)
{
    const AstExpr *func = e->v.Call.func;
    if (func->kind == EXPR_Attribute && func->v.Attribute.ctx == AST_Load &&
        e->v.Call.keywords.len == 0) {
        bool starred = false;
        for (int i = 0; i < e->v.Call.args.len; i++)
            if (e->v.Call.args.items[i]->kind == EXPR_Starred)
                starred = true;
        if (!starred)
            return compile_method_call(c, e);
    }
    TRY(compiler_visit_expr(c, func));
    return compiler_call_helper(c, 0, &e->v.Call.args, &e->v.Call.keywords);
}

/* ---- f-strings ------------------------------------------------------------------------- */

static bool compile_formatted_value(Compiler *c, const AstExpr *e)
{
    int arg;
    switch (e->v.FormattedValue.conversion) {
    case 's': arg = R_FORMAT_STR; break;
    case 'r': arg = R_FORMAT_REPR; break;
    case 'a': arg = R_FORMAT_ASCII; break;
    case -1: arg = R_FORMAT_NONE; break;
    default:
        return compiler_error(c, "internal error: conversion %d", e->v.FormattedValue.conversion);
    }
    TRY(compiler_visit_expr(c, e->v.FormattedValue.value));
    if (e->v.FormattedValue.format_spec) {
        TRY(compiler_visit_expr(c, e->v.FormattedValue.format_spec));
        arg |= R_FORMAT_SPEC;
    }
    return compiler_addop(c, OP_FORMAT_VALUE, arg);
}

static bool compile_joined_str(Compiler *c, const AstExpr *e)
{
    TRY(visit_exprs(c, &e->v.JoinedStr.values));
    if (e->v.JoinedStr.values.len != 1)
        TRY(compiler_addop(c, OP_BUILD_STRING, e->v.JoinedStr.values.len));
    return true;
}

/* ---- the rest ---------------------------------------------------------------------------- */

static bool compile_attribute(Compiler *c, const AstExpr *e)
{
    TRY(compiler_visit_expr(c, e->v.Attribute.value));
    compiler_loc_match_attr(c, e);
    int op = e->v.Attribute.ctx == AST_Load    ? OP_LOAD_ATTR
             : e->v.Attribute.ctx == AST_Store ? OP_STORE_ATTR
                                               : OP_DELETE_ATTR;
    return compiler_addop_name(c, op, e->v.Attribute.attr);
}

static bool compile_subscript(Compiler *c, const AstExpr *e)
{
    int op = e->v.Subscript.ctx == AST_Load    ? OP_BINARY_SUBSCR
             : e->v.Subscript.ctx == AST_Store ? OP_STORE_SUBSCR
                                               : OP_DELETE_SUBSCR;
    return compiler_visit_expr(c, e->v.Subscript.value) &&
           compiler_visit_expr(c, e->v.Subscript.slice) && compiler_addop(c, op, 0);
}

static bool compile_slice(Compiler *c, const AstExpr *e)
{
    int n = 2;
    TRY(e->v.Slice.lower ? compiler_visit_expr(c, e->v.Slice.lower) : compiler_load_none(c));
    TRY(e->v.Slice.upper ? compiler_visit_expr(c, e->v.Slice.upper) : compiler_load_none(c));
    if (e->v.Slice.step) {
        n++;
        TRY(compiler_visit_expr(c, e->v.Slice.step));
    }
    return compiler_addop(c, OP_BUILD_SLICE, n);
}

static bool compile_await(Compiler *c, const AstExpr *e)
{
    if (c->u->ste->type != SYM_BLOCK_FUNCTION)
        return compiler_error(c, "'await' outside function");
    if (c->u->scope != UNIT_ASYNC_FUNCTION && c->u->scope != UNIT_COMPREHENSION)
        return compiler_error(c, "'await' outside async function");
    return compiler_visit_expr(c, e->v.Await.value) && compiler_addop(c, OP_GET_AWAITABLE, 0) &&
           compiler_load_none(c) && compiler_addop(c, OP_YIELD_FROM, 0);
}

static bool compile_yield(Compiler *c, const AstExpr *e)
{
    if (c->u->ste->type != SYM_BLOCK_FUNCTION)
        return compiler_error(c, "'yield' outside function");
    TRY(e->v.Yield.value ? compiler_visit_expr(c, e->v.Yield.value) : compiler_load_none(c));
    return compiler_addop(c, OP_YIELD_VALUE, 0);
}

static bool compile_yield_from(Compiler *c, const AstExpr *e)
{
    if (c->u->ste->type != SYM_BLOCK_FUNCTION)
        return compiler_error(c, "'yield' outside function");
    if (c->u->scope == UNIT_ASYNC_FUNCTION)
        return compiler_error(c, "'yield from' inside async function");
    return compiler_visit_expr(c, e->v.YieldFrom.value) &&
           compiler_addop(c, OP_GET_YIELD_FROM_ITER, 0) && compiler_load_none(c) &&
           compiler_addop(c, OP_YIELD_FROM, 0);
}

static bool visit_expr_kind(Compiler *c, const AstExpr *e)
{
    switch (e->kind) {
    case EXPR_BoolOp:
        return compile_boolop(c, e);
    case EXPR_NamedExpr:
        return compiler_visit_expr(c, e->v.NamedExpr.value) &&
               compiler_addop(c, OP_DUP_TOP, 0) &&
               compiler_visit_expr(c, e->v.NamedExpr.target);
    case EXPR_BinOp:
        return compiler_visit_expr(c, e->v.BinOp.left) &&
               compiler_visit_expr(c, e->v.BinOp.right) &&
               compiler_addop(c, OP_BINARY_OP, binop_arg(e->v.BinOp.op));
    case EXPR_UnaryOp: {
        TRY(compiler_visit_expr(c, e->v.UnaryOp.operand));
        switch (e->v.UnaryOp.op) {
        case AST_Invert: return compiler_addop(c, OP_UNARY_INVERT, 0);
        case AST_Not: return compiler_addop(c, OP_UNARY_NOT, 0);
        case AST_UAdd: return compiler_addop(c, OP_UNARY_POSITIVE, 0);
        case AST_USub: return compiler_addop(c, OP_UNARY_NEGATIVE, 0);
        }
        return false;
    }
    case EXPR_Lambda:
        return compiler_lambda(c, e);
    case EXPR_IfExp:
        return compile_ifexp(c, e);
    case EXPR_Dict:
        return compile_dict(c, e);
    case EXPR_Set:
        return starunpack(c, &e->v.Set.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, 1, false);
    case EXPR_ListComp:
    case EXPR_SetComp:
    case EXPR_DictComp:
    case EXPR_GeneratorExp:
        return compiler_comprehension(c, e);
    case EXPR_Await:
        return compile_await(c, e);
    case EXPR_Yield:
        return compile_yield(c, e);
    case EXPR_YieldFrom:
        return compile_yield_from(c, e);
    case EXPR_Compare:
        return compile_compare(c, e);
    case EXPR_Call:
        return compile_call(c, e);
    case EXPR_FormattedValue:
        return compile_formatted_value(c, e);
    case EXPR_JoinedStr:
        return compile_joined_str(c, e);
    case EXPR_Constant:
        return compiler_load_const(c, &e->v.Constant.value);
    case EXPR_Attribute:
        return compile_attribute(c, e);
    case EXPR_Subscript:
        return compile_subscript(c, e);
    case EXPR_Starred:
        if (e->v.Starred.ctx == AST_Store)
            return compiler_error(c, "starred assignment target must be in a list or tuple");
        return compiler_error(c, "can't use starred expression here");
    case EXPR_Name:
        if (e->v.Name.ctx == AST_Load && strcmp(e->v.Name.id, "__debug__") == 0) {
            /* CPython's AST optimizer makes __debug__ a constant (no -O) */
            AstConstant true_value = {.kind = AST_CONST_TRUE};
            return compiler_load_const(c, &true_value);
        }
        return compiler_nameop(c, e->v.Name.id, e->v.Name.ctx);
    case EXPR_List:
        return compile_sequence(c, e, &e->v.List.elts, e->v.List.ctx, false);
    case EXPR_Tuple:
        return compile_sequence(c, e, &e->v.Tuple.elts, e->v.Tuple.ctx, true);
    case EXPR_Slice:
        return compile_slice(c, e);
    }
    return compiler_error(c, "internal error: unknown expression kind %d", (int)e->kind);
}

bool compiler_visit_expr(Compiler *c, const AstExpr *e)
{
    if (++c->recursion > COMPILE_MAX_RECURSION) {
        c->recursion--;
        return compiler_error_at(c, e->pos, "too many nested expressions");
    }
    r_position saved = c->u->loc;
    c->u->loc = compiler_pos(e->pos);
    bool ok = visit_expr_kind(c, e);
    c->u->loc = saved;
    c->recursion--;
    return ok;
}
