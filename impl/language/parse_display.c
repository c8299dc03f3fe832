/* Displays and comprehensions (Grammar/python.gram: tuple, group, genexp,
 * list, listcomp, dict, set, dictcomp, setcomp, for_if_clauses) and their
 * invalid_* rules ("did you forget parentheses around the comprehension
 * target?", "cannot use a starred expression in a dictionary value"...). */
#include "parser_internal.h"

bool at_comprehension(Parser *p) {
    return parser_check(p, TOK_FOR) ||
           (parser_check(p, TOK_ASYNC) && parser_peek_at(p, 1)->type == TOK_FOR);
}

bool parse_for_if_clauses(Parser *p, AstComprehensionList *out) {
    while (at_comprehension(p)) {
        AstComprehension *clause = parser_alloc(p, sizeof(AstComprehension));
        if (!clause) {
            return false;
        }
        clause->is_async = parser_accept(p, TOK_ASYNC) != NULL;
        p->pos++; /* 'for' */
        clause->target = parse_star_targets(p);
        if (!clause->target || !parser_accept(p, TOK_IN)) {
            return false;
        }
        clause->iter = parse_disjunction(p);
        if (!clause->iter) {
            return false;
        }
        while (parser_accept(p, TOK_IF)) {
            AstExpr *condition = parse_disjunction(p);
            if (!condition || !PARSER_APPEND(p, clause->ifs, condition)) {
                return false;
            }
        }
        if (!PARSER_APPEND(p, *out, clause)) {
            return false;
        }
    }
    return true;
}

/* A comprehension of kind `kind` whose element is `elt`, up to `closing`. */
static AstExpr *finish_comprehension(Parser *p, const LexToken *start, AstExprKind kind,
                                     AstExpr *elt, TokenType closing) {
    if (elt->kind == EXPR_Starred) {
        parser_error_at_pos(p, elt->pos, "iterable unpacking cannot be used in comprehension");
        return NULL;
    }
    AstComprehensionList generators = {0};
    if (!parse_for_if_clauses(p, &generators) || !parser_expect(p, closing)) {
        return NULL;
    }
    AstExpr *expr = parser_new_expr(p, kind, parser_pos_from(p, start));
    if (!expr) {
        return NULL;
    }
    switch (kind) {
    case EXPR_ListComp:
        expr->v.ListComp.elt = elt;
        expr->v.ListComp.generators = generators;
        break;
    case EXPR_SetComp:
        expr->v.SetComp.elt = elt;
        expr->v.SetComp.generators = generators;
        break;
    default:
        expr->v.GeneratorExp.elt = elt;
        expr->v.GeneratorExp.generators = generators;
        break;
    }
    return expr;
}

/* The items of a list, set or tuple display after its first item, up to and
 * including `closing`; "did you forget parentheses around the comprehension
 * target?" when a `for` follows several items. */
static bool parse_display_items(Parser *p, AstExprList *elts, TokenType closing) {
    while (parser_accept(p, TOK_COMMA)) {
        if (parser_check(p, closing)) {
            break;
        }
        if (at_comprehension(p) && closing != TOK_RPAR) {
            const LexToken *comma = parser_previous(p);
            AstExpr *first = elts->items[0];
            parser_error_at(p, SYNTAX_ERROR_SYNTAX, first->pos.lineno, first->pos.col_offset,
                            comma->end_lineno, comma->end_col,
                            "did you forget parentheses around the comprehension target?");
            return false;
        }
        AstExpr *item = parse_star_named_expression(p);
        if (!item || !PARSER_APPEND(p, *elts, item)) {
            return false;
        }
    }
    if (at_comprehension(p) && elts->len > 1 && closing != TOK_RPAR) {
        AstExpr *first = elts->items[0];
        AstExpr *last = elts->items[elts->len - 1];
        parser_error_at_pos(p, parser_pos_span(first->pos, last->pos),
                            "did you forget parentheses around the comprehension target?");
        return false;
    }
    return parser_expect(p, closing) != NULL;
}

/* tuple | group | genexp */
AstExpr *parse_paren(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_LPAR);
    if (parser_accept(p, TOK_RPAR)) {
        return parser_new_tuple(p, start, NULL);
    }
    if (parser_check(p, TOK_YIELD)) {
        AstExpr *value = parse_yield_expr(p);
        return value && parser_expect(p, TOK_RPAR) ? value : NULL;
    }
    AstExpr *first = parse_star_named_expression(p);
    if (!first) {
        return NULL;
    }
    if (at_comprehension(p)) {
        return finish_comprehension(p, start, EXPR_GeneratorExp, first, TOK_RPAR);
    }
    if (parser_accept(p, TOK_RPAR)) {
        if (first->kind == EXPR_Starred) {
            parser_error_at_pos(p, first->pos, "cannot use starred expression here");
            return NULL;
        }
        return first; /* a group keeps its inner position */
    }
    if (!parser_check(p, TOK_COMMA)) {
        parser_error_generic(p);
        return NULL;
    }
    AstExpr *tuple = parser_new_tuple(p, start, first);
    if (!tuple || !parse_display_items(p, &tuple->v.Tuple.elts, TOK_RPAR)) {
        return NULL;
    }
    tuple->pos = parser_pos_from(p, start);
    return tuple;
}

/* list | listcomp */
AstExpr *parse_list(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_LSQB);
    AstExpr *list = parser_new_expr(p, EXPR_List, parser_pos_from(p, start));
    if (!list) {
        return NULL;
    }
    list->v.List.ctx = AST_Load;
    if (parser_accept(p, TOK_RSQB)) {
        list->pos = parser_pos_from(p, start);
        return list;
    }
    AstExpr *first = parse_star_named_expression(p);
    if (!first) {
        return NULL;
    }
    if (at_comprehension(p)) {
        return finish_comprehension(p, start, EXPR_ListComp, first, TOK_RSQB);
    }
    if (!PARSER_APPEND(p, list->v.List.elts, first) ||
        !parse_display_items(p, &list->v.List.elts, TOK_RSQB)) {
        return NULL;
    }
    list->pos = parser_pos_from(p, start);
    return list;
}

/* `{k: *v}`: RAISE_SYNTAX_ERROR_STARTING_FROM the '*', up to the value. */
static void reject_starred_dict_value(Parser *p) {
    const LexToken *star = parser_accept(p, TOK_STAR);
    AstExpr *value = parse_bitwise_or(p);
    if (value) {
        parser_error_at(p, SYNTAX_ERROR_SYNTAX, star->lineno, star->col, value->pos.end_lineno,
                        value->pos.end_col_offset,
                        "cannot use a starred expression in a dictionary value");
    }
}

/* One `key: value` or `**mapping` of a dict display. */
static bool parse_dict_item(Parser *p, AstExpr *dict) {
    AstExpr *key = NULL, *value;
    if (parser_accept(p, TOK_DOUBLESTAR)) {
        value = parse_bitwise_or(p);
    } else {
        key = parse_expression(p);
        if (!key) {
            return false;
        }
        const LexToken *colon = parser_accept(p, TOK_COLON);
        if (!colon) {
            if (!p->failed) {
                parser_error_at(p, SYNTAX_ERROR_SYNTAX, key->pos.lineno, key->pos.end_col_offset - 1,
                                key->pos.end_lineno, -1, "':' expected after dictionary key");
            }
            return false;
        }
        if (parser_check(p, TOK_RBRACE) || parser_check(p, TOK_COMMA)) {
            parser_error_at_token(p, colon, "expression expected after dictionary key and ':'");
            return false;
        }
        if (parser_check(p, TOK_STAR)) {
            reject_starred_dict_value(p);
            return false;
        }
        value = parse_expression(p);
    }
    return value && PARSER_APPEND(p, dict->v.Dict.keys, key) &&
           PARSER_APPEND(p, dict->v.Dict.values, value);
}

static AstExpr *parse_dict_rest(Parser *p, const LexToken *start, AstExpr *dict) {
    while (parser_accept(p, TOK_COMMA)) {
        if (parser_check(p, TOK_RBRACE)) {
            break;
        }
        if (!parse_dict_item(p, dict)) {
            return NULL;
        }
    }
    if (!parser_expect(p, TOK_RBRACE)) {
        return NULL;
    }
    dict->pos = parser_pos_from(p, start);
    return dict;
}

/* dict | set | dictcomp | setcomp */
AstExpr *parse_brace(Parser *p) {
    const LexToken *start = parser_accept(p, TOK_LBRACE);
    AstExpr *dict = parser_new_expr(p, EXPR_Dict, parser_pos_from(p, start));
    if (!dict) {
        return NULL;
    }
    if (parser_accept(p, TOK_RBRACE)) {
        dict->pos = parser_pos_from(p, start);
        return dict;
    }
    if (parser_check(p, TOK_DOUBLESTAR)) {
        const LexToken *stars = parser_peek(p);
        if (!parse_dict_item(p, dict)) {
            return NULL;
        }
        if (at_comprehension(p)) {
            parser_error_at_token(p, stars, "dict unpacking cannot be used in dict comprehension");
            return NULL;
        }
        return parse_dict_rest(p, start, dict);
    }
    AstExpr *first = parse_star_named_expression(p);
    if (!first) {
        return NULL;
    }
    const LexToken *colon = first->kind != EXPR_Starred ? parser_accept(p, TOK_COLON) : NULL;
    if (colon) {
        if (parser_check(p, TOK_RBRACE) || parser_check(p, TOK_COMMA)) {
            parser_error_at_token(p, colon, "expression expected after dictionary key and ':'");
            return NULL;
        }
        if (parser_check(p, TOK_STAR)) {
            reject_starred_dict_value(p);
            return NULL;
        }
        AstExpr *value = parse_expression(p);
        if (!value) {
            return NULL;
        }
        if (at_comprehension(p)) {
            AstComprehensionList generators = {0};
            if (!parse_for_if_clauses(p, &generators) || !parser_expect(p, TOK_RBRACE)) {
                return NULL;
            }
            AstExpr *comp = parser_new_expr(p, EXPR_DictComp, parser_pos_from(p, start));
            if (comp) {
                comp->v.DictComp.key = first;
                comp->v.DictComp.value = value;
                comp->v.DictComp.generators = generators;
            }
            return comp;
        }
        if (!PARSER_APPEND(p, dict->v.Dict.keys, first) ||
            !PARSER_APPEND(p, dict->v.Dict.values, value)) {
            return NULL;
        }
        return parse_dict_rest(p, start, dict);
    }
    if (at_comprehension(p)) {
        return finish_comprehension(p, start, EXPR_SetComp, first, TOK_RBRACE);
    }
    AstExpr *set = parser_new_expr(p, EXPR_Set, parser_pos_from(p, start));
    if (!set || !PARSER_APPEND(p, set->v.Set.elts, first) ||
        !parse_display_items(p, &set->v.Set.elts, TOK_RBRACE)) {
        return NULL;
    }
    set->pos = parser_pos_from(p, start);
    return set;
}

