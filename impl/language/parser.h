/* The front end's entry point: source bytes to an AST, or a SyntaxError.
 *
 * The grammar is CPython 3.12's (a superset of the case language; match,
 * type parameters and except* are not parsed), and so are the tree, its
 * positions and, for the errors the case language can meet, the message and
 * position of the SyntaxError that `python3.12 FILE` would report, including
 * CPython's choice between a parser error and a tokenizer error found later
 * in the file. Known differences: non-ASCII identifiers are refused
 * ("invalid character"), imaginary literals and \N{name} escapes are refused,
 * invalid escape sequences give no SyntaxWarning, and some of the messages
 * CPython's second parsing pass finds for malformed f-string fields are a
 * plain "invalid syntax" here. Checks CPython makes after parsing (`return`
 * outside a function, `await` outside async, duplicate arguments, nonlocal
 * at module level, recursion limits) belong to the compiler. */
#ifndef REFPY_LANGUAGE_PARSER_H
#define REFPY_LANGUAGE_PARSER_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "syntax_error.h"

/* Parses a module. The tree lives in `arena` (free it with arena_free when
 * done with the tree); on failure returns NULL and fills *error, which the
 * caller clears with syntax_error_clear. `filename` is only copied into the
 * error. Never crashes nor leaks, whatever the bytes. */
AstModule *parse_module(AstArena *arena, const char *source, size_t len, const char *filename,
                        SyntaxErrorInfo *error);

#endif
