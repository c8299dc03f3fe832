/* The symbol table: which names each scope binds and how every name is
 * resolved (local, global, free, cell), computed in two passes as
 * CPython's Python/symtable.c does (3.9: each comprehension is a function
 * scope of its own, whose first iterable is evaluated outside it and
 * passed in as the argument `.0`). Also finds the generators and
 * coroutines (yield, await, async comprehensions). */
#ifndef REFPY_LANGUAGE_SYMTABLE_H
#define REFPY_LANGUAGE_SYMTABLE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "compile_error.h"
#include "namemap.h"
#include "syntax_error.h"

typedef enum SymBlockType {
    SYM_BLOCK_MODULE,
    SYM_BLOCK_CLASS,
    SYM_BLOCK_FUNCTION /* def, async def, lambda and comprehensions */
} SymBlockType;

/* What the first pass records of a name in a scope (CPython's DEF_*). */
enum {
    SYM_DEF_GLOBAL = 1 << 0,     /* global statement */
    SYM_DEF_LOCAL = 1 << 1,      /* assigned */
    SYM_DEF_PARAM = 1 << 2,      /* a parameter */
    SYM_DEF_NONLOCAL = 1 << 3,   /* nonlocal statement */
    SYM_USE = 1 << 4,            /* read */
    SYM_DEF_FREE_CLASS = 1 << 6, /* free in a method, bound in the class too */
    SYM_DEF_IMPORT = 1 << 7,     /* bound by an import */
    SYM_DEF_ANNOT = 1 << 8,      /* annotated */
    SYM_DEF_COMP_ITER = 1 << 9,  /* a comprehension's loop variable */
};
#define SYM_DEF_BOUND (SYM_DEF_LOCAL | SYM_DEF_PARAM | SYM_DEF_IMPORT)

/* How the second pass resolves a name (CPython's scopes). */
typedef enum SymScope {
    SYM_SCOPE_NONE = 0, /* the scope never mentions the name */
    SYM_LOCAL,
    SYM_GLOBAL_EXPLICIT,
    SYM_GLOBAL_IMPLICIT,
    SYM_FREE,
    SYM_CELL
} SymScope;

typedef struct SymEntry SymEntry;

struct SymEntry {
    SymBlockType type;
    const char *name;  /* "top", the function or class name, "lambda",
                          "listcomp", "setcomp", "dictcomp", "genexpr" */
    const void *node;  /* the AstStmt or AstExpr that opens the scope */
    AstPos pos;
    NameMap symbols;   /* mangled name -> SYM_DEF_* flags */
    SymScope *scopes;  /* per symbol, after the analysis */
    NameMap params;    /* parameters in order (CPython's ste_varnames) */
    NameMap directives; /* global/nonlocal names -> index into directive_pos */
    AstPos *directive_pos;
    SymEntry **children;
    int nchildren, children_cap;
    bool nested;       /* inside a function */
    bool free;         /* has free variables */
    bool child_free;   /* a nested scope has free variables */
    bool generator;
    bool coroutine;
    bool comprehension;
    bool varargs, varkeywords;
    bool returns_value;
    bool needs_class_closure; /* a class whose methods use __class__ or super */
    int comp_iter_target;     /* visiting a comprehension's target */
    int comp_iter_expr;       /* visiting a comprehension's iterable */
};

typedef struct SymTable {
    AstArena *arena; /* mangled names and entries */
    SymEntry *top;
} SymTable;

/* Builds and analyses the table of a module; NULL with *err filled on a
 * SyntaxError (or a MemoryError). */
SymTable *symtable_build(const AstModule *mod, const CompileSource *src, SyntaxErrorInfo *err);
void symtable_free(SymTable *st);

/* The scope opened by node inside parent, or NULL. */
SymEntry *symtable_child(const SymEntry *parent, const void *node);
/* The resolution of an (already mangled) name in ste. */
SymScope symtable_scope(const SymEntry *ste, const char *name);
int symtable_flags(const SymEntry *ste, const char *name);

/* CPython's _Py_Mangle: `__spam` inside class `Ham` is `_Ham__spam`. The
 * result is name itself or a string in arena; NULL when memory runs out. */
const char *symtable_mangle(AstArena *arena, const char *private_name, const char *name);

#endif
