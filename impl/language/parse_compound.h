/* Compound statements (parse_compound.c) and the block helpers they share
 * with parse_stmt.c. */
#ifndef REFPY_LANGUAGE_PARSE_COMPOUND_H
#define REFPY_LANGUAGE_PARSE_COMPOUND_H

#include "parser_internal.h"

/* def, async def, decorated definitions, class, if, while, for, with, try. */
bool parse_compound_stmt(Parser *p, AstStmtList *out);

/* simple_stmts: simple statements separated by ';' up to NEWLINE. */
bool parse_simple_stmts(Parser *p, AstStmtList *out);

/* block, after the ':' — `what` names the statement in CPython's
 * "expected an indented block after <what> on line N". */
bool parse_block(Parser *p, const char *what, const LexToken *keyword, AstStmtList *body);

#endif
