/* State shared by the two passes of the symbol table. */
#ifndef REFPY_LANGUAGE_SYMTABLE_INTERNAL_H
#define REFPY_LANGUAGE_SYMTABLE_INTERNAL_H

#include "symtable.h"

#define SYM_MAX_DEPTH 200      /* nested scopes */
#define SYM_MAX_RECURSION 4000 /* nested expressions */

typedef struct SymBuilder {
    SymTable *st;
    const CompileSource *src;
    SyntaxErrorInfo *err;
    SymEntry *stack[SYM_MAX_DEPTH];
    int depth;
    SymEntry *cur;
    const char *private_name; /* the enclosing class, for mangling */
    int recursion;
    bool failed;
} SymBuilder;

/* Pass 2: resolves every name of every scope (CPython's analyze_block). */
bool symtable_analyze(SymBuilder *b);

#endif
