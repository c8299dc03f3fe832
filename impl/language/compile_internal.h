/* What the compiler's files share: the compilation units (one per code
 * object), their instructions before assembly, and the helpers that emit
 * them. The code shapes follow CPython 3.9's Python/compile.c; the
 * positions follow CPython 3.11's co_positions(). */
#ifndef REFPY_LANGUAGE_COMPILE_INTERNAL_H
#define REFPY_LANGUAGE_COMPILE_INTERNAL_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "codeobject.h"
#include "compile_error.h"
#include "namemap.h"
#include "object.h"
#include "opcodes.h"
#include "symtable.h"

/* CPython's CO_MAXBLOCKS; a frame's block stack is sized from it (block_bound) */
#define COMPILE_MAX_FBLOCKS 20
#define COMPILE_MAX_RECURSION 4000

typedef enum UnitScope {
    UNIT_MODULE,
    UNIT_CLASS,
    UNIT_FUNCTION,
    UNIT_ASYNC_FUNCTION,
    UNIT_LAMBDA,
    UNIT_COMPREHENSION
} UnitScope;

/* The blocks that return, break and continue must unwind (CPython's
 * fblocktype): each knows the code that leaves it. */
typedef enum FBlockType {
    FB_WHILE_LOOP,
    FB_FOR_LOOP,
    FB_TRY_EXCEPT,
    FB_FINALLY_TRY,
    FB_FINALLY_END,
    FB_WITH,
    FB_ASYNC_WITH,
    FB_HANDLER_CLEANUP,
    FB_POP_VALUE,
    FB_ASYNC_COMPREHENSION_GENERATOR
} FBlockType;

typedef struct FBlock {
    FBlockType type;
    int block;   /* label: the loop's start (continue) */
    int exit;    /* label: the loop's end (break) */
    /* FB_FINALLY_TRY: the finally body; FB_HANDLER_CLEANUP: the bound name
     * or NULL; FB_WITH/FB_ASYNC_WITH: the statement */
    const AstStmtList *finalbody;
    const char *name;
    const AstStmt *stmt;
} FBlock;

/* An instruction before assembly. Jumps hold a label; the DEREF and
 * CLOSURE opcodes an index into cellvars + freevars (the slot is known
 * only once every local has been seen). */
typedef struct Instr {
    int op;
    int arg;
    r_position pos; /* line -1: "artificial", takes the previous one's */
} Instr;

/* A constant: its object and a key that tells equal constants apart the
 * way CPython's const cache does (type and value, so 1, 1.0 and True are
 * three constants). */
typedef struct ConstEntry {
    char *key;
    size_t key_len;
    RObject *value;
} ConstEntry;

typedef struct CompileUnit CompileUnit;

struct CompileUnit {
    CompileUnit *parent;
    SymEntry *ste;
    UnitScope scope;
    const char *name;     /* co_name */
    char *qualname;       /* malloc'd */
    const char *private_name; /* the class for name mangling, or NULL */
    int firstlineno;
    int argcount, kwonlyargcount;

    Instr *instrs;
    int ninstrs, instrs_cap;
    int *labels;          /* label -> instruction index, -1 until placed */
    int nlabels, labels_cap;

    ConstEntry *consts;
    int nconsts, consts_cap;
    NameMap names;        /* co_names */
    NameMap varnames;     /* parameters, then locals as first used */
    NameMap cellvars;     /* sorted, as CPython's dictbytype */
    NameMap freevars;

    FBlock fblocks[COMPILE_MAX_FBLOCKS];
    int nfblocks;

    r_position loc;       /* where the next instruction comes from */
};

typedef struct Compiler {
    const CompileSource *src;
    SyntaxErrorInfo *err;
    SymTable *st;
    AstArena *arena;      /* mangled names and the compiler's own strings */
    RObject *filename;
    CompileUnit *u;       /* the unit being compiled */
    int recursion;
    int dead;             /* > 0: inside code CPython never emits (`if 0:`) */
    bool failed;
    /* frozenset constants by value, module-wide, as CPython's c_const_cache:
     * equal sets share the first one made, and with it its order */
    RObject *frozensets;
} Compiler;

/* ---- errors (compile_unit.c) ---- */
/* A SyntaxError at the current location; returns false. */
bool compiler_error(Compiler *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
bool compiler_error_at(Compiler *c, AstPos pos, const char *msg);
bool compiler_memory_error(Compiler *c);
/* An exception the object layer raised (out of memory): taken and
 * reported as a MemoryError. */
bool compiler_object_error(Compiler *c);

/* ---- units and scopes (compile_unit.c) ---- */
bool compiler_enter_scope(Compiler *c, const char *name, UnitScope scope, const void *node,
                          int firstlineno);
/* Assembles the unit into a code object and returns to the enclosing
 * unit; the code (a new reference) or NULL. */
RObject *compiler_exit_scope(Compiler *c);
/* Leaves a unit after an error. */
void compiler_abandon_scope(Compiler *c);
SymScope compiler_scope_of(Compiler *c, const char *mangled);
const char *compiler_mangle(Compiler *c, const char *name);

/* ---- emission (compile_unit.c) ---- */
bool compiler_addop(Compiler *c, int op, int arg);
bool compiler_addop_jump(Compiler *c, int op, int label);
/* the instruction's position is the previous instruction's (CPython 3.11's
 * artificial instructions) */
bool compiler_addop_artificial(Compiler *c, int op, int arg);
bool compiler_addop_name(Compiler *c, int op, const char *name); /* mangled */
bool compiler_addop_name_raw(Compiler *c, int op, const char *name);
int compiler_new_label(Compiler *c);
bool compiler_use_label(Compiler *c, int label);
bool compiler_nameop(Compiler *c, const char *name, AstExprContext ctx);

/* ---- locations ---- */
static inline r_position compiler_pos(AstPos p)
{
    r_position r = {p.lineno, p.end_lineno, p.col_offset, p.end_col_offset};
    return r;
}
/* CPython 3.11's update_start_location_to_match_attr: an attribute on a
 * later line than its object is located at the attribute's name. */
void compiler_loc_match_attr(Compiler *c, const AstExpr *attr);

/* ---- fblocks (compile_unit.c) ---- */
bool compiler_push_fblock(Compiler *c, FBlock fb);
void compiler_pop_fblock(Compiler *c);

/* ---- constants (compile_const.c) ---- */
/* Index of the constant, added when new; -1 on error (reported). */
int compiler_add_const(Compiler *c, const char *key, size_t key_len, RObject *value);
bool compiler_load_const(Compiler *c, const AstConstant *constant);
bool compiler_load_none(Compiler *c);
/* Adds None to the constants without loading it (CPython's co_consts[0]
 * of a function without docstring). */
bool compiler_add_none_const(Compiler *c);
/* Adds a function's docstring as its first constant (co_consts[0]), which
 * the function object takes as __doc__. */
bool compiler_add_docstring_const(Compiler *c, const AstExpr *doc);
/* The docstring as 3.13 stores it (compile_docstring.c): malloc'd,
 * NUL-terminated, its length in *out_size; NULL when memory runs out. */
char *compiler_clean_docstring(const char *text, size_t size, size_t *out_size);
/* *copy is doc, its text cleaned where the profile cleans docstrings;
 * *cleaned (to free) holds that text. False when memory runs out. */
bool compiler_docstring_as_stored(const AstExpr *doc, AstExpr *copy, char **cleaned);
bool compiler_load_str(Compiler *c, const char *text);
bool compiler_load_int(Compiler *c, int64_t value);
/* A tuple of str constants (keyword names, import fromlists). */
bool compiler_load_name_tuple(Compiler *c, const char *const *names, int n);
bool compiler_load_code(Compiler *c, RObject *code);
/* Whether e is a constant, or a tuple of constants CPython's AST
 * optimizer folds into one. */
bool compiler_is_constant(const AstExpr *e);
bool compiler_load_folded(Compiler *c, const AstExpr *e);
/* LOAD_CONST frozenset(items of a constant tuple expression) */
bool compiler_load_frozenset(Compiler *c, const AstExpr *folded_tuple);
/* A str constant's text, or NULL. */
const char *compiler_constant_str(const AstExpr *e);
void compiler_free_consts(CompileUnit *u);

/* ---- statements and expressions ---- */
bool compiler_visit_stmt(Compiler *c, const AstStmt *s);
bool compiler_visit_stmts(Compiler *c, const AstStmtList *body);
bool compiler_visit_expr(Compiler *c, const AstExpr *e);
bool compiler_jump_if(Compiler *c, const AstExpr *e, int label, bool cond);
bool compiler_call_helper(Compiler *c, int pushed, const AstExprList *args,
                          const AstKeywordList *keywords);
bool compiler_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop);
bool compiler_unwind_fblock(Compiler *c, const FBlock *fb, bool preserve_tos);
bool compiler_try(Compiler *c, const AstStmt *s);
bool compiler_with(Compiler *c, const AstStmt *s, int pos);
bool compiler_async_with(Compiler *c, const AstStmt *s, int pos);

/* ---- functions, classes, lambdas, comprehensions (compile_func.c) ---- */
bool compiler_function(Compiler *c, const AstStmt *s, bool is_async);
bool compiler_class(Compiler *c, const AstStmt *s);
bool compiler_lambda(Compiler *c, const AstExpr *e);
bool compiler_comprehension(Compiler *c, const AstExpr *e);
/* Skips a docstring: the first statement when it is a str constant. */
int compiler_body_start(const AstStmtList *body);
/* `__doc__ = "..."` when body starts with a docstring (modules, classes) */
bool compiler_store_docstring(Compiler *c, const AstStmtList *body);

/* ---- assembly (compile_assemble.c) ---- */
RObject *compiler_assemble(Compiler *c, CompileUnit *u);
/* Stack effect of op with arg, jumping or not (CPython's stack_effect). */
int compiler_stack_effect(int op, int arg, bool jump);
bool compiler_is_jump(int op);

#define TRY(x)                                                                                 \
    do {                                                                                       \
        if (!(x))                                                                              \
            return false;                                                                      \
    } while (0)

#endif
