/* Statements: the statement dispatch, blocks, and the simple statements
 * (Grammar/python.gram: statements, simple_stmts, assignment, return_stmt,
 * raise_stmt, del_stmt, assert_stmt, global/nonlocal, import_stmt).
 * Compound statements are in parse_compound.c. */
#include <string.h>

#include "parse_compound.h"
#include "parser_internal.h"

static AstStmt *parse_simple_stmt(Parser *p);

bool parse_simple_stmts(Parser *p, AstStmtList *out) {
    for (;;) {
        AstStmt *stmt = parse_simple_stmt(p);
        if (!stmt || !PARSER_APPEND(p, *out, stmt)) {
            return false;
        }
        if (!parser_accept(p, TOK_SEMI)) {
            break;
        }
        if (parser_check(p, TOK_NEWLINE)) {
            break;
        }
    }
    return parser_expect(p, TOK_NEWLINE) != NULL;
}

bool parse_block(Parser *p, const char *what, const LexToken *keyword, AstStmtList *body) {
    if (!parser_accept(p, TOK_NEWLINE)) {
        if (p->failed) {
            return false;
        }
        return parse_simple_stmts(p, body);
    }
    if (!parser_accept(p, TOK_INDENT)) {
        /* invalid_*_stmt: ':' NEWLINE !INDENT */
        parser_error_lazy(p, SYNTAX_ERROR_INDENTATION, "expected an indented block after %s on line %d",
                          what, keyword->lineno);
        return false;
    }
    return parse_statements(p, body, true) && parser_expect(p, TOK_DEDENT);
}

static bool parse_statement(Parser *p, AstStmtList *out) {
    const LexToken *token = parser_peek(p);
    switch (token->type) {
    case TOK_DEF:
    case TOK_AT:
    case TOK_CLASS:
    case TOK_IF:
    case TOK_WHILE:
    case TOK_FOR:
    case TOK_TRY:
    case TOK_WITH:
        return parse_compound_stmt(p, out);
    case TOK_ASYNC: {
        TokenType next = parser_peek_at(p, 1)->type;
        if (next == TOK_DEF || next == TOK_FOR || next == TOK_WITH) {
            return parse_compound_stmt(p, out);
        }
        break;
    }
    default:
        break;
    }
    return parse_simple_stmts(p, out);
}

bool parse_statements(Parser *p, AstStmtList *body, bool until_dedent) {
    for (;;) {
        const LexToken *token = parser_peek(p);
        if (p->failed) {
            return false;
        }
        if (token->type == (until_dedent ? TOK_DEDENT : TOK_ENDMARKER)) {
            /* `statements` needs one statement at least; a block always
             * has one since the lexer emits no INDENT before a blank line */
            return true;
        }
        if (!parser_enter(p)) {
            return false;
        }
        bool ok = parse_statement(p, body);
        parser_leave(p);
        if (!ok) {
            return false;
        }
    }
}

/* ---- assignment ---- */

static bool augassign_operator(TokenType type, AstOperator *op) {
    switch (type) {
    case TOK_PLUSEQUAL: *op = AST_Add; return true;
    case TOK_MINEQUAL: *op = AST_Sub; return true;
    case TOK_STAREQUAL: *op = AST_Mult; return true;
    case TOK_ATEQUAL: *op = AST_MatMult; return true;
    case TOK_SLASHEQUAL: *op = AST_Div; return true;
    case TOK_PERCENTEQUAL: *op = AST_Mod; return true;
    case TOK_AMPEREQUAL: *op = AST_BitAnd; return true;
    case TOK_VBAREQUAL: *op = AST_BitOr; return true;
    case TOK_CIRCUMFLEXEQUAL: *op = AST_BitXor; return true;
    case TOK_LEFTSHIFTEQUAL: *op = AST_LShift; return true;
    case TOK_RIGHTSHIFTEQUAL: *op = AST_RShift; return true;
    case TOK_DOUBLESTAREQUAL: *op = AST_Pow; return true;
    case TOK_DOUBLESLASHEQUAL: *op = AST_FloorDiv; return true;
    default: return false;
    }
}

/* An expression the bitwise_or rule alone can produce (no comparison,
 * boolean operator, `not`, conditional, lambda, star or bare tuple). */
static bool is_bitwise_or_level(const AstExpr *expr) {
    switch (expr->kind) {
    case EXPR_BoolOp:
    case EXPR_Compare:
    case EXPR_IfExp:
    case EXPR_Lambda:
    case EXPR_Starred:
    case EXPR_NamedExpr:
    case EXPR_Yield:
    case EXPR_YieldFrom:
        return false;
    case EXPR_UnaryOp:
        return expr->v.UnaryOp.op != AST_Not;
    case EXPR_Tuple:
        /* parenthesized tuples are atoms; a bare one starts at its first item */
        return expr->v.Tuple.elts.len == 0 ||
               expr->pos.col_offset != expr->v.Tuple.elts.items[0]->pos.col_offset ||
               expr->pos.lineno != expr->v.Tuple.elts.items[0]->pos.lineno;
    default:
        return true;
    }
}

/* The leftmost atom of an expression when the expression starts with it
 * (NULL when it starts with a parenthesized group). */
static const AstExpr *leftmost_atom(const AstExpr *expr) {
    const AstExpr *node = expr;
    for (;;) {
        const AstExpr *inner;
        switch (node->kind) {
        case EXPR_BinOp: inner = node->v.BinOp.left; break;
        case EXPR_Attribute: inner = node->v.Attribute.value; break;
        case EXPR_Subscript: inner = node->v.Subscript.value; break;
        case EXPR_Call: inner = node->v.Call.func; break;
        case EXPR_Await: return node;
        default: return node;
        }
        if (inner->pos.lineno != expr->pos.lineno || inner->pos.col_offset != expr->pos.col_offset) {
            return NULL;
        }
        node = inner;
    }
}

/* invalid_named_expression's third form reached through invalid_assignment:
 * `f() = 1` gets "... here. Maybe you meant '==' instead of '='?", unless
 * the target starts with a list, tuple, generator or True/None/False. */
static bool qualifies_for_equality_hint(const AstExpr *target, const LexToken *target_start,
                                        const AstExpr *value, const LexToken *value_start,
                                        bool value_followed_by_equal) {
    /* `(yield) = 1`: a parenthesized group is an atom whatever it holds */
    bool group = target_start && (target->pos.lineno != target_start->lineno ||
                                  target->pos.col_offset != target_start->col);
    if (!group && !is_bitwise_or_level(target)) {
        return false;
    }
    const AstExpr *atom = group ? NULL : leftmost_atom(target);
    if (atom) {
        switch (atom->kind) {
        case EXPR_List:
        case EXPR_Tuple:
        case EXPR_GeneratorExp:
            return false;
        case EXPR_Constant: {
            AstConstantKind kind = atom->v.Constant.value.kind;
            if (kind == AST_CONST_TRUE || kind == AST_CONST_FALSE || kind == AST_CONST_NONE) {
                return false;
            }
            break;
        }
        default:
            break;
        }
    }
    switch (value_start->type) {
    case TOK_STAR:
    case TOK_NOT:
    case TOK_LAMBDA:
    case TOK_YIELD:
        return false;
    default:
        break;
    }
    return !(value_followed_by_equal && is_bitwise_or_level(value));
}

/* `targets = ... = value`: chain[0..n-1] are targets, chain[n] the value. */
static AstStmt *finish_assignment(Parser *p, const LexToken *start, AstExpr **chain,
                                  const LexToken **starts, int n) {
    for (int i = 0; i < n; i++) {
        AstExpr *target = chain[i];
        AstExpr *invalid = find_invalid_target(target, STAR_TARGETS);
        if (!invalid) {
            continue;
        }
        /* the first target, or the last item of a bare first tuple, is
         * also read as `a = b` by invalid_named_expression */
        AstExpr *hinted = target;
        const LexToken *hinted_start = starts[0];
        if (i == 0 && target->kind == EXPR_Tuple && starts[0]->type != TOK_LPAR) {
            hinted = target->v.Tuple.elts.items[target->v.Tuple.elts.len - 1];
            hinted_start = NULL;
        }
        if (i == 0 && find_invalid_target(hinted, STAR_TARGETS) &&
            qualifies_for_equality_hint(hinted, hinted_start, chain[1], starts[1], n > 1)) {
            parser_error_at_pos(p, hinted->pos,
                                "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                                expr_description(hinted));
        } else if ((target->kind == EXPR_Yield || target->kind == EXPR_YieldFrom) &&
                   starts[i]->type == TOK_YIELD) {
            parser_error_at_pos(p, target->pos, "assignment to yield expression not possible");
        } else {
            raise_invalid_target(p, target, STAR_TARGETS);
        }
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Assign, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        set_expr_context(chain[i], AST_Store);
        if (!PARSER_APPEND(p, stmt->v.Assign.targets, chain[i])) {
            return NULL;
        }
    }
    stmt->v.Assign.value = chain[n];
    return stmt;
}

static AstStmt *parse_assignment_chain(Parser *p, const LexToken *start, AstExpr *first) {
    enum { CHAIN_STEP = 16 };
    AstExpr *small[CHAIN_STEP];
    const LexToken *small_starts[CHAIN_STEP];
    AstExpr **chain = small;
    const LexToken **starts = small_starts;
    int n = 0, cap = CHAIN_STEP;
    chain[n] = first;
    starts[n++] = start;
    while (parser_accept(p, TOK_EQUAL)) {
        if (n == cap) {
            /* arena copies: a long `a = b = c = ...` chain never leaks */
            AstExpr **grown = parser_alloc(p, sizeof(AstExpr *) * (size_t)cap * 2);
            const LexToken **grown_starts = parser_alloc(p, sizeof(LexToken *) * (size_t)cap * 2);
            if (!grown || !grown_starts) {
                return NULL;
            }
            memcpy(grown, chain, sizeof(AstExpr *) * (size_t)n);
            memcpy(grown_starts, starts, sizeof(LexToken *) * (size_t)n);
            chain = grown;
            starts = grown_starts;
            cap *= 2;
        }
        starts[n] = parser_peek(p);
        AstExpr *next = parse_star_expressions_or_yield(p);
        if (!next) {
            return NULL;
        }
        chain[n++] = next;
    }
    return finish_assignment(p, start, chain, starts, n - 1);
}

static AstStmt *parse_annotated_assignment(Parser *p, const LexToken *start, AstExpr *target) {
    bool valid_target = target->kind == EXPR_Name || target->kind == EXPR_Attribute ||
                        target->kind == EXPR_Subscript;
    if (!valid_target && !token_starts_expression(parser_second_look(p, 1))) {
        /* invalid_assignment needs `target ':' expression` to say more */
        p->pos++;
        parser_error_generic(p);
        return NULL;
    }
    if (target->kind == EXPR_Tuple || target->kind == EXPR_List) {
        /* a bare tuple is reported at its first item, a display as a whole */
        bool bare = target->kind == EXPR_Tuple && start->type != TOK_LPAR;
        parser_error_at_pos(p, bare ? target->v.Tuple.elts.items[0]->pos : target->pos,
                            "only single target (not %s) can be annotated",
                            target->kind == EXPR_Tuple ? "tuple" : "list");
        return NULL;
    }
    if (!valid_target) {
        parser_error_at_pos(p, target->pos, "illegal target for annotation");
        return NULL;
    }
    parser_accept(p, TOK_COLON);
    AstExpr *annotation = parse_expression(p);
    if (!annotation) {
        return NULL;
    }
    AstExpr *value = NULL;
    if (parser_accept(p, TOK_EQUAL)) {
        value = parse_star_expressions_or_yield(p);
        if (!value) {
            return NULL;
        }
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_AnnAssign, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    set_expr_context(target, AST_Store);
    stmt->v.AnnAssign.target = target;
    stmt->v.AnnAssign.annotation = annotation;
    stmt->v.AnnAssign.value = value;
    /* a plain name, not `(x): int` */
    stmt->v.AnnAssign.simple = target->kind == EXPR_Name && start->type == TOK_NAME;
    return stmt;
}

static AstStmt *parse_augmented_assignment(Parser *p, const LexToken *start, AstExpr *target,
                                           AstOperator op) {
    if (target->kind != EXPR_Name && target->kind != EXPR_Attribute &&
        target->kind != EXPR_Subscript) {
        parser_error_at_pos(p, target->pos,
                            "'%s' is an illegal expression for augmented assignment",
                            expr_description(target));
        return NULL;
    }
    p->pos++; /* the operator */
    AstExpr *value = parse_star_expressions_or_yield(p);
    if (!value) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_AugAssign, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    set_expr_context(target, AST_Store);
    stmt->v.AugAssign.target = target;
    stmt->v.AugAssign.op = op;
    stmt->v.AugAssign.value = value;
    return stmt;
}

/* assignment | star_expressions: an expression statement or one of the
 * assignments, decided by what follows the first expression. */
static AstStmt *parse_expression_statement(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *first = parse_star_expressions_or_yield(p);
    if (!first) {
        return NULL;
    }
    const LexToken *next = parser_peek(p);
    AstOperator op;
    if (next->type == TOK_COLON) {
        return parse_annotated_assignment(p, start, first);
    }
    if (next->type == TOK_EQUAL) {
        return parse_assignment_chain(p, start, first);
    }
    if (augassign_operator(next->type, &op)) {
        return parse_augmented_assignment(p, start, first, op);
    }
    if (next->type == TOK_COLONEQUAL && token_starts_expression(parser_second_look(p, 1))) {
        /* invalid_named_expression, reached through invalid_assignment */
        AstExpr *target = first;
        if (first->kind == EXPR_Tuple && start->type != TOK_LPAR && first->v.Tuple.elts.len > 0) {
            target = first->v.Tuple.elts.items[first->v.Tuple.elts.len - 1];
        }
        if (target->kind != EXPR_Name) {
            parser_error_at_pos(p, target->pos, "cannot use assignment expressions with %s",
                                expr_description(target));
            return NULL;
        }
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Expr, parser_pos_from(p, start));
    if (stmt) {
        stmt->v.Expr.value = first;
    }
    return stmt;
}

/* ---- the other simple statements ---- */

static AstStmt *parse_return(Parser *p, const LexToken *start) {
    AstExpr *value = NULL;
    if (token_starts_expression(parser_peek(p)->type) || parser_check(p, TOK_STAR)) {
        value = parse_star_expressions(p);
        if (!value) {
            return NULL;
        }
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Return, parser_pos_from(p, start));
    if (stmt) {
        stmt->v.Return.value = value;
    }
    return stmt;
}

static AstStmt *parse_raise(Parser *p, const LexToken *start) {
    AstExpr *exc = NULL, *cause = NULL;
    if (token_starts_expression(parser_peek(p)->type)) {
        exc = parse_expression(p);
        if (!exc) {
            return NULL;
        }
        if (parser_accept(p, TOK_FROM)) {
            cause = parse_expression(p);
            if (!cause) {
                return NULL;
            }
        }
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Raise, parser_pos_from(p, start));
    if (stmt) {
        stmt->v.Raise.exc = exc;
        stmt->v.Raise.cause = cause;
    }
    return stmt;
}

static AstStmt *parse_names_stmt(Parser *p, const LexToken *start, AstStmtKind kind) {
    AstIdentifierList names = {0};
    do {
        const LexToken *name = parser_expect(p, TOK_NAME);
        if (!name) {
            return NULL;
        }
        const char *id = parser_identifier(p, name);
        if (!id || !PARSER_APPEND(p, names, id)) {
            return NULL;
        }
    } while (parser_accept(p, TOK_COMMA));
    AstStmt *stmt = parser_new_stmt(p, kind, parser_pos_from(p, start));
    if (stmt) {
        if (kind == STMT_Global) {
            stmt->v.Global.names = names;
        } else {
            stmt->v.Nonlocal.names = names;
        }
    }
    return stmt;
}

static AstStmt *parse_del(Parser *p, const LexToken *start) {
    ParserMark mark = parser_mark(p);
    AstExprList targets = {0};
    if (parse_del_targets(p, &targets) &&
        (parser_check(p, TOK_SEMI) || parser_check(p, TOK_NEWLINE))) {
        AstStmt *stmt = parser_new_stmt(p, STMT_Delete, parser_pos_from(p, start));
        if (stmt) {
            stmt->v.Delete.targets = targets;
        }
        return stmt;
    }
    if (!p->failed) {
        parser_error_generic(p);
    }
    /* invalid_del_stmt: 'del' star_expressions */
    explain_invalid_targets(p, mark, DEL_TARGETS, false);
    return NULL;
}

static AstStmt *parse_assert(Parser *p, const LexToken *start) {
    AstExpr *test = parse_expression(p);
    if (!test) {
        return NULL;
    }
    AstExpr *msg = NULL;
    if (parser_accept(p, TOK_COMMA)) {
        msg = parse_expression(p);
        if (!msg) {
            return NULL;
        }
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Assert, parser_pos_from(p, start));
    if (stmt) {
        stmt->v.Assert.test = test;
        stmt->v.Assert.msg = msg;
    }
    return stmt;
}

/* dotted_name: NAME ('.' NAME)* */
static const char *parse_dotted_name(Parser *p) {
    const LexToken *first = parser_expect(p, TOK_NAME);
    if (!first) {
        return NULL;
    }
    const LexToken *last = first;
    while (parser_check(p, TOK_DOT) && parser_peek_at(p, 1)->type == TOK_NAME) {
        p->pos++;
        last = parser_accept(p, TOK_NAME);
    }
    if (parser_check(p, TOK_DOT)) {
        p->pos++;
        parser_expect(p, TOK_NAME); /* reports the error */
        return NULL;
    }
    /* the name without the blanks `a . b` may have */
    int length = 0;
    for (const LexToken *t = first; t <= last; t++) {
        length += t->end - t->start;
    }
    char *name = parser_alloc(p, (size_t)length + 1);
    if (!name) {
        return NULL;
    }
    int n = 0;
    for (const LexToken *t = first; t <= last; t++) {
        memcpy(name + n, p->lex->source + t->start, (size_t)(t->end - t->start));
        n += t->end - t->start;
    }
    name[n] = '\0';
    return name;
}

static AstAlias *parse_alias(Parser *p, bool dotted) {
    const LexToken *start = parser_peek(p);
    const char *name;
    if (dotted) {
        name = parse_dotted_name(p);
    } else {
        const LexToken *token = parser_expect(p, TOK_NAME);
        name = token ? parser_identifier(p, token) : NULL;
    }
    if (!name) {
        return NULL;
    }
    const char *asname = NULL;
    if (parser_accept(p, TOK_AS)) {
        const LexToken *token = parser_expect(p, TOK_NAME);
        if (!token || !(asname = parser_identifier(p, token))) {
            return NULL;
        }
    }
    AstAlias *alias = parser_alloc(p, sizeof(AstAlias));
    if (alias) {
        alias->name = name;
        alias->asname = asname;
        alias->pos = parser_pos_from(p, start);
    }
    return alias;
}

static AstStmt *parse_import(Parser *p, const LexToken *start) {
    AstStmt *stmt = parser_new_stmt(p, STMT_Import, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    do {
        AstAlias *alias = parse_alias(p, true);
        if (!alias || !PARSER_APPEND(p, stmt->v.Import.names, alias)) {
            return NULL;
        }
    } while (parser_accept(p, TOK_COMMA));
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstStmt *parse_import_from(Parser *p, const LexToken *start) {
    AstStmt *stmt = parser_new_stmt(p, STMT_ImportFrom, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    int level = 0;
    for (;;) {
        if (parser_accept(p, TOK_DOT)) {
            level++;
        } else if (parser_accept(p, TOK_ELLIPSIS)) {
            level += 3;
        } else {
            break;
        }
    }
    if (level == 0 || parser_check(p, TOK_NAME)) {
        stmt->v.ImportFrom.module = parse_dotted_name(p);
        if (!stmt->v.ImportFrom.module) {
            return NULL;
        }
    }
    stmt->v.ImportFrom.level = level;
    if (!parser_expect(p, TOK_IMPORT)) {
        return NULL;
    }
    const LexToken *star = parser_accept(p, TOK_STAR);
    if (star) {
        AstAlias *alias = parser_alloc(p, sizeof(AstAlias));
        if (!alias) {
            return NULL;
        }
        alias->name = "*";
        alias->pos = parser_pos_from(p, star);
        if (!PARSER_APPEND(p, stmt->v.ImportFrom.names, alias)) {
            return NULL;
        }
    } else {
        bool parenthesized = parser_accept(p, TOK_LPAR) != NULL;
        for (;;) {
            AstAlias *alias = parse_alias(p, false);
            if (!alias || !PARSER_APPEND(p, stmt->v.ImportFrom.names, alias)) {
                return NULL;
            }
            if (!parser_accept(p, TOK_COMMA)) {
                break;
            }
            if (parenthesized && parser_check(p, TOK_RPAR)) {
                break;
            }
            if (!parenthesized && parser_check(p, TOK_NEWLINE)) {
                parser_error_lazy(p, SYNTAX_ERROR_SYNTAX,
                                  "trailing comma not allowed without surrounding parentheses");
                return NULL;
            }
        }
        if (parenthesized && !parser_expect(p, TOK_RPAR)) {
            return NULL;
        }
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstStmt *parse_simple_stmt(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstStmtKind simple_kind;
    switch (start->type) {
    case TOK_RETURN:
        p->pos++;
        return parse_return(p, start);
    case TOK_RAISE:
        p->pos++;
        return parse_raise(p, start);
    case TOK_GLOBAL:
        p->pos++;
        return parse_names_stmt(p, start, STMT_Global);
    case TOK_NONLOCAL:
        p->pos++;
        return parse_names_stmt(p, start, STMT_Nonlocal);
    case TOK_DEL:
        p->pos++;
        return parse_del(p, start);
    case TOK_ASSERT:
        p->pos++;
        return parse_assert(p, start);
    case TOK_IMPORT:
        p->pos++;
        return parse_import(p, start);
    case TOK_FROM:
        p->pos++;
        return parse_import_from(p, start);
    case TOK_PASS:
        simple_kind = STMT_Pass;
        break;
    case TOK_BREAK:
        simple_kind = STMT_Break;
        break;
    case TOK_CONTINUE:
        simple_kind = STMT_Continue;
        break;
    default:
        if (!token_starts_expression(start->type) && start->type != TOK_STAR &&
            start->type != TOK_YIELD) {
            parser_error_generic(p);
            return NULL;
        }
        return parse_expression_statement(p);
    }
    p->pos++;
    return parser_new_stmt(p, simple_kind, parser_pos_from(p, start));
}
