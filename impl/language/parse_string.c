/* String literals: implicit concatenation of STRING tokens and f-strings
 * (FSTRING_START ... FSTRING_END) into one Constant or JoinedStr, as
 * CPython 3.12's _PyPegen_concatenate_strings does, and the replacement
 * fields `{expr=!r:spec}` of PEP 701's grammar (fstring_replacement_field). */
#include <string.h>

#include "literal.h"
#include "parser_internal.h"

/* One piece of a concatenation: literal text or a FormattedValue. */
typedef struct StringPiece {
    const char *text;
    size_t size;
    AstPos pos;
    AstExpr *value; /* non-NULL for a replacement field */
} StringPiece;

AST_DEFINE_LIST(StringPieceList, StringPiece);

typedef struct Prefix {
    bool bytes;
    bool raw;
    bool unicode;
    int length;
} Prefix;

static Prefix read_prefix(const char *text) {
    Prefix prefix = {0};
    while (text[prefix.length] != '\'' && text[prefix.length] != '"') {
        char c = text[prefix.length];
        prefix.bytes |= c == 'b' || c == 'B';
        prefix.raw |= c == 'r' || c == 'R';
        prefix.unicode |= c == 'u' || c == 'U';
        prefix.length++;
    }
    return prefix;
}

static AstPos token_pos(const LexToken *token) {
    AstPos pos = {token->lineno, token->col, token->end_lineno, token->end_col};
    return pos;
}

static bool decode_text(Parser *p, const LexToken *token, const char *body, int len, bool raw,
                        bool bytes, bool fstring, StringPiece *piece) {
    char error[300];
    char *out;
    size_t size;
    bool ok = bytes ? literal_decode_bytes(p->arena, body, len, raw, &out, &size, error, sizeof error)
                    : literal_decode_str(p->arena, body, len, raw, fstring, &out, &size, error,
                                         sizeof error);
    if (!ok) {
        if (strcmp(error, "out of memory") == 0) {
            parser_error_memory(p);
        } else {
            parser_error_at_token(p, token, "%s", error);
        }
        return false;
    }
    piece->text = out;
    piece->size = size;
    piece->pos = token_pos(token);
    piece->value = NULL;
    return true;
}

static AstExpr *parse_replacement_field(Parser *p, bool raw, StringPiece *debug_piece);

static const char *valid_expression_message(TokenType type) {
    switch (type) {
    case TOK_EQUAL: return "f-string: valid expression required before '='";
    case TOK_EXCLAMATION: return "f-string: valid expression required before '!'";
    case TOK_COLON: return "f-string: valid expression required before ':'";
    case TOK_RBRACE: return "f-string: valid expression required before '}'";
    default: return NULL;
    }
}

/* RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN */
static void error_on_next_token(Parser *p, const char *message) {
    parser_error_at_token(p, parser_peek(p), "%s", message);
}

/* fstring_conversion: '!' NAME, the NAME right after the '!' */
static bool parse_conversion(Parser *p, int *conversion) {
    const LexToken *bang = parser_accept(p, TOK_EXCLAMATION);
    if (!bang) {
        return true;
    }
    const LexToken *name = parser_peek(p);
    if (name->type != TOK_NAME) {
        if (name->type == TOK_COLON || name->type == TOK_RBRACE) {
            error_on_next_token(p, "f-string: missing conversion character");
        } else {
            error_on_next_token(p, "f-string: invalid conversion character");
        }
        return false;
    }
    p->pos++;
    if (name->start != bang->end) {
        parser_error_at(p, SYNTAX_ERROR_SYNTAX, bang->lineno, bang->col, name->end_lineno,
                        name->end_col,
                        "f-string: conversion type must come right after the exclamanation mark");
        return false;
    }
    TokenType after = parser_peek(p)->type;
    if (after != TOK_COLON && after != TOK_RBRACE) {
        error_on_next_token(p, "f-string: expecting ':' or '}'");
        return false;
    }
    int length = name->end - name->start;
    char letter = p->lex->source[name->start];
    if (length != 1 || (letter != 's' && letter != 'r' && letter != 'a')) {
        parser_error_at_token(p, name,
                              "f-string: invalid conversion character '%.*s': expected 's', "
                              "'r', or 'a'",
                              length, p->lex->source + name->start);
        return false;
    }
    *conversion = letter;
    return true;
}

/* fstring_full_format_spec: ':' (FSTRING_MIDDLE | fstring_replacement_field)* */
static AstExpr *parse_format_spec(Parser *p, const LexToken *colon, bool raw) {
    AstExprList values = {0};
    AstPos end = token_pos(colon);
    for (;;) {
        const LexToken *token = parser_peek(p);
        AstExpr *item;
        if (token->type == TOK_FSTRING_MIDDLE) {
            p->pos++;
            StringPiece piece;
            if (!decode_text(p, token, p->lex->source + token->start, token->end - token->start,
                             raw, false, true, &piece)) {
                return NULL;
            }
            item = parser_new_expr(p, EXPR_Constant, piece.pos);
            if (!item) {
                return NULL;
            }
            item->v.Constant.value.kind = AST_CONST_STR;
            item->v.Constant.value.bytes = piece.text;
            item->v.Constant.value.size = piece.size;
        } else if (token->type == TOK_LBRACE) {
            StringPiece debug = {0};
            item = parse_replacement_field(p, raw, &debug);
            if (!item) {
                return NULL;
            }
            if (debug.text) {
                AstExpr *text = parser_new_expr(p, EXPR_Constant, debug.pos);
                if (!text || !PARSER_APPEND(p, values, text)) {
                    return NULL;
                }
                text->v.Constant.value.kind = AST_CONST_STR;
                text->v.Constant.value.bytes = debug.text;
                text->v.Constant.value.size = debug.size;
            }
        } else {
            break;
        }
        end = item->pos;
        if (!PARSER_APPEND(p, values, item)) {
            return NULL;
        }
    }
    /* _PyPegen_setup_full_format_spec: an empty spec has no values */
    if (values.len == 1 && values.items[0]->kind == EXPR_Constant &&
        values.items[0]->v.Constant.value.size == 0) {
        values.len = 0;
    }
    AstExpr *spec = parser_new_expr(p, EXPR_JoinedStr, parser_pos_span(token_pos(colon), end));
    if (spec) {
        spec->v.JoinedStr.values = values;
    }
    return spec;
}

/* fstring_replacement_field: '{' (yield_expr | star_expressions) ['='] [conversion]
 * [format spec] '}'. With '=' (`{x=}`) the source text of the expression
 * goes to *debug_piece, which the caller puts before the FormattedValue. */
static AstExpr *parse_replacement_field(Parser *p, bool raw, StringPiece *debug_piece) {
    const LexToken *lbrace = parser_accept(p, TOK_LBRACE);
    const char *message = valid_expression_message(parser_peek(p)->type);
    if (message) {
        error_on_next_token(p, message);
        return NULL;
    }
    if (!token_starts_expression(parser_peek(p)->type) && !parser_check(p, TOK_STAR) &&
        !parser_check(p, TOK_YIELD)) {
        error_on_next_token(p, "f-string: expecting a valid expression after '{'");
        return NULL;
    }
    AstExpr *value = parse_star_expressions_or_yield(p);
    if (!value) {
        return NULL;
    }
    int conversion = -1;
    const LexToken *equal = parser_accept(p, TOK_EQUAL);
    if (equal && debug_piece) {
        const LexToken *after = parser_peek(p);
        /* the source text is freed after parsing: keep a copy */
        debug_piece->size = (size_t)(after->start - lbrace->end);
        debug_piece->text = arena_strndup(p->arena, p->lex->source + lbrace->end, debug_piece->size);
        if (!debug_piece->text) {
            parser_error_memory(p);
            return NULL;
        }
        debug_piece->pos = (AstPos){lbrace->end_lineno, lbrace->end_col, after->lineno, after->col};
        debug_piece->value = NULL;
    }
    TokenType next = parser_peek(p)->type;
    if (next != TOK_EXCLAMATION && next != TOK_COLON && next != TOK_RBRACE) {
        error_on_next_token(p, equal ? "f-string: expecting '!', or ':', or '}'"
                                     : "f-string: expecting '=', or '!', or ':', or '}'");
        return NULL;
    }
    if (!parse_conversion(p, &conversion)) {
        return NULL;
    }
    AstExpr *spec = NULL;
    const LexToken *colon = parser_accept(p, TOK_COLON);
    if (colon) {
        spec = parse_format_spec(p, colon, raw);
        if (!spec) {
            return NULL;
        }
        if (!parser_check(p, TOK_RBRACE)) {
            error_on_next_token(p, "f-string: expecting '}', or format specs");
            return NULL;
        }
    } else if (!parser_check(p, TOK_RBRACE)) {
        error_on_next_token(p, conversion == -1 && !equal ? "f-string: expecting '}'"
                                                          : "f-string: expecting ':' or '}'");
        return NULL;
    }
    p->pos++; /* '}' */
    if (equal && conversion == -1 && !spec) {
        conversion = 'r'; /* `{x=}` shows the repr unless a spec is given */
    }
    AstExpr *field = parser_new_expr(p, EXPR_FormattedValue, parser_pos_from(p, lbrace));
    if (field) {
        field->v.FormattedValue.value = value;
        field->v.FormattedValue.conversion = conversion;
        field->v.FormattedValue.format_spec = spec;
    }
    return field;
}

/* FSTRING_START (FSTRING_MIDDLE | replacement field)* FSTRING_END */
static bool parse_fstring(Parser *p, StringPieceList *pieces) {
    const LexToken *start = parser_accept(p, TOK_FSTRING_START);
    Prefix prefix = read_prefix(p->lex->source + start->start);
    for (;;) {
        const LexToken *token = parser_peek(p);
        if (token->type == TOK_FSTRING_END) {
            p->pos++;
            return true;
        }
        StringPiece piece = {0};
        if (token->type == TOK_FSTRING_MIDDLE) {
            p->pos++;
            if (!decode_text(p, token, p->lex->source + token->start, token->end - token->start,
                             prefix.raw, false, true, &piece)) {
                return false;
            }
        } else if (token->type == TOK_LBRACE) {
            StringPiece debug = {0};
            piece.value = parse_replacement_field(p, prefix.raw, &debug);
            if (!piece.value) {
                return false;
            }
            if (debug.text && !PARSER_APPEND(p, *pieces, debug)) {
                return false;
            }
            piece.pos = piece.value->pos;
        } else {
            parser_error_generic(p);
            return false;
        }
        if (!PARSER_APPEND(p, *pieces, piece)) {
            return false;
        }
    }
}

static AstExpr *new_str_constant(Parser *p, const char *text, size_t size, AstPos pos,
                                 AstConstantKind kind) {
    AstExpr *constant = parser_new_expr(p, EXPR_Constant, pos);
    if (constant) {
        constant->v.Constant.value.kind = kind;
        constant->v.Constant.value.bytes = text;
        constant->v.Constant.value.size = size;
    }
    return constant;
}

/* Joins pieces[from..to) of literal text into one arena string. */
static char *join_texts(Parser *p, const StringPiece *pieces, int from, int to, size_t *size) {
    size_t total = 0;
    for (int i = from; i < to; i++) {
        total += pieces[i].size;
    }
    char *text = parser_alloc(p, total + 1);
    if (!text) {
        return NULL;
    }
    size_t n = 0;
    for (int i = from; i < to; i++) {
        memcpy(text + n, pieces[i].text, pieces[i].size);
        n += pieces[i].size;
    }
    text[n] = '\0';
    *size = n;
    return text;
}

/* JoinedStr values: runs of literal text merged (empty runs dropped), each
 * field as it is. */
static AstExpr *build_joined_str(Parser *p, const StringPieceList *pieces, AstPos pos) {
    AstExpr *joined = parser_new_expr(p, EXPR_JoinedStr, pos);
    if (!joined) {
        return NULL;
    }
    int i = 0;
    while (i < pieces->len) {
        if (pieces->items[i].value) {
            if (!PARSER_APPEND(p, joined->v.JoinedStr.values, pieces->items[i].value)) {
                return NULL;
            }
            i++;
            continue;
        }
        int run_end = i;
        while (run_end < pieces->len && !pieces->items[run_end].value) {
            run_end++;
        }
        size_t size;
        char *text = join_texts(p, pieces->items, i, run_end, &size);
        if (!text) {
            return NULL;
        }
        if (size > 0) {
            AstPos run_pos = parser_pos_span(pieces->items[i].pos, pieces->items[run_end - 1].pos);
            AstExpr *constant = new_str_constant(p, text, size, run_pos, AST_CONST_STR);
            if (!constant || !PARSER_APPEND(p, joined->v.JoinedStr.values, constant)) {
                return NULL;
            }
        }
        i = run_end;
    }
    return joined;
}

AstExpr *parse_strings(Parser *p) {
    const LexToken *first = parser_peek(p);
    StringPieceList pieces = {0};
    bool has_fstring = false, has_bytes = false, has_str = false;
    bool unicode_kind = false;
    for (;;) {
        const LexToken *token = parser_peek(p);
        if (token->type == TOK_FSTRING_START) {
            has_fstring = has_str = true;
            if (!parse_fstring(p, &pieces)) {
                return NULL;
            }
            continue;
        }
        if (token->type != TOK_STRING) {
            break;
        }
        p->pos++;
        const char *text = p->lex->source + token->start;
        Prefix prefix = read_prefix(text);
        if (token == first) {
            unicode_kind = prefix.unicode;
        }
        int quote_size = (token->end - token->start - prefix.length >= 6 &&
                          text[prefix.length + 1] == text[prefix.length] &&
                          text[prefix.length + 2] == text[prefix.length])
                             ? 3
                             : 1;
        int body_len = token->end - token->start - prefix.length - 2 * quote_size;
        if (prefix.bytes) {
            has_bytes = true;
        } else {
            has_str = true;
        }
        if (has_bytes && has_str) {
            continue; /* reported below, once the whole run is read */
        }
        StringPiece piece;
        if (!decode_text(p, token, text + prefix.length + quote_size, body_len, prefix.raw,
                         prefix.bytes, false, &piece) ||
            !PARSER_APPEND(p, pieces, piece)) {
            return NULL;
        }
    }
    if (has_bytes && has_str) {
        parser_error_lazy(p, SYNTAX_ERROR_SYNTAX, "cannot mix bytes and nonbytes literals");
        return NULL;
    }
    AstPos pos = parser_pos_from(p, first);
    if (has_fstring) {
        return build_joined_str(p, &pieces, pos);
    }
    size_t size;
    char *text = join_texts(p, pieces.items, 0, pieces.len, &size);
    if (!text) {
        return NULL;
    }
    AstExpr *constant = new_str_constant(p, text, size, pos, has_bytes ? AST_CONST_BYTES : AST_CONST_STR);
    if (constant && unicode_kind) {
        constant->v.Constant.kind = "u";
    }
    return constant;
}
