/* A small Python tokenizer, enough for lint's static checks of the case
 * language: names, operators, strings and comments with their positions,
 * and the start of every logical line with its indentation. */
#ifndef FSPEC_PYLEX_H
#define FSPEC_PYLEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { TOK_NAME, TOK_NUMBER, TOK_STRING, TOK_OP, TOK_NEWLINE, TOK_END } tok_kind;

typedef struct {
    tok_kind kind;
    const char *start;
    size_t len;
    int line, col;      /* 1-based */
    bool line_start;    /* first token of a logical line */
    int indent;         /* columns of indentation of its logical line */
    bool tab_indent;    /* that indentation contains a tab */
} token;

typedef struct {
    token *toks;
    size_t n;
    const char *error; /* an unterminated string, say */
    int error_line, error_col;
} token_list;

void pylex(const char *src, size_t len, int first_line, token_list *out);
void token_list_free(token_list *t);
bool tok_is(const token *t, const char *text);

#endif
