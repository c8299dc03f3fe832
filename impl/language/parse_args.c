/* Parameters of `def` and `lambda` (Grammar/python.gram: parameters,
 * lambda_parameters and their invalid_* rules) and the arguments of a call
 * or class header (arguments, kwargs, invalid_arguments, invalid_kwarg). */
#include "parser_internal.h"

typedef struct ParameterState {
    AstArguments *args;
    bool is_lambda;
    TokenType closing;     /* ')' for def, ':' for lambda */
    bool seen_default;     /* a positional parameter had a default */
    bool seen_star;        /* past '*' or '*args' */
    bool seen_slash;
    const LexToken *bare_star;
    bool seen_kwarg;       /* past '**kwargs' */
} ParameterState;

/* param: NAME [':' expression] (no annotation in a lambda) */
static AstArg *parse_param(Parser *p, bool is_lambda) {
    const LexToken *name = parser_expect(p, TOK_NAME);
    if (!name) {
        return NULL;
    }
    AstArg *arg = parser_alloc(p, sizeof(AstArg));
    if (!arg || !(arg->arg = parser_identifier(p, name))) {
        return NULL;
    }
    if (!is_lambda && parser_accept(p, TOK_COLON)) {
        arg->annotation = parse_expression(p);
        if (!arg->annotation) {
            return NULL;
        }
    }
    arg->pos = parser_pos_from(p, name);
    return arg;
}

static bool refuse_default(Parser *p, const char *what) {
    const LexToken *equal = parser_peek(p);
    if (equal->type == TOK_EQUAL) {
        parser_error_at_token(p, equal, "%s argument cannot have default value", what);
        return false;
    }
    return true;
}

/* An ordinary parameter with its default, placed by what came before. */
static bool parse_plain_parameter(Parser *p, ParameterState *state) {
    AstArg *arg = parse_param(p, state->is_lambda);
    if (!arg) {
        return false;
    }
    AstExpr *default_value = NULL;
    const LexToken *equal = parser_accept(p, TOK_EQUAL);
    if (equal) {
        if (parser_check(p, TOK_COMMA) || parser_check(p, state->closing)) {
            parser_error_at_token(p, equal, "expected default value expression");
            return false;
        }
        default_value = parse_expression(p);
        if (!default_value) {
            return false;
        }
    }
    AstArguments *args = state->args;
    if (state->seen_star) {
        return PARSER_APPEND(p, args->kwonlyargs, arg) &&
               PARSER_APPEND(p, args->kw_defaults, default_value);
    }
    if (!default_value && state->seen_default) {
        parser_error_at_pos(p, arg->pos,
                            "parameter without a default follows parameter with a default");
        return false;
    }
    if (default_value) {
        state->seen_default = true;
        if (!PARSER_APPEND(p, args->defaults, default_value)) {
            return false;
        }
    }
    return PARSER_APPEND(p, args->args, arg);
}

static bool parse_slash(Parser *p, ParameterState *state, const LexToken *slash) {
    AstArguments *args = state->args;
    if (state->seen_star) {
        parser_error_at_token(p, slash, "/ must be ahead of *");
        return false;
    }
    if (state->seen_slash) {
        parser_error_at_token(p, slash, "/ may appear only once");
        return false;
    }
    if (args->args.len == 0) {
        parser_error_at_token(p, slash, "at least one argument must precede /");
        return false;
    }
    state->seen_slash = true;
    args->posonlyargs = args->args;
    args->args = (AstArgList){0};
    return true;
}

static bool parse_star_parameter(Parser *p, ParameterState *state, const LexToken *star) {
    if (state->seen_star) {
        parser_error_at_token(p, star, "* argument may appear only once");
        return false;
    }
    state->seen_star = true;
    if (parser_check(p, TOK_NAME)) {
        state->args->vararg = parse_param(p, state->is_lambda);
        return state->args->vararg && refuse_default(p, "var-positional");
    }
    /* a bare '*' needs keyword-only parameters after it */
    if (!parser_check(p, TOK_COMMA) || parser_peek_at(p, 1)->type != TOK_NAME) {
        if (state->is_lambda) {
            parser_error_lazy(p, SYNTAX_ERROR_SYNTAX, "named arguments must follow bare *");
        } else {
            parser_error_at_token(p, star, "named arguments must follow bare *");
        }
        return false;
    }
    state->bare_star = star;
    return true;
}

/* invalid_parameters: `def f((a, b))`, a Python 2 habit. Called with the
 * generic error already set, at the '('. */
static void explain_parenthesized_parameters(Parser *p, bool is_lambda) {
    ParserMark mark = parser_mark(p);
    SyntaxErrorInfo generic = p->error;
    p->error = (SyntaxErrorInfo){0};
    p->failed = false;
    const LexToken *lpar = parser_accept(p, TOK_LPAR);
    bool matched = false;
    while (parser_check(p, TOK_NAME)) {
        matched = parse_param(p, is_lambda) != NULL;
        if (!matched || !parser_accept(p, TOK_COMMA)) {
            break;
        }
    }
    const LexToken *rpar = matched ? parser_accept(p, TOK_RPAR) : NULL;
    if (rpar) {
        syntax_error_clear(&generic);
        parser_error_at(p, SYNTAX_ERROR_SYNTAX, lpar->lineno, lpar->col, rpar->end_lineno,
                        rpar->end_col,
                        is_lambda ? "Lambda expression parameters cannot be parenthesized"
                                  : "Function parameters cannot be parenthesized");
        return;
    }
    if (p->failed && p->error_from_lexer) {
        syntax_error_clear(&generic); /* the tokenizer failed on the way */
        return;
    }
    /* not that: the generic error stands, where it was */
    parser_reset_lookahead(p, mark);
    syntax_error_clear(&p->error);
    p->error = generic;
    p->failed = true;
    p->error_is_generic = true;
}

AstArguments *parse_parameters(Parser *p, bool is_lambda) {
    ParameterState state = {0};
    state.args = parser_alloc(p, sizeof(AstArguments));
    if (!state.args) {
        return NULL;
    }
    state.is_lambda = is_lambda;
    state.closing = is_lambda ? TOK_COLON : TOK_RPAR;
    while (!parser_check(p, state.closing) && !p->failed) {
        const LexToken *token = parser_peek(p);
        if (state.seen_kwarg) {
            if (token->type == TOK_NAME) {
                AstArg *arg = parse_param(p, is_lambda);
                if (arg) {
                    parser_error_at_pos(p, arg->pos, "arguments cannot follow var-keyword argument");
                }
            } else if (token->type == TOK_STAR || token->type == TOK_DOUBLESTAR ||
                       token->type == TOK_SLASH) {
                parser_error_at_token(p, token, "arguments cannot follow var-keyword argument");
            } else {
                parser_error_generic(p);
            }
            return NULL;
        }
        bool ok;
        if (parser_accept(p, TOK_SLASH)) {
            ok = parse_slash(p, &state, token);
        } else if (parser_accept(p, TOK_STAR)) {
            ok = parse_star_parameter(p, &state, token);
        } else if (parser_accept(p, TOK_DOUBLESTAR)) {
            state.args->kwarg = parse_param(p, is_lambda);
            ok = state.args->kwarg && refuse_default(p, "var-keyword");
            state.seen_kwarg = true;
        } else if (token->type == TOK_NAME) {
            ok = parse_plain_parameter(p, &state);
        } else {
            parser_error_generic(p);
            if (token->type == TOK_LPAR) {
                explain_parenthesized_parameters(p, is_lambda);
            }
            ok = false;
        }
        if (!ok || !parser_accept(p, TOK_COMMA)) {
            break;
        }
    }
    return p->failed ? NULL : state.args;
}

/* ---- call arguments ---- */

static AstKeyword *new_keyword(Parser *p, const LexToken *start, const char *name, AstExpr *value) {
    AstKeyword *keyword = parser_alloc(p, sizeof(AstKeyword));
    if (keyword) {
        keyword->arg = name;
        keyword->value = value;
        keyword->pos = parser_pos_from(p, start);
    }
    return keyword;
}

/* _PyPegen_get_last_comprehension_item: where a generator's text ends. */
static AstPos last_comprehension_item(const AstComprehensionList *generators) {
    const AstComprehension *last = generators->items[generators->len - 1];
    if (last->ifs.len > 0) {
        return last->ifs.items[last->ifs.len - 1]->pos;
    }
    return last->iter->pos;
}

/* A positional argument followed by `for`: only a lone generator
 * expression may go without parentheses of its own. */
static AstExpr *parse_call_generator(Parser *p, const LexToken *lpar, AstExpr *elt,
                                     bool alone_so_far) {
    AstComprehensionList generators = {0};
    if (!parse_for_if_clauses(p, &generators)) {
        return NULL;
    }
    if (alone_so_far && !parser_check(p, TOK_RPAR) && !parser_check(p, TOK_COMMA)) {
        parser_error_generic(p); /* no invalid_arguments form matches */
        return NULL;
    }
    if (!alone_so_far || !parser_check(p, TOK_RPAR)) {
        parser_error_at_pos(p, parser_pos_span(elt->pos, last_comprehension_item(&generators)),
                            "Generator expression must be parenthesized");
        return NULL;
    }
    const LexToken *rpar = parser_peek(p);
    AstPos pos = {lpar->lineno, lpar->col, rpar->end_lineno, rpar->end_col};
    AstExpr *generator = parser_new_expr(p, EXPR_GeneratorExp, pos);
    if (generator) {
        generator->v.GeneratorExp.elt = elt;
        generator->v.GeneratorExp.generators = generators;
    }
    return generator;
}

static bool has_keyword_unpacking(const AstKeywordList *keywords) {
    for (int i = 0; i < keywords->len; i++) {
        if (!keywords->items[i]->arg) {
            return true;
        }
    }
    return false;
}

static bool parse_positional_argument(Parser *p, const LexToken *lpar, AstExprList *args,
                                      AstKeywordList *keywords) {
    const LexToken *start = parser_peek(p);
    if (start->type == TOK_STAR) {
        p->pos++;
        if (has_keyword_unpacking(keywords)) {
            parser_error_at_token(p, start,
                                  "iterable argument unpacking follows keyword argument unpacking");
            return false;
        }
        AstExpr *value = parse_expression(p);
        AstExpr *starred = value ? parser_new_expr(p, EXPR_Starred, parser_pos_from(p, start)) : NULL;
        if (!starred) {
            return false;
        }
        starred->v.Starred.value = value;
        starred->v.Starred.ctx = AST_Load;
        return PARSER_APPEND(p, *args, starred);
    }
    AstExpr *value = parse_argument_expression(p);
    if (!value) {
        return false;
    }
    if (parser_check(p, TOK_FOR) ||
        (parser_check(p, TOK_ASYNC) && parser_peek_at(p, 1)->type == TOK_FOR)) {
        value = parse_call_generator(p, lpar, value, args->len == 0 && keywords->len == 0);
        return value && PARSER_APPEND(p, *args, value);
    }
    const LexToken *next = parser_peek(p);
    if (next->type == TOK_EQUAL) {
        /* invalid_kwarg: `f(a.b=1)` */
        parser_error_at(p, SYNTAX_ERROR_SYNTAX, value->pos.lineno, value->pos.col_offset,
                        next->end_lineno, next->end_col,
                        "expression cannot contain assignment, perhaps you meant \"==\"?");
        return false;
    }
    if (keywords->len > 0) {
        parser_error_lazy(p, SYNTAX_ERROR_SYNTAX,
                          has_keyword_unpacking(keywords)
                              ? "positional argument follows keyword argument unpacking"
                              : "positional argument follows keyword argument");
        return false;
    }
    return PARSER_APPEND(p, *args, value);
}

static bool parse_keyword_argument(Parser *p, AstKeywordList *keywords) {
    const LexToken *start = parser_peek(p);
    const char *name = NULL;
    if (parser_accept(p, TOK_DOUBLESTAR)) {
        /* `**mapping` */
    } else {
        p->pos++; /* NAME */
        const LexToken *equal = parser_accept(p, TOK_EQUAL);
        if (!(name = parser_identifier(p, start))) {
            return false;
        }
        if (parser_check(p, TOK_COMMA) || parser_check(p, TOK_RPAR)) {
            parser_error_at(p, SYNTAX_ERROR_SYNTAX, start->lineno, start->col, equal->end_lineno,
                            equal->end_col, "expected argument value expression");
            return false;
        }
        AstExpr *value = parse_expression(p);
        if (!value) {
            return false;
        }
        if (parser_check(p, TOK_FOR)) {
            parser_error_at(p, SYNTAX_ERROR_SYNTAX, start->lineno, start->col, equal->end_lineno,
                            equal->end_col,
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            return false;
        }
        AstKeyword *keyword = new_keyword(p, start, name, value);
        return keyword && PARSER_APPEND(p, *keywords, keyword);
    }
    AstExpr *value = parse_expression(p);
    AstKeyword *keyword = value ? new_keyword(p, start, NULL, value) : NULL;
    return keyword && PARSER_APPEND(p, *keywords, keyword);
}

bool parse_call_arguments(Parser *p, AstExprList *args, AstKeywordList *keywords) {
    const LexToken *lpar = &p->tokens[p->pos - 1];
    while (!parser_check(p, TOK_RPAR) && !p->failed) {
        const LexToken *token = parser_peek(p);
        bool name_like = token->type == TOK_NAME || token->type == TOK_TRUE ||
                         token->type == TOK_FALSE || token->type == TOK_NONE;
        TokenType next = name_like ? parser_peek_at(p, 1)->type : TOK_ENDMARKER;
        bool ok;
        if (token->type == TOK_DOUBLESTAR || (token->type == TOK_NAME && next == TOK_EQUAL)) {
            ok = parse_keyword_argument(p, keywords);
        } else if ((token->type == TOK_TRUE || token->type == TOK_FALSE ||
                    token->type == TOK_NONE) && next == TOK_EQUAL) {
            const LexToken *equal = parser_peek_at(p, 1);
            parser_error_at(p, SYNTAX_ERROR_SYNTAX, token->lineno, token->col, equal->end_lineno,
                            equal->end_col, "cannot assign to %.*s", token->end - token->start,
                            p->lex->source + token->start);
            ok = false;
        } else {
            ok = parse_positional_argument(p, lpar, args, keywords);
        }
        if (!ok || !parser_accept(p, TOK_COMMA)) {
            break;
        }
    }
    return !p->failed && parser_expect(p, TOK_RPAR) != NULL;
}
