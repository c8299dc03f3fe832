/* Text dumps of the AST, identical to CPython 3.12's
 * `ast.dump(tree, include_attributes=True)`, used by tests and by the
 * refpy-astdump tool. */
#ifndef REFPY_LANGUAGE_AST_DUMP_H
#define REFPY_LANGUAGE_AST_DUMP_H

#include "ast.h"

/* malloc'd NUL-terminated text (free it), or NULL when memory runs out or
 * the tree is deeper than the dumper recurses (20000 expression levels). */
char *ast_dump_module(const AstModule *module);
char *ast_dump_expr(const AstExpr *expr);

#endif
