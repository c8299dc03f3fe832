/* The tokenizer: source text to tokens, with CPython 3.12's token set
 * (including FSTRING_START/MIDDLE/END of PEP 701) and CPython's positions.
 * The whole file is tokenized up front; a tokenizer error ends the token
 * array with TOK_ERRORTOKEN and is described in LexResult, so the parser can
 * report it exactly when CPython's lazily driven tokenizer would. */
#ifndef REFPY_LANGUAGE_LEXER_H
#define REFPY_LANGUAGE_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax_error.h"

typedef enum TokenType {
    TOK_ENDMARKER,
    TOK_NAME,
    TOK_NUMBER,
    TOK_STRING,
    TOK_NEWLINE,
    TOK_INDENT,
    TOK_DEDENT,
    TOK_FSTRING_START,
    TOK_FSTRING_MIDDLE,
    TOK_FSTRING_END,
    TOK_ERRORTOKEN,
    /* operators */
    TOK_LPAR, TOK_RPAR, TOK_LSQB, TOK_RSQB, TOK_COLON, TOK_COMMA, TOK_SEMI,
    TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_VBAR, TOK_AMPER, TOK_LESS,
    TOK_GREATER, TOK_EQUAL, TOK_DOT, TOK_PERCENT, TOK_LBRACE, TOK_RBRACE,
    TOK_EQEQUAL, TOK_NOTEQUAL, TOK_LESSEQUAL, TOK_GREATEREQUAL, TOK_TILDE,
    TOK_CIRCUMFLEX, TOK_LEFTSHIFT, TOK_RIGHTSHIFT, TOK_DOUBLESTAR, TOK_PLUSEQUAL,
    TOK_MINEQUAL, TOK_STAREQUAL, TOK_SLASHEQUAL, TOK_PERCENTEQUAL, TOK_AMPEREQUAL,
    TOK_VBAREQUAL, TOK_CIRCUMFLEXEQUAL, TOK_LEFTSHIFTEQUAL, TOK_RIGHTSHIFTEQUAL,
    TOK_DOUBLESTAREQUAL, TOK_DOUBLESLASH, TOK_DOUBLESLASHEQUAL, TOK_AT, TOK_ATEQUAL,
    TOK_RARROW, TOK_ELLIPSIS, TOK_COLONEQUAL, TOK_EXCLAMATION,
    TOK_OP, /* a character with no meaning ('$', '?', '`'): the parser rejects it */
    /* keywords (soft keywords such as `match` stay TOK_NAME) */
    TOK_FALSE, TOK_NONE, TOK_TRUE, TOK_AND, TOK_AS, TOK_ASSERT, TOK_ASYNC, TOK_AWAIT,
    TOK_BREAK, TOK_CLASS, TOK_CONTINUE, TOK_DEF, TOK_DEL, TOK_ELIF, TOK_ELSE,
    TOK_EXCEPT, TOK_FINALLY, TOK_FOR, TOK_FROM, TOK_GLOBAL, TOK_IF, TOK_IMPORT,
    TOK_IN, TOK_IS, TOK_LAMBDA, TOK_NONLOCAL, TOK_NOT, TOK_OR, TOK_PASS, TOK_RAISE,
    TOK_RETURN, TOK_TRY, TOK_WHILE, TOK_WITH, TOK_YIELD,
    TOK__COUNT
} TokenType;

typedef struct LexToken {
    TokenType type;
    int start;      /* byte offsets of the token's text in the source */
    int end;
    int lineno;
    int col;        /* 0-based byte column; -1 for INDENT, DEDENT, ENDMARKER */
    int end_lineno;
    int end_col;    /* -1 where col is -1 */
    int cursor_col; /* where col is -1: the tokenizer's column, which CPython
                       reports for errors at such a token */
    int level;      /* bracket depth after the token */
} LexToken;

typedef enum LexErrorKind {
    LEX_OK,
    LEX_ERROR_RAISED,      /* a tokenizer SyntaxError: reported when reached, and
                              preferred to a parser error found earlier */
    LEX_ERROR_UNCLOSED,    /* end of file inside brackets: "'(' was never closed" */
    LEX_ERROR_WHEN_REACHED /* a tokenizer state error CPython turns into an
                              exception only when its parser reaches it
                              (bad dedent, tabs, line continuation, EOF) */
} LexErrorKind;

typedef struct LexResult {
    const char *source; /* the (normalised) text the tokens point into */
    int source_len;
    LexToken *tokens;   /* ends with TOK_ENDMARKER, or TOK_ERRORTOKEN on error */
    int count;
    int *line_starts;   /* byte offset of each line; line n starts at [n - 1] */
    int line_count;
    LexErrorKind error_kind;
    SyntaxErrorInfo error;
    bool error_in_fstring; /* raised inside an f-string: a parser error wins */
    /* Where tokenizing stopped inside brackets without raising (end of file,
     * or a bad dedent or line continuation): the innermost open bracket, as
     * "'(' was never closed", which CPython prefers to a parser error on a
     * later line. unclosed_lineno is 0 when there is none. */
    int unclosed_lineno;
    SyntaxErrorInfo unclosed_error;
} LexResult;

/* Tokenizes source[0..len), which must end with '\n' unless empty and must
 * not contain NUL bytes (see source_prepare). Returns false only when memory
 * runs out (then result->error says so). */
bool lexer_tokenize(const char *source, int len, LexResult *result);
void lex_result_free(LexResult *result);

/* Text and length (with its '\n') of a 1-based line; NULL when out of range. */
const char *lex_line_text(const LexResult *result, int lineno, int *len);

/* CPython's conversion of a 1-based byte offset within a line into the
 * 1-based character offset SyntaxError.offset carries. */
int lex_char_offset(const LexResult *result, int lineno, int byte_offset);

const char *token_type_name(TokenType type);

#endif
