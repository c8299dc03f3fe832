/* Expressions, from star_expressions down to atoms, with Python's operator
 * precedence (Grammar/python.gram, "EXPRESSIONS"), and the invalid_expression
 * checks of CPython 3.12 that give "Perhaps you forgot a comma?" and
 * friends. Displays and comprehensions are in parse_display.c. */
#include <string.h>

#include "literal.h"
#include "parser_internal.h"

static AstExpr *parse_atom(Parser *p);
static AstExpr *parse_factor(Parser *p);
static AstExpr *parse_named_expression_impl(Parser *p, bool check_equal);
static AstExpr *parse_expression_impl(Parser *p, bool check_invalid);

bool token_starts_expression(TokenType type) {
    switch (type) {
    case TOK_NAME:
    case TOK_NUMBER:
    case TOK_STRING:
    case TOK_FSTRING_START:
    case TOK_LPAR:
    case TOK_LSQB:
    case TOK_LBRACE:
    case TOK_MINUS:
    case TOK_PLUS:
    case TOK_TILDE:
    case TOK_NOT:
    case TOK_LAMBDA:
    case TOK_AWAIT:
    case TOK_TRUE:
    case TOK_FALSE:
    case TOK_NONE:
    case TOK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

const char *expr_description(const AstExpr *expr) {
    switch (expr->kind) {
    case EXPR_Attribute: return "attribute";
    case EXPR_Subscript: return "subscript";
    case EXPR_Starred: return "starred";
    case EXPR_Name: return "name";
    case EXPR_List: return "list";
    case EXPR_Tuple: return "tuple";
    case EXPR_Lambda: return "lambda";
    case EXPR_Call: return "function call";
    case EXPR_BoolOp:
    case EXPR_BinOp:
    case EXPR_UnaryOp: return "expression";
    case EXPR_GeneratorExp: return "generator expression";
    case EXPR_Yield:
    case EXPR_YieldFrom: return "yield expression";
    case EXPR_Await: return "await expression";
    case EXPR_ListComp: return "list comprehension";
    case EXPR_SetComp: return "set comprehension";
    case EXPR_DictComp: return "dict comprehension";
    case EXPR_Dict: return "dict literal";
    case EXPR_Set: return "set display";
    case EXPR_JoinedStr:
    case EXPR_FormattedValue: return "f-string expression";
    case EXPR_Constant:
        switch (expr->v.Constant.value.kind) {
        case AST_CONST_NONE: return "None";
        case AST_CONST_FALSE: return "False";
        case AST_CONST_TRUE: return "True";
        case AST_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case EXPR_Compare: return "comparison";
    case EXPR_IfExp: return "conditional expression";
    case EXPR_NamedExpr: return "named expression";
    case EXPR_Slice: return "slice";
    }
    return "expression";
}

AstExpr *parser_new_starred(Parser *p, const LexToken *start, AstExpr *value) {
    AstExpr *starred = parser_new_expr(p, EXPR_Starred, parser_pos_from(p, start));
    if (starred) {
        starred->v.Starred.value = value;
        starred->v.Starred.ctx = AST_Load;
    }
    return starred;
}

AstExpr *parser_new_tuple(Parser *p, const LexToken *start, AstExpr *first) {
    AstExpr *tuple = parser_new_expr(p, EXPR_Tuple, parser_pos_from(p, start));
    if (!tuple) {
        return NULL;
    }
    tuple->v.Tuple.ctx = AST_Load;
    if (first && !PARSER_APPEND(p, tuple->v.Tuple.elts, first)) {
        return NULL;
    }
    return tuple;
}

/* ---- the expression rules, top down ---- */

AstExpr *parse_yield_expr(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_YIELD);
    if (parser_accept(p, TOK_FROM)) {
        AstExpr *value = parse_expression(p);
        if (!value) {
            return NULL;
        }
        AstExpr *expr = parser_new_expr(p, EXPR_YieldFrom, parser_pos_from(p, start));
        if (expr) {
            expr->v.YieldFrom.value = value;
        }
        return expr;
    }
    AstExpr *value = NULL;
    TokenType next = parser_peek(p)->type;
    if (token_starts_expression(next) || next == TOK_STAR) {
        value = parse_star_expressions(p);
        if (!value) {
            return NULL;
        }
    }
    AstExpr *expr = parser_new_expr(p, EXPR_Yield, parser_pos_from(p, start));
    if (expr) {
        expr->v.Yield.value = value;
    }
    return expr;
}

AstExpr *parse_star_expressions_or_yield(Parser *p) {
    if (parser_check(p, TOK_YIELD)) {
        return parse_yield_expr(p);
    }
    return parse_star_expressions(p);
}

/* star_expressions: star_expression (',' star_expression)* [','] */
AstExpr *parse_star_expressions(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *first = parse_star_expression(p);
    if (!first || !parser_check(p, TOK_COMMA)) {
        return first;
    }
    AstExpr *tuple = parser_new_tuple(p, start, first);
    while (tuple && parser_accept(p, TOK_COMMA)) {
        TokenType next = parser_peek(p)->type;
        if (!token_starts_expression(next) && next != TOK_STAR) {
            break;
        }
        AstExpr *item = parse_star_expression(p);
        if (!item || !PARSER_APPEND(p, tuple->v.Tuple.elts, item)) {
            return NULL;
        }
    }
    if (tuple) {
        tuple->pos = parser_pos_from(p, start);
    }
    return tuple;
}

/* star_expression: '*' bitwise_or | expression */
AstExpr *parse_star_expression(Parser *p) {
    const LexToken *start = parser_peek(p);
    if (parser_accept(p, TOK_STAR)) {
        AstExpr *value = parse_bitwise_or(p);
        return value ? parser_new_starred(p, start, value) : NULL;
    }
    return parse_expression(p);
}

/* star_named_expression: '*' bitwise_or | named_expression */
AstExpr *parse_star_named_expression(Parser *p) {
    const LexToken *start = parser_peek(p);
    if (parser_accept(p, TOK_STAR)) {
        AstExpr *value = parse_bitwise_or(p);
        return value ? parser_new_starred(p, start, value) : NULL;
    }
    return parse_named_expression(p);
}

AstExpr *parse_named_expression(Parser *p) {
    return parse_named_expression_impl(p, true);
}

AstExpr *parse_argument_expression(Parser *p) {
    return parse_named_expression_impl(p, false);
}

/* The first token of `expr` is a plain NAME token that is all of expr. */
static bool is_bare_name(const AstExpr *expr, const LexToken *start) {
    return expr->kind == EXPR_Name && start->type == TOK_NAME &&
           expr->pos.col_offset == start->col && expr->pos.end_col_offset == start->end_col &&
           expr->pos.lineno == start->lineno;
}

static bool starts_with_display_or_constant(const LexToken *start) {
    return start->type == TOK_LSQB || start->type == TOK_LPAR || start->type == TOK_TRUE ||
           start->type == TOK_NONE || start->type == TOK_FALSE;
}

/* invalid_named_expression: `if x = 1:` and `if f() = 1:`. */
static void check_assignment_in_expression(Parser *p, const LexToken *start, AstExpr *expr) {
    ParserMark mark = parser_mark(p);
    p->pos++; /* '=' */
    if (!token_starts_expression(parser_peek(p)->type) || parser_check(p, TOK_NOT) ||
        parser_check(p, TOK_LAMBDA)) {
        parser_reset_lookahead(p, mark);
        return;
    }
    AstExpr *value = parse_bitwise_or(p);
    TokenType after = parser_peek(p)->type;
    if (!value || p->failed || after == TOK_EQUAL || after == TOK_COLONEQUAL) {
        parser_reset_lookahead(p, mark);
        return;
    }
    if (is_bare_name(expr, start)) {
        parser_error_at_pos(p, parser_pos_span(expr->pos, value->pos),
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return;
    }
    bool bitwise_or_level = expr->kind != EXPR_BoolOp && expr->kind != EXPR_Compare &&
                            expr->kind != EXPR_IfExp && expr->kind != EXPR_Lambda &&
                            !(expr->kind == EXPR_UnaryOp && expr->v.UnaryOp.op == AST_Not);
    if (bitwise_or_level && !starts_with_display_or_constant(start)) {
        parser_error_at_pos(p, expr->pos,
                            "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                            expr_description(expr));
        return;
    }
    parser_reset_lookahead(p, mark);
}

static AstExpr *parse_named_expression_impl(Parser *p, bool check_equal) {
    const LexToken *start = parser_peek(p);
    if (start->type == TOK_NAME && parser_peek_at(p, 1)->type == TOK_COLONEQUAL) {
        AstExpr *target = parser_new_expr(p, EXPR_Name, parser_pos_from(p, start));
        p->pos += 2;
        if (!target || !(target->v.Name.id = parser_identifier(p, start))) {
            return NULL;
        }
        target->pos = (AstPos){start->lineno, start->col, start->end_lineno, start->end_col};
        target->v.Name.ctx = AST_Store;
        AstExpr *value = parse_expression(p);
        if (!value) {
            return NULL;
        }
        AstExpr *named = parser_new_expr(p, EXPR_NamedExpr, parser_pos_from(p, start));
        if (named) {
            named->v.NamedExpr.target = target;
            named->v.NamedExpr.value = value;
        }
        return named;
    }
    AstExpr *expr = parse_expression(p);
    if (!expr) {
        return NULL;
    }
    if (parser_check(p, TOK_COLONEQUAL) && token_starts_expression(parser_second_look(p, 1))) {
        parser_error_at_pos(p, expr->pos, "cannot use assignment expressions with %s",
                            expr_description(expr));
        return NULL;
    }
    if (check_equal && parser_check(p, TOK_EQUAL)) {
        check_assignment_in_expression(p, start, expr);
        if (p->failed) {
            return NULL;
        }
    }
    return expr;
}

static bool is_soft_keyword(Parser *p, const LexToken *token) {
    static const char *const soft[] = {"_", "case", "match", "type"};
    size_t length = (size_t)(token->end - token->start);
    for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++) {
        if (strlen(soft[i]) == length && memcmp(soft[i], p->lex->source + token->start, length) == 0) {
            return true;
        }
    }
    return false;
}

/* `name "text"`: CPython's second pass reads the strings as an atom, which
 * looks at the token after them; that lookahead counts for later error
 * positions (and may reach a tokenizer error). */
static void touch_after_strings(Parser *p, const LexToken *first_string) {
    int saved_pos = p->pos, saved_fill = p->fill;
    p->pos = (int)(first_string - p->tokens);
    while (parser_peek(p)->type == TOK_STRING && p->pos < p->count - 1) {
        p->pos++;
    }
    parser_peek(p);
    p->pos = saved_pos;
    if (!(p->failed && p->error_from_lexer)) {
        p->fill = saved_fill;
    }
}

/* invalid_expression: inside brackets, two expressions in a row are
 * "invalid syntax. Perhaps you forgot a comma?". */
static void check_missing_comma(Parser *p, const LexToken *start, AstExpr *first) {
    if (!token_starts_expression(parser_peek(p)->type)) {
        return;
    }
    if (start->type == TOK_NAME) {
        TokenType second = (start + 1)->type;
        if (second == TOK_STRING) {
            touch_after_strings(p, start + 1);
            return;
        }
        if (second == TOK_FSTRING_START || is_soft_keyword(p, start)) {
            return;
        }
        if (first->kind == EXPR_Name && (strcmp(first->v.Name.id, "print") == 0 ||
                                          strcmp(first->v.Name.id, "exec") == 0)) {
            return;
        }
    }
    ParserMark mark = parser_mark(p);
    AstExpr *second = parse_expression_impl(p, false);
    if (second && !p->failed && p->pos > 0 && p->tokens[p->pos - 1].level != 0) {
        parser_error_at_pos(p, parser_pos_span(first->pos, second->pos),
                            "invalid syntax. Perhaps you forgot a comma?");
        return;
    }
    parser_reset_lookahead(p, mark);
}

/* invalid_legacy_expression: `print "x"` anywhere an expression is read. */
static void check_legacy_print(Parser *p, const LexToken *start, AstExpr *first) {
    if (!is_bare_name(first, start) || (strcmp(first->v.Name.id, "print") != 0 &&
                                        strcmp(first->v.Name.id, "exec") != 0)) {
        return;
    }
    TokenType next = parser_peek(p)->type;
    if (next == TOK_LPAR || (!token_starts_expression(next) && next != TOK_STAR)) {
        return;
    }
    ParserMark mark = parser_mark(p);
    AstExpr *rest = parse_star_expressions(p);
    if (rest && !p->failed) {
        parser_error_at_pos(p, parser_pos_span(first->pos, rest->pos),
                            "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                            first->v.Name.id, first->v.Name.id);
        return;
    }
    parser_reset_lookahead(p, mark);
}

static AstExpr *parse_lambda(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_LAMBDA);
    AstArguments *args = parse_parameters(p, true);
    const LexToken *colon = args ? parser_expect(p, TOK_COLON) : NULL;
    if (!colon) {
        return NULL;
    }
    if (parser_check(p, TOK_FSTRING_MIDDLE)) {
        /* the ':' started a format spec: `f"{lambda x: x}"` */
        parser_error_at(p, SYNTAX_ERROR_SYNTAX, start->lineno, start->col, colon->end_lineno,
                        colon->end_col,
                        "f-string: lambda expressions are not allowed without parentheses");
        return NULL;
    }
    AstExpr *body = parse_expression(p);
    if (!body) {
        return NULL;
    }
    AstExpr *lambda = parser_new_expr(p, EXPR_Lambda, parser_pos_from(p, start));
    if (lambda) {
        lambda->v.Lambda.args = args;
        lambda->v.Lambda.body = body;
    }
    return lambda;
}

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
static AstExpr *parse_expression_impl(Parser *p, bool check_invalid) {
    if (!parser_enter(p)) {
        return NULL;
    }
    const LexToken *start = parser_peek(p);
    AstExpr *result = NULL;
    if (start->type == TOK_LAMBDA) {
        result = parse_lambda(p);
    } else {
        AstExpr *body = parse_disjunction(p);
        if (body && parser_accept(p, TOK_IF)) {
            AstExpr *test = parse_disjunction(p);
            if (test && !parser_accept(p, TOK_ELSE)) {
                if (!parser_check(p, TOK_COLON)) {
                    parser_error_at_pos(p, parser_pos_span(body->pos, test->pos),
                                        "expected 'else' after 'if' expression");
                } else {
                    parser_error_generic(p);
                }
            } else if (test) {
                AstExpr *orelse = parse_expression(p);
                if (orelse) {
                    result = parser_new_expr(p, EXPR_IfExp, parser_pos_from(p, start));
                    if (result) {
                        result->v.IfExp.test = test;
                        result->v.IfExp.body = body;
                        result->v.IfExp.orelse = orelse;
                    }
                }
            }
        } else if (body) {
            if (check_invalid) {
                check_missing_comma(p, start, body);
                check_legacy_print(p, start, body);
            }
            result = p->failed ? NULL : body;
        }
    }
    parser_leave(p);
    return p->failed ? NULL : result;
}

AstExpr *parse_expression(Parser *p) {
    return parse_expression_impl(p, true);
}

static AstExpr *parse_bool_op(Parser *p, TokenType op_token, AstBoolOp op,
                              AstExpr *(*operand)(Parser *)) {
    const LexToken *start = parser_peek(p);
    AstExpr *first = operand(p);
    if (!first || !parser_check(p, op_token)) {
        return first;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_BoolOp, parser_pos_from(p, start));
    if (!expr || !PARSER_APPEND(p, expr->v.BoolOp.values, first)) {
        return NULL;
    }
    expr->v.BoolOp.op = op;
    while (parser_accept(p, op_token)) {
        AstExpr *next = operand(p);
        if (!next || !PARSER_APPEND(p, expr->v.BoolOp.values, next)) {
            return NULL;
        }
    }
    expr->pos = parser_pos_from(p, start);
    return expr;
}

static AstExpr *parse_comparison(Parser *p);

/* inversion: 'not' inversion | comparison */
static AstExpr *parse_inversion(Parser *p) {
    const LexToken *start = parser_peek(p);
    if (!parser_accept(p, TOK_NOT)) {
        return parse_comparison(p);
    }
    if (!parser_enter(p)) {
        return NULL;
    }
    AstExpr *operand = parse_inversion(p);
    parser_leave(p);
    if (!operand) {
        return NULL;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_UnaryOp, parser_pos_from(p, start));
    if (expr) {
        expr->v.UnaryOp.op = AST_Not;
        expr->v.UnaryOp.operand = operand;
    }
    return expr;
}

static AstExpr *parse_conjunction(Parser *p) {
    return parse_bool_op(p, TOK_AND, AST_And, parse_inversion);
}

AstExpr *parse_disjunction(Parser *p) {
    return parse_bool_op(p, TOK_OR, AST_Or, parse_conjunction);
}

/* The comparison operator at the current token, consuming it. */
static bool accept_comparison_operator(Parser *p, AstCmpOp *op) {
    switch (parser_peek(p)->type) {
    case TOK_EQEQUAL: *op = AST_Eq; break;
    case TOK_NOTEQUAL: *op = AST_NotEq; break;
    case TOK_LESS: *op = AST_Lt; break;
    case TOK_LESSEQUAL: *op = AST_LtE; break;
    case TOK_GREATER: *op = AST_Gt; break;
    case TOK_GREATEREQUAL: *op = AST_GtE; break;
    case TOK_IN: *op = AST_In; break;
    case TOK_IS:
        if (parser_peek_at(p, 1)->type == TOK_NOT) {
            p->pos++;
            *op = AST_IsNot;
        } else {
            *op = AST_Is;
        }
        break;
    case TOK_NOT:
        if (parser_peek_at(p, 1)->type != TOK_IN) {
            return false;
        }
        p->pos++;
        *op = AST_NotIn;
        break;
    default:
        return false;
    }
    p->pos++;
    return true;
}

static AstExpr *parse_comparison(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *left = parse_bitwise_or(p);
    AstCmpOp op;
    if (!left || !accept_comparison_operator(p, &op)) {
        return left;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_Compare, parser_pos_from(p, start));
    if (!expr) {
        return NULL;
    }
    expr->v.Compare.left = left;
    do {
        AstExpr *right = parse_bitwise_or(p);
        if (!right || !PARSER_APPEND(p, expr->v.Compare.ops, op) ||
            !PARSER_APPEND(p, expr->v.Compare.comparators, right)) {
            return NULL;
        }
    } while (accept_comparison_operator(p, &op));
    expr->pos = parser_pos_from(p, start);
    return expr;
}

typedef struct BinaryLevel {
    AstExpr *(*operand)(Parser *);
    TokenType tokens[5];
    AstOperator ops[5];
} BinaryLevel;

static AstExpr *parse_binary_level(Parser *p, const BinaryLevel *level) {
    const LexToken *start = parser_peek(p);
    AstExpr *left = level->operand(p);
    while (left) {
        TokenType type = parser_peek(p)->type;
        int found = -1;
        for (int i = 0; i < 5 && level->tokens[i] != TOK_ENDMARKER; i++) {
            if (level->tokens[i] == type) {
                found = i;
            }
        }
        if (found < 0) {
            break;
        }
        p->pos++;
        AstExpr *right = level->operand(p);
        if (!right) {
            return NULL;
        }
        AstExpr *expr = parser_new_expr(p, EXPR_BinOp, parser_pos_from(p, start));
        if (!expr) {
            return NULL;
        }
        expr->v.BinOp.left = left;
        expr->v.BinOp.op = level->ops[found];
        expr->v.BinOp.right = right;
        left = expr;
    }
    return left;
}

static AstExpr *parse_term(Parser *p) {
    static const BinaryLevel level = {
        parse_factor,
        {TOK_STAR, TOK_SLASH, TOK_DOUBLESLASH, TOK_PERCENT, TOK_AT},
        {AST_Mult, AST_Div, AST_FloorDiv, AST_Mod, AST_MatMult},
    };
    return parse_binary_level(p, &level);
}

static AstExpr *parse_sum(Parser *p) {
    static const BinaryLevel level = {parse_term, {TOK_PLUS, TOK_MINUS}, {AST_Add, AST_Sub}};
    return parse_binary_level(p, &level);
}

static AstExpr *parse_shift_expr(Parser *p) {
    static const BinaryLevel level = {
        parse_sum, {TOK_LEFTSHIFT, TOK_RIGHTSHIFT}, {AST_LShift, AST_RShift}};
    return parse_binary_level(p, &level);
}

static AstExpr *parse_bitwise_and(Parser *p) {
    static const BinaryLevel level = {parse_shift_expr, {TOK_AMPER}, {AST_BitAnd}};
    return parse_binary_level(p, &level);
}

static AstExpr *parse_bitwise_xor(Parser *p) {
    static const BinaryLevel level = {parse_bitwise_and, {TOK_CIRCUMFLEX}, {AST_BitXor}};
    return parse_binary_level(p, &level);
}

AstExpr *parse_bitwise_or(Parser *p) {
    static const BinaryLevel level = {parse_bitwise_xor, {TOK_VBAR}, {AST_BitOr}};
    return parse_binary_level(p, &level);
}

/* await_primary: AWAIT primary | primary */
static AstExpr *parse_await_primary(Parser *p) {
    const LexToken *start = parser_peek(p);
    if (!parser_accept(p, TOK_AWAIT)) {
        return parse_primary(p);
    }
    AstExpr *value = parse_primary(p);
    if (!value) {
        return NULL;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_Await, parser_pos_from(p, start));
    if (expr) {
        expr->v.Await.value = value;
    }
    return expr;
}

/* power: await_primary '**' factor | await_primary */
static AstExpr *parse_power(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *left = parse_await_primary(p);
    if (!left || !parser_accept(p, TOK_DOUBLESTAR)) {
        return left;
    }
    if (!parser_enter(p)) { /* `2 ** 2 ** ...` recurses to the right */
        return NULL;
    }
    AstExpr *right = parse_factor(p);
    parser_leave(p);
    if (!right) {
        return NULL;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_BinOp, parser_pos_from(p, start));
    if (expr) {
        expr->v.BinOp.left = left;
        expr->v.BinOp.op = AST_Pow;
        expr->v.BinOp.right = right;
    }
    return expr;
}

/* factor: '+' factor | '-' factor | '~' factor | power */
static AstExpr *parse_factor(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstUnaryOp op;
    switch (start->type) {
    case TOK_PLUS: op = AST_UAdd; break;
    case TOK_MINUS: op = AST_USub; break;
    case TOK_TILDE: op = AST_Invert; break;
    default: return parse_power(p);
    }
    p->pos++;
    if (!parser_enter(p)) {
        return NULL;
    }
    AstExpr *operand = parse_factor(p);
    parser_leave(p);
    if (!operand) {
        return NULL;
    }
    AstExpr *expr = parser_new_expr(p, EXPR_UnaryOp, parser_pos_from(p, start));
    if (expr) {
        expr->v.UnaryOp.op = op;
        expr->v.UnaryOp.operand = operand;
    }
    return expr;
}

/* ---- primaries ---- */

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression,
 * plus starred_expression as an item of a tuple of slices */
static AstExpr *parse_slice(Parser *p) {
    const LexToken *start = parser_peek(p);
    if (parser_accept(p, TOK_STAR)) {
        AstExpr *value = parse_expression(p);
        return value ? parser_new_starred(p, start, value) : NULL;
    }
    AstExpr *lower = NULL;
    if (!parser_check(p, TOK_COLON)) {
        lower = parse_named_expression(p);
        if (!lower || !parser_check(p, TOK_COLON)) {
            return lower;
        }
    }
    p->pos++; /* ':' */
    AstExpr *upper = NULL, *step = NULL;
    if (token_starts_expression(parser_peek(p)->type)) {
        if (!(upper = parse_expression(p))) {
            return NULL;
        }
    }
    if (parser_accept(p, TOK_COLON) && token_starts_expression(parser_peek(p)->type)) {
        if (!(step = parse_expression(p))) {
            return NULL;
        }
    }
    AstExpr *slice = parser_new_expr(p, EXPR_Slice, parser_pos_from(p, start));
    if (slice) {
        slice->v.Slice.lower = lower;
        slice->v.Slice.upper = upper;
        slice->v.Slice.step = step;
    }
    return slice;
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static AstExpr *parse_slices(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *first = parse_slice(p);
    /* a lone `*x` is no slice: only the tuple form takes it */
    if (!first || (!parser_check(p, TOK_COMMA) && first->kind != EXPR_Starred)) {
        return first;
    }
    AstExpr *tuple = parser_new_tuple(p, start, first);
    while (tuple && parser_accept(p, TOK_COMMA) && !parser_check(p, TOK_RSQB)) {
        AstExpr *item = parse_slice(p);
        if (!item || !PARSER_APPEND(p, tuple->v.Tuple.elts, item)) {
            return NULL;
        }
    }
    if (tuple) {
        tuple->pos = parser_pos_from(p, start);
    }
    return tuple;
}

AstExpr *parse_primary(Parser *p) {
    const LexToken *start = parser_peek(p);
    AstExpr *expr = parse_atom(p);
    while (expr) {
        const LexToken *token = parser_peek(p);
        if (token->type == TOK_DOT) {
            p->pos++;
            const LexToken *name = parser_expect(p, TOK_NAME);
            AstExpr *attribute = name ? parser_new_expr(p, EXPR_Attribute, parser_pos_from(p, start)) : NULL;
            if (!attribute || !(attribute->v.Attribute.attr = parser_identifier(p, name))) {
                return NULL;
            }
            attribute->v.Attribute.value = expr;
            attribute->v.Attribute.ctx = AST_Load;
            expr = attribute;
        } else if (token->type == TOK_LPAR) {
            p->pos++;
            AstExpr *call = parser_new_expr(p, EXPR_Call, parser_pos_from(p, start));
            if (!call || !parse_call_arguments(p, &call->v.Call.args, &call->v.Call.keywords)) {
                return NULL;
            }
            call->v.Call.func = expr;
            call->pos = parser_pos_from(p, start);
            expr = call;
        } else if (token->type == TOK_LSQB) {
            p->pos++;
            AstExpr *slice = parse_slices(p);
            if (!slice || !parser_expect(p, TOK_RSQB)) {
                return NULL;
            }
            AstExpr *subscript = parser_new_expr(p, EXPR_Subscript, parser_pos_from(p, start));
            if (!subscript) {
                return NULL;
            }
            subscript->v.Subscript.value = expr;
            subscript->v.Subscript.slice = slice;
            subscript->v.Subscript.ctx = AST_Load;
            expr = subscript;
        } else {
            break;
        }
    }
    return expr;
}

static AstExpr *new_constant(Parser *p, const LexToken *token, AstConstantKind kind) {
    AstExpr *expr = parser_new_expr(p, EXPR_Constant, parser_pos_from(p, token));
    if (expr) {
        expr->v.Constant.value.kind = kind;
    }
    return expr;
}

/* CPython (3.8.14+) refuses decimal int literals of more than 4300 digits:
 * PyLong_FromString's limit, raised at the literal's line without columns. */
enum { INT_MAX_STR_DIGITS = 4300 };

static bool exceeds_int_digit_limit(Parser *p, const LexToken *token, const AstConstant *value) {
    if (value->kind != AST_CONST_INT || value->int_base != 10) {
        return false;
    }
    int digits = 0;
    for (int i = token->start; i < token->end; i++) {
        digits += p->lex->source[i] != '_';
    }
    if (digits <= INT_MAX_STR_DIGITS) {
        return false;
    }
    parser_error_at(p, SYNTAX_ERROR_SYNTAX, token->lineno, -1, token->end_lineno, -1,
                    "Exceeds the limit (%d digits) for integer string conversion: value has %d "
                    "digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                    "hexadecimal for huge integer literals to avoid decimal conversion limits.",
                    INT_MAX_STR_DIGITS, digits);
    return true;
}

static AstExpr *parse_atom(Parser *p) {
    const LexToken *token = parser_peek(p);
    switch (token->type) {
    case TOK_NAME: {
        p->pos++;
        AstExpr *name = parser_new_expr(p, EXPR_Name, parser_pos_from(p, token));
        if (!name || !(name->v.Name.id = parser_identifier(p, token))) {
            return NULL;
        }
        name->v.Name.ctx = AST_Load;
        return name;
    }
    case TOK_TRUE:
        p->pos++;
        return new_constant(p, token, AST_CONST_TRUE);
    case TOK_FALSE:
        p->pos++;
        return new_constant(p, token, AST_CONST_FALSE);
    case TOK_NONE:
        p->pos++;
        return new_constant(p, token, AST_CONST_NONE);
    case TOK_ELLIPSIS:
        p->pos++;
        return new_constant(p, token, AST_CONST_ELLIPSIS);
    case TOK_NUMBER: {
        p->pos++;
        AstExpr *number = new_constant(p, token, AST_CONST_INT);
        if (number && !literal_number(p->arena, p->lex->source + token->start,
                                      token->end - token->start, &number->v.Constant.value)) {
            parser_error_memory(p);
            return NULL;
        }
        if (number && exceeds_int_digit_limit(p, token, &number->v.Constant.value)) {
            return NULL;
        }
        return number;
    }
    case TOK_STRING:
    case TOK_FSTRING_START:
        return parse_strings(p);
    case TOK_LPAR:
        return parse_paren(p);
    case TOK_LSQB:
        return parse_list(p);
    case TOK_LBRACE:
        return parse_brace(p);
    default:
        parser_error_generic(p);
        return NULL;
    }
}
