/* State shared by lexer.c (layout: lines, indentation, brackets, operators,
 * names) and lexer_literals.c (numbers, strings, f-string text). */
#ifndef REFPY_LANGUAGE_LEXER_INTERNAL_H
#define REFPY_LANGUAGE_LEXER_INTERNAL_H

#include "lexer.h"

enum {
    LEX_MAX_LEVEL = 200,        /* CPython's MAXLEVEL: nested brackets */
    LEX_MAX_INDENT = 100,       /* CPython's MAXINDENT */
    LEX_MAX_FSTRINGS = 150,     /* CPython's MAXFSTRINGLEVEL */
    LEX_MAX_FIELD_NESTING = 8,  /* replacement fields inside format specs */
    LEX_TAB_SIZE = 8
};

/* One open replacement field `{...}` of an f-string. */
typedef struct FStringField {
    int paren_level;  /* bracket depth just inside its '{' */
    bool in_spec;     /* past the ':' that starts the format spec */
} FStringField;

/* One f-string being tokenized. */
typedef struct FStringMode {
    char quote;
    int quote_size;   /* 1 or 3 */
    bool raw;
    int start;        /* offset, line and column of the f-string's prefix */
    int start_lineno;
    int start_col;
    int field_count;
    FStringField fields[LEX_MAX_FIELD_NESTING];
} FStringMode;

typedef struct Lexer {
    const char *buf;
    int len;
    int pos;
    int lineno;
    int line_start;
    bool at_line_start;
    int indent_stack[LEX_MAX_INDENT + 1];
    int alt_indent_stack[LEX_MAX_INDENT + 1]; /* widths with tabs counted as 1 */
    int indent_depth;
    int level;
    char paren_chars[LEX_MAX_LEVEL];
    int paren_lineno[LEX_MAX_LEVEL];
    int paren_col[LEX_MAX_LEVEL];
    FStringMode fmodes[LEX_MAX_FSTRINGS];
    int fmode_count;
    LexResult *result;
    int token_cap;
    bool failed;
} Lexer;

/* Token construction: positions from the current line state. */
bool lex_emit(Lexer *lx, TokenType type, int start, int start_lineno, int start_col);
/* Records a tokenizer error at a 1-based byte offset in line `lineno`
 * (end_offset as CPython: -1, 0 or a 1-based byte offset). Running a file,
 * CPython reports most offsets in bytes, but the tokenizer's own
 * syntaxerror() counts characters: `in_chars` converts. */
void lex_error(Lexer *lx, SyntaxErrorType type, bool in_chars, int lineno, int byte_offset,
               int end_lineno, int end_byte_offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;
/* CPython's syntaxerror(tok, ...): positioned at the tokenizer's cursor. */
#define LEX_ERROR_AT_CURSOR(lx, ...)                                                      \
    lex_error((lx), SYNTAX_ERROR_SYNTAX, true, (lx)->lineno, (lx)->pos - (lx)->line_start, \
              (lx)->lineno, (lx)->pos - (lx)->line_start, __VA_ARGS__)

void lex_newline_consumed(Lexer *lx); /* after moving past a '\n' */
bool lex_push_paren(Lexer *lx, char open_char, int col);

FStringMode *lex_current_fstring(Lexer *lx);

bool lex_is_identifier_start(int c);
bool lex_is_identifier_char(int c);

/* lexer_literals.c */
bool lex_number(Lexer *lx);
/* A string literal whose prefix (r/b/u/f letters, checked by the caller)
 * starts at `start`; the lexer is at the opening quote. */
bool lex_string(Lexer *lx, int start, int start_col, bool raw, bool fstring);
bool lex_fstring_text(Lexer *lx, FStringMode *mode);

#endif
