/* Parser driver: token access, positions, error reporting and the choice
 * between a parser error and a tokenizer error, as CPython's
 * Parser/pegen.c and Parser/pegen_errors.c make it. */
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parser_internal.h"
#include "source.h"

/* The parser's error becomes a copy of one the tokenizer recorded. */
static void take_lexer_error(Parser *p, const SyntaxErrorInfo *error) {
    syntax_error_clear(&p->error);
    p->error = *error;
    p->error.msg = error->msg ? strdup(error->msg) : NULL;
    p->error.text = error->text ? strdup(error->text) : NULL;
    p->error.filename = NULL;
    p->failed = true;
    p->error_from_lexer = true;
    p->error_is_generic = false;
    p->error_is_layout = false;
}

const LexToken *parser_peek(Parser *p) {
    if (p->pos >= p->fill) {
        p->fill = p->pos + 1;
    }
    if (p->fill > p->max_fill) {
        p->max_fill = p->fill;
    }
    const LexToken *token = &p->tokens[p->pos];
    if (token->type == TOK_ERRORTOKEN && !p->failed) {
        /* CPython's tokenizer raises as soon as the parser fetches this */
        take_lexer_error(p, &p->lex->error);
    }
    return token;
}

const LexToken *parser_peek_at(Parser *p, int ahead) {
    int saved = p->pos;
    for (int i = 0; i < ahead && p->pos < p->count - 1; i++) {
        if (p->tokens[p->pos].type == TOK_ERRORTOKEN) {
            break;
        }
        p->pos++;
    }
    const LexToken *token = parser_peek(p);
    p->pos = saved;
    return token;
}

TokenType parser_second_look(Parser *p, int ahead) {
    int fill = p->fill;
    TokenType type = parser_peek_at(p, ahead)->type;
    if (!(p->failed && p->error_from_lexer)) {
        p->fill = fill;
    }
    return type;
}

bool parser_check(Parser *p, TokenType type) {
    return parser_peek(p)->type == type;
}

const LexToken *parser_accept(Parser *p, TokenType type) {
    const LexToken *token = parser_peek(p);
    if (token->type != type || p->failed) {
        return NULL;
    }
    if (p->pos < p->count - 1) {
        p->pos++;
    }
    return token;
}

const LexToken *parser_expect(Parser *p, TokenType type) {
    const LexToken *token = parser_accept(p, type);
    if (!token) {
        parser_error_generic(p);
    }
    return token;
}

const LexToken *parser_expect_forced(Parser *p, TokenType type, const char *shown) {
    const LexToken *token = parser_accept(p, type);
    if (!token && !p->failed) {
        parser_error_at_token(p, parser_peek(p), "expected %s", shown);
    }
    return token;
}

const LexToken *parser_previous(Parser *p) {
    int index = p->pos - 1;
    while (index > 0 && (p->tokens[index].type == TOK_NEWLINE ||
                         p->tokens[index].type == TOK_INDENT ||
                         p->tokens[index].type == TOK_DEDENT ||
                         p->tokens[index].type == TOK_ENDMARKER)) {
        index--;
    }
    return &p->tokens[index < 0 ? 0 : index];
}

AstPos parser_pos_from(Parser *p, const LexToken *start) {
    const LexToken *last = parser_previous(p);
    AstPos pos = {start->lineno, start->col, last->end_lineno, last->end_col};
    return pos;
}

AstPos parser_pos_span(AstPos first, AstPos last) {
    AstPos pos = {first.lineno, first.col_offset, last.end_lineno, last.end_col_offset};
    return pos;
}

static void set_error(Parser *p, SyntaxErrorType type, int lineno, int offset, int end_lineno,
                      int end_offset, const char *message) {
    int text_len;
    const char *text = lex_line_text(p->lex, lineno, &text_len);
    syntax_error_set(&p->error, type, NULL, lineno, offset, end_lineno, end_offset, text,
                     text ? text_len : -1, "%s", message);
    p->failed = true;
    p->error_from_lexer = false;
    p->error_is_generic = false;
    p->error_is_layout = false;
}

void parser_error_at(Parser *p, SyntaxErrorType type, int lineno, int col, int end_lineno,
                     int end_col, const char *fmt, ...) {
    if (p->failed) {
        return;
    }
    char message[400];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    /* Running a file, pegen_errors.c keeps byte offsets: it converts them to
     * characters only for source given as text (compile() of a str). */
    set_error(p, type, lineno, col + 1, end_lineno, end_col + 1, message);
}

void parser_error_at_pos(Parser *p, AstPos pos, const char *fmt, ...) {
    if (p->failed) {
        return;
    }
    char message[400];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    parser_error_at(p, SYNTAX_ERROR_SYNTAX, pos.lineno, pos.col_offset, pos.end_lineno,
                    pos.end_col_offset, "%s", message);
}

void parser_error_at_token(Parser *p, const LexToken *token, const char *fmt, ...) {
    if (p->failed) {
        return;
    }
    char message[400];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    parser_error_at(p, SYNTAX_ERROR_SYNTAX, token->lineno, token->col, token->end_lineno,
                    token->end_col, "%s", message);
}

void parser_error_lazy(Parser *p, SyntaxErrorType type, const char *fmt, ...) {
    if (p->failed) {
        return;
    }
    char message[400];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    /* pegen has one count of fetched tokens for both of its passes */
    const LexToken *last = &p->tokens[p->max_fill > 0 ? p->max_fill - 1 : 0];
    int offset = last->col == -1 ? last->cursor_col : last->col + 1;
    int end_offset = last->end_col == -1 ? -1 : last->end_col + 1;
    set_error(p, type, last->lineno, offset, last->end_lineno, end_offset, message);
}

void parser_error_generic(Parser *p) {
    if (p->failed) {
        return;
    }
    const LexToken *last = &p->tokens[p->fill > 0 ? p->fill - 1 : 0];
    if (last->type == TOK_INDENT) {
        parser_error_lazy(p, SYNTAX_ERROR_INDENTATION, "unexpected indent");
    } else if (last->type == TOK_DEDENT) {
        parser_error_lazy(p, SYNTAX_ERROR_INDENTATION, "unexpected unindent");
    } else {
        parser_error_at_token(p, last, "invalid syntax");
    }
    p->error_is_generic = !p->error_from_lexer;
    /* pegen_errors.c returns before looking at the rest of the file */
    p->error_is_layout = last->type == TOK_INDENT || last->type == TOK_DEDENT;
}

void parser_error_memory(Parser *p) {
    if (p->failed && p->error.type == SYNTAX_ERROR_MEMORY) {
        return;
    }
    syntax_error_set(&p->error, SYNTAX_ERROR_MEMORY, NULL, 0, 0, 0, 0, NULL, -1, "out of memory");
    p->failed = true;
    p->error_from_lexer = true; /* never rolled back */
}

bool parser_enter(Parser *p) {
    if (p->failed) {
        return false;
    }
    if (++p->depth > PARSER_MAX_DEPTH) {
        syntax_error_set(&p->error, SYNTAX_ERROR_MEMORY, NULL, 0, 0, 0, 0, NULL, -1,
                         "Parser stack overflowed - Python source too complex to parse");
        p->failed = true;
        p->error_from_lexer = true;
        return false;
    }
    return true;
}

void parser_leave(Parser *p) {
    p->depth--;
}

ParserMark parser_mark(Parser *p) {
    ParserMark mark = {p->pos, p->fill};
    return mark;
}

void parser_reset_lookahead(Parser *p, ParserMark mark) {
    bool lexer_failed = p->failed && p->error_from_lexer;
    parser_reset(p, mark);
    if (!lexer_failed) {
        p->fill = mark.fill;
    }
}

void parser_reset(Parser *p, ParserMark mark) {
    if (p->failed && p->error_from_lexer) {
        return;
    }
    p->pos = mark.pos;
    if (p->failed) {
        syntax_error_clear(&p->error);
        p->failed = false;
    }
}

void *parser_alloc(Parser *p, size_t size) {
    void *memory = arena_alloc(p->arena, size);
    if (!memory) {
        parser_error_memory(p);
    }
    return memory;
}

AstExpr *parser_new_expr(Parser *p, AstExprKind kind, AstPos pos) {
    AstExpr *expr = ast_new_expr(p->arena, kind, pos);
    if (!expr) {
        parser_error_memory(p);
    }
    return expr;
}

AstStmt *parser_new_stmt(Parser *p, AstStmtKind kind, AstPos pos) {
    AstStmt *stmt = ast_new_stmt(p->arena, kind, pos);
    if (!stmt) {
        parser_error_memory(p);
    }
    return stmt;
}

const char *parser_identifier(Parser *p, const LexToken *token) {
    char *name = arena_strndup(p->arena, p->lex->source + token->start,
                               (size_t)(token->end - token->start));
    if (!name) {
        parser_error_memory(p);
    }
    return name;
}

/* Parser/pegen_errors.c: _PyPegen_tokenize_full_source_to_check_for_errors.
 * After a parser error, the rest of the file is tokenized: a tokenizer error
 * there replaces it, and an unclosed bracket does when it opened on an
 * earlier line than the token the parser failed at. */
static void prefer_tokenizer_error(Parser *p) {
    if (!p->failed || p->error_from_lexer || p->error.type == SYNTAX_ERROR_MEMORY ||
        p->error_is_layout) {
        return;
    }
    const LexResult *lex = p->lex;
    const SyntaxErrorInfo *replacement = NULL;
    if (lex->error_kind == LEX_ERROR_RAISED) {
        replacement = lex->error_in_fstring ? NULL : &lex->error;
    } else if (lex->unclosed_lineno > 0) {
        const LexToken *last = &p->tokens[p->max_fill > 0 ? p->max_fill - 1 : 0];
        replacement = last->lineno > lex->unclosed_lineno ? &lex->unclosed_error : NULL;
    }
    if (replacement) {
        take_lexer_error(p, replacement);
    }
}

AstModule *parse_module(AstArena *arena, const char *source, size_t len, const char *filename,
                        SyntaxErrorInfo *error) {
    memset(error, 0, sizeof *error);
    char *text;
    int text_len;
    if (!source_prepare(source, len, filename, &text, &text_len, error)) {
        return NULL;
    }
    LexResult lex;
    AstModule *module = NULL;
    Parser *p = calloc(1, sizeof(Parser));
    if (!p) {
        free(text);
        syntax_error_set(error, SYNTAX_ERROR_MEMORY, filename, 0, 0, 0, 0, NULL, -1,
                         "out of memory");
        return NULL;
    }
    if (!lexer_tokenize(text, text_len, &lex)) {
        syntax_error_move(error, &lex.error);
    } else {
        p->arena = arena;
        p->lex = &lex;
        p->tokens = lex.tokens;
        p->count = lex.count;
        module = parser_alloc(p, sizeof(AstModule));
        if (module && parse_statements(p, &module->body, false) && !p->failed) {
            if (!parser_check(p, TOK_ENDMARKER)) {
                parser_error_generic(p);
            }
        }
        if (p->failed) {
            prefer_tokenizer_error(p);
            syntax_error_move(error, &p->error);
            module = NULL;
        }
    }
    if (!module) {
        free(error->filename);
        error->filename = filename ? strdup(filename) : NULL;
        if (!error->msg) {
            error->msg = strdup("invalid syntax");
        }
        if (error->type == SYNTAX_ERROR_NONE) {
            error->type = SYNTAX_ERROR_SYNTAX;
        }
    }
    syntax_error_clear(&p->error);
    free(p);
    lex_result_free(&lex);
    free(text);
    return module;
}
