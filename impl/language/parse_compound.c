/* Compound statements: function and class definitions (with decorators),
 * if/elif/else, while, for, with, try (Grammar/python.gram: compound_stmt). */
#include "parse_compound.h"

/* `if x` + NEWLINE is "expected ':'" (invalid_if_stmt and friends);
 * anything else missing the colon is a plain syntax error. */
static bool expect_colon(Parser *p) {
    if (parser_accept(p, TOK_COLON)) {
        return true;
    }
    if (parser_check(p, TOK_NEWLINE)) {
        parser_error_lazy(p, SYNTAX_ERROR_SYNTAX, "expected ':'");
    } else {
        parser_error_generic(p);
    }
    return false;
}

static bool parse_else_block(Parser *p, AstStmtList *orelse) {
    const LexToken *keyword = parser_accept(p, TOK_ELSE);
    if (!keyword) {
        return true;
    }
    return parser_expect_forced(p, TOK_COLON, "':'") &&
           parse_block(p, "'else' statement", keyword, orelse);
}

static AstStmt *parse_function_def(Parser *p, const LexToken *start, AstExprList decorators) {
    bool is_async = parser_accept(p, TOK_ASYNC) != NULL;
    const LexToken *keyword = parser_expect(p, TOK_DEF);
    const LexToken *name = keyword ? parser_expect(p, TOK_NAME) : NULL;
    if (!name || !parser_expect_forced(p, TOK_LPAR, "'('")) {
        return NULL;
    }
    AstArguments *args = parse_parameters(p, false);
    if (!args || !parser_expect(p, TOK_RPAR)) {
        return NULL;
    }
    AstExpr *returns = NULL;
    if (parser_accept(p, TOK_RARROW)) {
        returns = parse_expression(p);
        if (!returns) {
            return NULL;
        }
    }
    if (!parser_expect_forced(p, TOK_COLON, "':'")) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, is_async ? STMT_AsyncFunctionDef : STMT_FunctionDef,
                                    parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    AstFunctionDefFields *def = &stmt->v.FunctionDef;
    def->name = parser_identifier(p, name);
    def->args = args;
    def->returns = returns;
    def->decorator_list = decorators;
    if (!def->name || !parse_block(p, "function definition", keyword, &def->body)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstStmt *parse_class_def(Parser *p, const LexToken *start, AstExprList decorators) {
    const LexToken *keyword = parser_expect(p, TOK_CLASS);
    const LexToken *name = keyword ? parser_expect(p, TOK_NAME) : NULL;
    if (!name) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_ClassDef, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    stmt->v.ClassDef.name = parser_identifier(p, name);
    stmt->v.ClassDef.decorator_list = decorators;
    if (parser_accept(p, TOK_LPAR) &&
        !parse_call_arguments(p, &stmt->v.ClassDef.bases, &stmt->v.ClassDef.keywords)) {
        return NULL;
    }
    if (!stmt->v.ClassDef.name || !expect_colon(p) ||
        !parse_block(p, "class definition", keyword, &stmt->v.ClassDef.body)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

/* decorators: ('@' named_expression NEWLINE)+, then a def or a class; the
 * definition's position starts at `def`/`class`, not at the '@'. */
static AstStmt *parse_decorated(Parser *p) {
    AstExprList decorators = {0};
    while (parser_accept(p, TOK_AT)) {
        AstExpr *decorator = parse_named_expression(p);
        if (!decorator || !PARSER_APPEND(p, decorators, decorator) ||
            !parser_expect(p, TOK_NEWLINE)) {
            return NULL;
        }
    }
    const LexToken *start = parser_peek(p);
    if (start->type == TOK_CLASS) {
        return parse_class_def(p, start, decorators);
    }
    if (start->type == TOK_DEF ||
        (start->type == TOK_ASYNC && parser_peek_at(p, 1)->type == TOK_DEF)) {
        return parse_function_def(p, start, decorators);
    }
    parser_error_generic(p);
    return NULL;
}

/* if_stmt / elif_stmt: an `elif` is an If in the orelse of the one before. */
static AstStmt *parse_if(Parser *p) {
    const LexToken *start = parser_peek(p);
    p->pos++; /* 'if' or 'elif' */
    const char *what = start->type == TOK_IF ? "'if' statement" : "'elif' statement";
    AstExpr *test = parse_named_expression(p);
    if (!test || !expect_colon(p)) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_If, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    stmt->v.If.test = test;
    if (!parse_block(p, what, start, &stmt->v.If.body)) {
        return NULL;
    }
    if (parser_check(p, TOK_ELIF)) {
        AstStmt *elif = parse_if(p);
        if (!elif || !PARSER_APPEND(p, stmt->v.If.orelse, elif)) {
            return NULL;
        }
    } else if (!parse_else_block(p, &stmt->v.If.orelse)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstStmt *parse_while(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_WHILE);
    AstExpr *test = parse_named_expression(p);
    if (!test || !expect_colon(p)) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_While, parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    stmt->v.While.test = test;
    if (!parse_block(p, "'while' statement", start, &stmt->v.While.body) ||
        !parse_else_block(p, &stmt->v.While.orelse)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstStmt *parse_for(Parser *p) {
    const LexToken *start = parser_peek(p);
    bool is_async = parser_accept(p, TOK_ASYNC) != NULL;
    const LexToken *keyword = parser_expect(p, TOK_FOR);
    if (!keyword) {
        return NULL;
    }
    AstExpr *target = parse_star_targets(p);
    if (!target || !parser_accept(p, TOK_IN)) {
        return NULL;
    }
    AstExpr *iter = parse_star_expressions(p);
    if (!iter || !expect_colon(p)) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, is_async ? STMT_AsyncFor : STMT_For,
                                    parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    stmt->v.For.target = target;
    stmt->v.For.iter = iter;
    if (!parse_block(p, "'for' statement", keyword, &stmt->v.For.body) ||
        !parse_else_block(p, &stmt->v.For.orelse)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

/* with_item: expression ['as' star_target] with the target followed by one
 * of ',' ')' ':'; invalid_with_item reports a target that cannot be one. */
static AstWithItem *parse_with_item(Parser *p) {
    AstExpr *context = parse_expression(p);
    if (!context) {
        return NULL;
    }
    AstExpr *vars = NULL;
    if (parser_accept(p, TOK_AS)) {
        ParserMark mark = parser_mark(p);
        vars = parse_star_target(p);
        TokenType next = parser_peek(p)->type;
        if (!vars || (next != TOK_COMMA && next != TOK_RPAR && next != TOK_COLON &&
                      next != TOK_NEWLINE)) {
            if (!p->failed) {
                parser_error_generic(p);
            }
            explain_invalid_targets(p, mark, STAR_TARGETS, true);
            return NULL;
        }
    }
    AstWithItem *item = parser_alloc(p, sizeof(AstWithItem));
    if (item) {
        item->context_expr = context;
        item->optional_vars = vars;
    }
    return item;
}

static bool parse_with_items(Parser *p, AstWithItemList *items, bool parenthesized) {
    for (;;) {
        AstWithItem *item = parse_with_item(p);
        if (!item || !PARSER_APPEND(p, *items, item)) {
            return false;
        }
        if (!parser_accept(p, TOK_COMMA)) {
            return true;
        }
        if (parenthesized && parser_check(p, TOK_RPAR)) {
            return true;
        }
    }
}

static AstStmt *parse_with(Parser *p) {
    const LexToken *start = parser_peek(p);
    bool is_async = parser_accept(p, TOK_ASYNC) != NULL;
    const LexToken *keyword = parser_expect(p, TOK_WITH);
    if (!keyword) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, is_async ? STMT_AsyncWith : STMT_With,
                                    parser_pos_from(p, start));
    if (!stmt) {
        return NULL;
    }
    AstWithItemList *items = &stmt->v.With.items;
    bool done = false;
    if (parser_check(p, TOK_LPAR)) {
        /* 'with' '(' ','.with_item+ ','? ')' ':' — else the parenthesis
         * belongs to the first item's expression */
        ParserMark mark = parser_mark(p);
        p->pos++;
        if (parse_with_items(p, items, true) && parser_accept(p, TOK_RPAR) &&
            parser_check(p, TOK_COLON)) {
            done = true;
        } else {
            parser_reset(p, mark);
            items->len = 0;
        }
    }
    if (!done && (p->failed || !parse_with_items(p, items, false))) {
        return NULL;
    }
    if (!expect_colon(p) || !parse_block(p, "'with' statement", keyword, &stmt->v.With.body)) {
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

static AstExceptHandler *parse_except_block(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_EXCEPT);
    AstExceptHandler *handler = parser_alloc(p, sizeof(AstExceptHandler));
    if (!handler) {
        return NULL;
    }
    if (!parser_check(p, TOK_COLON)) {
        if (parser_check(p, TOK_NEWLINE)) {
            parser_error_lazy(p, SYNTAX_ERROR_SYNTAX, "expected ':'");
            return NULL;
        }
        handler->type = parse_expression(p);
        if (!handler->type) {
            return NULL;
        }
        if (parser_check(p, TOK_COMMA)) {
            /* invalid_except_stmt: `except A, B:` */
            AstPos from = handler->type->pos;
            while (parser_accept(p, TOK_COMMA) && parse_expression(p)) {
            }
            if (!p->failed) {
                const LexToken *last = parser_previous(p);
                parser_error_at(p, SYNTAX_ERROR_SYNTAX, from.lineno, from.col_offset,
                                last->end_lineno, last->end_col,
                                "multiple exception types must be parenthesized");
            }
            return NULL;
        }
        if (parser_accept(p, TOK_AS)) {
            const LexToken *name = parser_expect(p, TOK_NAME);
            if (!name || !(handler->name = parser_identifier(p, name))) {
                return NULL;
            }
        }
    }
    if (!expect_colon(p) || !parse_block(p, "'except' statement", start, &handler->body)) {
        return NULL;
    }
    handler->pos = parser_pos_from(p, start);
    return handler;
}

static AstStmt *parse_try(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_TRY);
    if (!parser_expect_forced(p, TOK_COLON, "':'")) {
        return NULL;
    }
    AstStmt *stmt = parser_new_stmt(p, STMT_Try, parser_pos_from(p, start));
    if (!stmt || !parse_block(p, "'try' statement", start, &stmt->v.Try.body)) {
        return NULL;
    }
    while (parser_check(p, TOK_EXCEPT)) {
        AstExceptHandler *handler = parse_except_block(p);
        if (!handler || !PARSER_APPEND(p, stmt->v.Try.handlers, handler)) {
            return NULL;
        }
    }
    if (stmt->v.Try.handlers.len > 0 && !parse_else_block(p, &stmt->v.Try.orelse)) {
        return NULL;
    }
    const LexToken *finally = parser_accept(p, TOK_FINALLY);
    if (finally) {
        if (!parser_expect_forced(p, TOK_COLON, "':'") ||
            !parse_block(p, "'finally' statement", finally, &stmt->v.Try.finalbody)) {
            return NULL;
        }
    } else if (stmt->v.Try.handlers.len == 0) {
        parser_error_lazy(p, SYNTAX_ERROR_SYNTAX, "expected 'except' or 'finally' block");
        return NULL;
    }
    stmt->pos = parser_pos_from(p, start);
    return stmt;
}

bool parse_compound_stmt(Parser *p, AstStmtList *out) {
    const LexToken *start = parser_peek(p);
    AstExprList no_decorators = {0};
    AstStmt *stmt = NULL;
    TokenType type = start->type;
    if (type == TOK_ASYNC) {
        type = parser_peek_at(p, 1)->type;
    }
    switch (type) {
    case TOK_AT: stmt = parse_decorated(p); break;
    case TOK_DEF: stmt = parse_function_def(p, start, no_decorators); break;
    case TOK_CLASS: stmt = parse_class_def(p, start, no_decorators); break;
    case TOK_IF: stmt = parse_if(p); break;
    case TOK_WHILE: stmt = parse_while(p); break;
    case TOK_FOR: stmt = parse_for(p); break;
    case TOK_WITH: stmt = parse_with(p); break;
    case TOK_TRY: stmt = parse_try(p); break;
    default: parser_error_generic(p); break;
    }
    return stmt && PARSER_APPEND(p, *out, stmt);
}
