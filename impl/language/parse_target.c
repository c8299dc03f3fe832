/* Assignment, deletion and loop targets: the checks of CPython's
 * _PyPegen_get_invalid_target and _PyPegen_set_expr_context, and the
 * star_targets / del_targets rules read at bitwise_or level so that a bad
 * target (`for f() in x`) is found and named like CPython names it. */
#include "parser_internal.h"

AstExpr *find_invalid_target(AstExpr *expr, TargetsType type) {
    if (!expr) {
        return NULL;
    }
    switch (expr->kind) {
    case EXPR_List:
    case EXPR_Tuple: {
        AstExprList *elts = expr->kind == EXPR_List ? &expr->v.List.elts : &expr->v.Tuple.elts;
        for (int i = 0; i < elts->len; i++) {
            AstExpr *child = find_invalid_target(elts->items[i], type);
            if (child) {
                return child;
            }
        }
        return NULL;
    }
    case EXPR_Starred:
        if (type == DEL_TARGETS) {
            return expr;
        }
        return find_invalid_target(expr->v.Starred.value, type);
    case EXPR_Compare:
        /* `for a in b` read as an expression is a comparison: look left */
        if (type == FOR_TARGETS) {
            if (expr->v.Compare.ops.items[0] == AST_In) {
                return find_invalid_target(expr->v.Compare.left, type);
            }
            return NULL;
        }
        return expr;
    case EXPR_Name:
    case EXPR_Subscript:
    case EXPR_Attribute:
        return NULL;
    default:
        return expr;
    }
}

void set_expr_context(AstExpr *expr, AstExprContext ctx) {
    switch (expr->kind) {
    case EXPR_Name:
        expr->v.Name.ctx = ctx;
        break;
    case EXPR_Attribute:
        expr->v.Attribute.ctx = ctx;
        break;
    case EXPR_Subscript:
        expr->v.Subscript.ctx = ctx;
        break;
    case EXPR_Starred:
        expr->v.Starred.ctx = ctx;
        set_expr_context(expr->v.Starred.value, ctx);
        break;
    case EXPR_List:
        expr->v.List.ctx = ctx;
        for (int i = 0; i < expr->v.List.elts.len; i++) {
            set_expr_context(expr->v.List.elts.items[i], ctx);
        }
        break;
    case EXPR_Tuple:
        expr->v.Tuple.ctx = ctx;
        for (int i = 0; i < expr->v.Tuple.elts.len; i++) {
            set_expr_context(expr->v.Tuple.elts.items[i], ctx);
        }
        break;
    default:
        break;
    }
}

void raise_invalid_target(Parser *p, AstExpr *expr, TargetsType type) {
    AstExpr *invalid = find_invalid_target(expr, type);
    if (!invalid) {
        parser_error_generic(p);
        return;
    }
    parser_error_at_pos(p, invalid->pos, type == DEL_TARGETS ? "cannot delete %s" : "cannot assign to %s",
                        expr_description(invalid));
}

/* One item: '*' bitwise_or or bitwise_or (checked by the caller). */
static AstExpr *parse_target_item(Parser *p, bool allow_star) {
    const LexToken *start = parser_peek(p);
    if (allow_star && parser_accept(p, TOK_STAR)) {
        AstExpr *value = parse_bitwise_or(p);
        if (!value) {
            return NULL;
        }
        AstExpr *starred = parser_new_expr(p, EXPR_Starred, parser_pos_from(p, start));
        if (starred) {
            starred->v.Starred.value = value;
            starred->v.Starred.ctx = AST_Load;
        }
        return starred;
    }
    return parse_bitwise_or(p);
}

void explain_invalid_targets(Parser *p, ParserMark mark, TargetsType type, bool single) {
    if (p->failed && !p->error_is_generic) {
        return; /* a tokenizer error or a precise message already */
    }
    int first_fill = p->fill;
    parser_reset(p, mark);
    AstExpr *all = single ? parse_expression(p) : parse_star_expressions(p);
    if (p->failed && !p->error_is_generic) {
        return;
    }
    if (all && !p->failed && find_invalid_target(all, type)) {
        TokenType next = parser_peek(p)->type;
        if (!single || next == TOK_COMMA || next == TOK_RPAR || next == TOK_COLON) {
            raise_invalid_target(p, all, type);
            return;
        }
    }
    /* nothing to name: the first reading's "invalid syntax" stands */
    if (p->failed) {
        syntax_error_clear(&p->error);
        p->failed = false;
    }
    p->fill = first_fill;
    parser_error_generic(p);
}

static bool starts_target(Parser *p) {
    TokenType type = parser_peek(p)->type;
    return token_starts_expression(type) || type == TOK_STAR;
}

AstExpr *parse_star_targets(Parser *p) {
    ParserMark mark = parser_mark(p);
    const LexToken *start = parser_peek(p);
    AstExpr *result = parse_target_item(p, true);
    if (result && parser_check(p, TOK_COMMA)) {
        AstExpr *tuple = parser_new_expr(p, EXPR_Tuple, parser_pos_from(p, start));
        if (!tuple || !PARSER_APPEND(p, tuple->v.Tuple.elts, result)) {
            return NULL;
        }
        while (parser_accept(p, TOK_COMMA) && starts_target(p)) {
            AstExpr *item = parse_target_item(p, true);
            if (!item || !PARSER_APPEND(p, tuple->v.Tuple.elts, item)) {
                tuple = NULL;
                break;
            }
        }
        if (tuple) {
            tuple->pos = parser_pos_from(p, start);
        }
        result = tuple;
    }
    if (result && !p->failed && !find_invalid_target(result, FOR_TARGETS) &&
        parser_check(p, TOK_IN)) {
        set_expr_context(result, AST_Store);
        return result;
    }
    if (!p->failed) {
        parser_error_generic(p);
    }
    /* invalid_for_target: 'for' star_expressions */
    explain_invalid_targets(p, mark, FOR_TARGETS, false);
    return NULL;
}

AstExpr *parse_star_target(Parser *p) {
    AstExpr *item = parse_target_item(p, true);
    if (!item || find_invalid_target(item, STAR_TARGETS)) {
        return NULL;
    }
    set_expr_context(item, AST_Store);
    return item;
}

bool parse_del_targets(Parser *p, AstExprList *targets) {
    do {
        if (!starts_target(p)) {
            break;
        }
        AstExpr *item = parse_target_item(p, false);
        if (!item || find_invalid_target(item, DEL_TARGETS)) {
            return false;
        }
        set_expr_context(item, AST_Del);
        if (!PARSER_APPEND(p, *targets, item)) {
            return false;
        }
    } while (parser_accept(p, TOK_COMMA));
    if (targets->len == 0) {
        parser_error_generic(p);
        return false;
    }
    return true;
}
