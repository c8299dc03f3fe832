/* Shared state of the recursive-descent parser, split over parser.c (driver,
 * tokens, errors), parse_stmt.c, parse_expr.c, parse_args.c (parameters and
 * call arguments), parse_target.c (assignment targets) and parse_string.c
 * (string literals and f-strings). The functions follow the rules of
 * CPython 3.12's Grammar/python.gram and carry their names. Displays and
 * comprehensions are in parse_display.c. */
#ifndef REFPY_LANGUAGE_PARSER_INTERNAL_H
#define REFPY_LANGUAGE_PARSER_INTERNAL_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "lexer.h"
#include "syntax_error.h"

enum {
    /* Recursion budget: CPython raises MemoryError("Parser stack overflowed
     * - Python source too complex to parse") at 6000 rule levels; we count
     * coarser levels, several C frames each. */
    PARSER_MAX_DEPTH = 2500
};

typedef struct Parser {
    AstArena *arena;
    const LexResult *lex;
    const LexToken *tokens;
    int count;
    int pos;      /* the current token */
    int fill;     /* tokens fetched so far: CPython reports generic errors at
                     the furthest token its parser looked at */
    int max_fill; /* the same, counting the lookahead of second-pass checks,
                     which fill forgets; CPython compares an unclosed bracket
                     with this one */
    SyntaxErrorInfo error;
    bool failed;
    bool error_from_lexer;
    bool error_is_generic; /* a plain "invalid syntax" a second look may refine */
    bool error_is_layout;  /* "unexpected indent": no tokenizer error replaces it */
    int depth;
} Parser;

/* ---- tokens (parser.c) ---- */
const LexToken *parser_peek(Parser *p);
const LexToken *parser_peek_at(Parser *p, int ahead);
/* A lookahead of CPython's second pass only (invalid_* rules): it does not
 * move where a generic "invalid syntax" is reported. */
TokenType parser_second_look(Parser *p, int ahead);
bool parser_check(Parser *p, TokenType type);
const LexToken *parser_accept(Parser *p, TokenType type);
const LexToken *parser_expect(Parser *p, TokenType type); /* generic error if absent */
/* CPython's forced token `&&':'`: "expected ':'" at the current token. */
const LexToken *parser_expect_forced(Parser *p, TokenType type, const char *shown);
const LexToken *parser_previous(Parser *p);

/* Position from a start token to the end of the last token consumed
 * (NEWLINE, INDENT and DEDENT excluded, as CPython's EXTRA). */
AstPos parser_pos_from(Parser *p, const LexToken *start);
AstPos parser_pos_span(AstPos first, AstPos last);

/* ---- errors (parser.c) ---- */
/* RAISE_SYNTAX_ERROR_KNOWN_RANGE / _KNOWN_LOCATION: 0-based byte columns
 * from the AST or a token. */
void parser_error_at(Parser *p, SyntaxErrorType type, int lineno, int col, int end_lineno,
                     int end_col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
void parser_error_at_pos(Parser *p, AstPos pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void parser_error_at_token(Parser *p, const LexToken *token, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR: at the last token fetched. */
void parser_error_lazy(Parser *p, SyntaxErrorType type, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The generic "invalid syntax" (or "unexpected indent") of a failed parse. */
void parser_error_generic(Parser *p);
void parser_error_memory(Parser *p);
bool parser_enter(Parser *p); /* recursion guard; false when too deep */
void parser_leave(Parser *p);

/* Speculative parsing: remember, try, and roll back a failed attempt unless
 * the tokenizer itself failed. */
typedef struct ParserMark {
    int pos;
    int fill;
} ParserMark;
ParserMark parser_mark(Parser *p);
void parser_reset(Parser *p, ParserMark mark);
/* Also forgets the tokens the attempt looked at: for the checks CPython
 * makes only in its second pass (invalid_* rules), whose lookahead must not
 * move the position of a generic "invalid syntax". */
void parser_reset_lookahead(Parser *p, ParserMark mark);

/* Allocation with the error set on failure. */
AstExpr *parser_new_expr(Parser *p, AstExprKind kind, AstPos pos);
AstStmt *parser_new_stmt(Parser *p, AstStmtKind kind, AstPos pos);
void *parser_alloc(Parser *p, size_t size);
const char *parser_identifier(Parser *p, const LexToken *token);
#define PARSER_APPEND(p, list, elem)                                               \
    (ARENA_LIST_APPEND((p)->arena, (list), (elem)) ? true : (parser_error_memory(p), false))

/* ---- statements (parse_stmt.c) ---- */
bool parse_statements(Parser *p, AstStmtList *body, bool until_dedent);

/* ---- expressions (parse_expr.c) ---- */
AstExpr *parse_star_expressions(Parser *p);
AstExpr *parse_star_expression(Parser *p);
AstExpr *parse_star_named_expression(Parser *p);
AstExpr *parse_named_expression(Parser *p);
/* assignment_expression | expression !':=' (a call's positional argument) */
AstExpr *parse_argument_expression(Parser *p);
AstExpr *parse_expression(Parser *p);
AstExpr *parse_disjunction(Parser *p);
AstExpr *parse_bitwise_or(Parser *p);
AstExpr *parse_primary(Parser *p);
AstExpr *parse_yield_expr(Parser *p);
AstExpr *parse_star_expressions_or_yield(Parser *p);
bool parse_for_if_clauses(Parser *p, AstComprehensionList *out);
AstExpr *parser_new_starred(Parser *p, const LexToken *start, AstExpr *value);
AstExpr *parser_new_tuple(Parser *p, const LexToken *start, AstExpr *first); /* Load */

/* ---- displays (parse_display.c) ---- */
bool at_comprehension(Parser *p); /* at `for` or `async for` */
AstExpr *parse_paren(Parser *p);  /* tuple | group | genexp */
AstExpr *parse_list(Parser *p);   /* list | listcomp */
AstExpr *parse_brace(Parser *p);  /* dict | set | dictcomp | setcomp */
bool token_starts_expression(TokenType type);
/* Names CPython uses in messages: "function call", "literal", ... */
const char *expr_description(const AstExpr *expr);

/* ---- parameters and arguments (parse_args.c) ---- */
AstArguments *parse_parameters(Parser *p, bool is_lambda);
/* After the '(' of a call or class header: the arguments and the ')'. A
 * lone generator expression argument spans the parentheses. */
bool parse_call_arguments(Parser *p, AstExprList *args, AstKeywordList *keywords);

/* ---- targets (parse_target.c) ---- */
typedef enum TargetsType { STAR_TARGETS, DEL_TARGETS, FOR_TARGETS } TargetsType;
/* The first sub-expression that cannot be a target, or NULL. */
AstExpr *find_invalid_target(AstExpr *expr, TargetsType type);
void set_expr_context(AstExpr *expr, AstExprContext ctx);
/* RAISE_SYNTAX_ERROR_INVALID_TARGET: "cannot assign to ...". */
void raise_invalid_target(Parser *p, AstExpr *expr, TargetsType type);
/* The invalid_for_target / invalid_del_stmt / invalid_with_item rules: after
 * a failed first reading from `mark`, read star_expressions (an expression
 * if `single`) there and name the bad target; failing that, the first
 * reading's "invalid syntax" stands. */
void explain_invalid_targets(Parser *p, ParserMark mark, TargetsType type, bool single);
/* star_targets of `for` loops and comprehensions (a Tuple when there is a
 * comma), followed by 'in'; and the single star_target after `with ... as`
 * (NULL without an error when it is not one). Both in Store context. */
AstExpr *parse_star_targets(Parser *p);
AstExpr *parse_star_target(Parser *p);
bool parse_del_targets(Parser *p, AstExprList *targets);

/* ---- strings (parse_string.c) ---- */
AstExpr *parse_strings(Parser *p);

#endif
