/* The abstract syntax tree, shaped like CPython's `ast` module (Python.asdl of
 * 3.12 without the nodes the case language cannot reach: Match, TryStar,
 * TypeAlias, type parameters, type comments). Node and field names are
 * CPython's, so compile.c of CPython can be read next to our compiler:
 * `expr->v.BinOp.left`, `stmt->v.FunctionDef.decorator_list`.
 *
 * Positions are CPython's: 1-based lines, 0-based columns counted in UTF-8
 * bytes, end positions exclusive. All memory belongs to the AstArena the
 * parser was given. */
#ifndef REFPY_LANGUAGE_AST_H
#define REFPY_LANGUAGE_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct AstPos {
    int lineno;
    int col_offset;
    int end_lineno;
    int end_col_offset;
} AstPos;

typedef struct AstExpr AstExpr;
typedef struct AstStmt AstStmt;
typedef struct AstArg AstArg;
typedef struct AstArguments AstArguments;
typedef struct AstKeyword AstKeyword;
typedef struct AstAlias AstAlias;
typedef struct AstWithItem AstWithItem;
typedef struct AstComprehension AstComprehension;
typedef struct AstExceptHandler AstExceptHandler;

/* Lists: `len` items in `items`; `cap` only matters while the parser builds
 * them (see ARENA_LIST_APPEND). */
#define AST_DEFINE_LIST(ListName, ItemType)                                      \
    typedef struct ListName {                                                    \
        int len;                                                                 \
        int cap;                                                                 \
        ItemType *items;                                                         \
    } ListName

typedef enum AstCmpOp {
    AST_Eq = 1, AST_NotEq, AST_Lt, AST_LtE, AST_Gt, AST_GtE,
    AST_Is, AST_IsNot, AST_In, AST_NotIn
} AstCmpOp;

AST_DEFINE_LIST(AstExprList, AstExpr *);
AST_DEFINE_LIST(AstStmtList, AstStmt *);
AST_DEFINE_LIST(AstArgList, AstArg *);
AST_DEFINE_LIST(AstKeywordList, AstKeyword *);
AST_DEFINE_LIST(AstAliasList, AstAlias *);
AST_DEFINE_LIST(AstWithItemList, AstWithItem *);
AST_DEFINE_LIST(AstComprehensionList, AstComprehension *);
AST_DEFINE_LIST(AstExceptHandlerList, AstExceptHandler *);
AST_DEFINE_LIST(AstIdentifierList, const char *);
AST_DEFINE_LIST(AstCmpOpList, AstCmpOp);

typedef enum AstExprContext { AST_Load = 1, AST_Store, AST_Del } AstExprContext;
typedef enum AstBoolOp { AST_And = 1, AST_Or } AstBoolOp;
typedef enum AstOperator {
    AST_Add = 1, AST_Sub, AST_Mult, AST_MatMult, AST_Div, AST_Mod, AST_Pow,
    AST_LShift, AST_RShift, AST_BitOr, AST_BitXor, AST_BitAnd, AST_FloorDiv
} AstOperator;
typedef enum AstUnaryOp { AST_Invert = 1, AST_Not, AST_UAdd, AST_USub } AstUnaryOp;

/* The value of a Constant node, decoded but not yet an object: the compiler
 * turns it into one (ints through GMP's mpz_set_str(int_digits, int_base)). */
typedef enum AstConstantKind {
    AST_CONST_NONE,
    AST_CONST_TRUE,
    AST_CONST_FALSE,
    AST_CONST_ELLIPSIS,
    AST_CONST_INT,   /* int_digits in int_base (2, 8, 10 or 16): lower case,
                        no prefix, no underscores, no leading zeros ("0" for 0) */
    AST_CONST_FLOAT, /* float_value, from strtod of the literal without '_' */
    AST_CONST_STR,   /* bytes/size: the text in UTF-8 (lone surrogates from
                        \uD800-style escapes are kept as 3-byte sequences) */
    AST_CONST_BYTES  /* bytes/size: the raw bytes */
} AstConstantKind;

typedef struct AstConstant {
    AstConstantKind kind;
    const char *int_digits;
    int int_base;
    double float_value;
    const char *bytes; /* NUL-terminated for convenience; may contain NULs */
    size_t size;
} AstConstant;

/* Fits the integer in an int64_t when it can; false for bigger values. */
bool ast_constant_int_to_int64(const AstConstant *constant, int64_t *out);

typedef enum AstExprKind {
    EXPR_BoolOp = 1, EXPR_NamedExpr, EXPR_BinOp, EXPR_UnaryOp, EXPR_Lambda,
    EXPR_IfExp, EXPR_Dict, EXPR_Set, EXPR_ListComp, EXPR_SetComp, EXPR_DictComp,
    EXPR_GeneratorExp, EXPR_Await, EXPR_Yield, EXPR_YieldFrom, EXPR_Compare,
    EXPR_Call, EXPR_FormattedValue, EXPR_JoinedStr, EXPR_Constant,
    EXPR_Attribute, EXPR_Subscript, EXPR_Starred, EXPR_Name, EXPR_List,
    EXPR_Tuple, EXPR_Slice
} AstExprKind;

struct AstExpr {
    AstExprKind kind;
    AstPos pos;
    union {
        struct { AstBoolOp op; AstExprList values; } BoolOp;
        struct { AstExpr *target; AstExpr *value; } NamedExpr;
        struct { AstExpr *left; AstOperator op; AstExpr *right; } BinOp;
        struct { AstUnaryOp op; AstExpr *operand; } UnaryOp;
        struct { AstArguments *args; AstExpr *body; } Lambda;
        struct { AstExpr *test; AstExpr *body; AstExpr *orelse; } IfExp;
        /* a NULL key stands for `**value` */
        struct { AstExprList keys; AstExprList values; } Dict;
        struct { AstExprList elts; } Set;
        struct { AstExpr *elt; AstComprehensionList generators; } ListComp;
        struct { AstExpr *elt; AstComprehensionList generators; } SetComp;
        struct { AstExpr *key; AstExpr *value; AstComprehensionList generators; } DictComp;
        struct { AstExpr *elt; AstComprehensionList generators; } GeneratorExp;
        struct { AstExpr *value; } Await;
        struct { AstExpr *value; /* may be NULL */ } Yield;
        struct { AstExpr *value; } YieldFrom;
        struct { AstExpr *left; AstCmpOpList ops; AstExprList comparators; } Compare;
        struct { AstExpr *func; AstExprList args; AstKeywordList keywords; } Call;
        /* conversion: -1, 's', 'r' or 'a'; format_spec: a JoinedStr or NULL */
        struct { AstExpr *value; int conversion; AstExpr *format_spec; } FormattedValue;
        struct { AstExprList values; } JoinedStr;
        /* kind: "u" for a u-prefixed string, else NULL */
        struct { AstConstant value; const char *kind; } Constant;
        struct { AstExpr *value; const char *attr; AstExprContext ctx; } Attribute;
        struct { AstExpr *value; AstExpr *slice; AstExprContext ctx; } Subscript;
        struct { AstExpr *value; AstExprContext ctx; } Starred;
        struct { const char *id; AstExprContext ctx; } Name;
        struct { AstExprList elts; AstExprContext ctx; } List;
        struct { AstExprList elts; AstExprContext ctx; } Tuple;
        struct { AstExpr *lower; AstExpr *upper; AstExpr *step; } Slice;
    } v;
};

typedef enum AstStmtKind {
    STMT_FunctionDef = 1, STMT_AsyncFunctionDef, STMT_ClassDef, STMT_Return,
    STMT_Delete, STMT_Assign, STMT_AugAssign, STMT_AnnAssign, STMT_For,
    STMT_AsyncFor, STMT_While, STMT_If, STMT_With, STMT_AsyncWith, STMT_Raise,
    STMT_Try, STMT_Assert, STMT_Import, STMT_ImportFrom, STMT_Global,
    STMT_Nonlocal, STMT_Expr, STMT_Pass, STMT_Break, STMT_Continue
} AstStmtKind;

/* FunctionDef and AsyncFunctionDef share one shape, as For/AsyncFor and
 * With/AsyncWith do: the compiler reads v.FunctionDef, v.For, v.With for both. */
typedef struct AstFunctionDefFields {
    const char *name;
    AstArguments *args;
    AstStmtList body;
    AstExprList decorator_list;
    AstExpr *returns;
} AstFunctionDefFields;

typedef struct AstForFields {
    AstExpr *target;
    AstExpr *iter;
    AstStmtList body;
    AstStmtList orelse;
} AstForFields;

typedef struct AstWithFields {
    AstWithItemList items;
    AstStmtList body;
} AstWithFields;

struct AstStmt {
    AstStmtKind kind;
    AstPos pos;
    union {
        AstFunctionDefFields FunctionDef;
        AstFunctionDefFields AsyncFunctionDef;
        struct {
            const char *name;
            AstExprList bases;
            AstKeywordList keywords;
            AstStmtList body;
            AstExprList decorator_list;
        } ClassDef;
        struct { AstExpr *value; } Return;
        struct { AstExprList targets; } Delete;
        struct { AstExprList targets; AstExpr *value; } Assign;
        struct { AstExpr *target; AstOperator op; AstExpr *value; } AugAssign;
        struct { AstExpr *target; AstExpr *annotation; AstExpr *value; int simple; } AnnAssign;
        AstForFields For;
        AstForFields AsyncFor;
        struct { AstExpr *test; AstStmtList body; AstStmtList orelse; } While;
        struct { AstExpr *test; AstStmtList body; AstStmtList orelse; } If;
        AstWithFields With;
        AstWithFields AsyncWith;
        struct { AstExpr *exc; AstExpr *cause; } Raise;
        struct {
            AstStmtList body;
            AstExceptHandlerList handlers;
            AstStmtList orelse;
            AstStmtList finalbody;
        } Try;
        struct { AstExpr *test; AstExpr *msg; } Assert;
        struct { AstAliasList names; } Import;
        /* module is NULL for `from . import x`; level counts the dots */
        struct { const char *module; AstAliasList names; int level; } ImportFrom;
        struct { AstIdentifierList names; } Global;
        struct { AstIdentifierList names; } Nonlocal;
        struct { AstExpr *value; } Expr;
    } v;
};

struct AstArg {
    const char *arg;
    AstExpr *annotation;
    AstPos pos;
};

struct AstArguments {
    AstArgList posonlyargs;
    AstArgList args;
    AstArg *vararg;
    AstArgList kwonlyargs;
    AstExprList kw_defaults; /* one per kwonlyarg, NULL when it has none */
    AstArg *kwarg;
    AstExprList defaults;    /* for the last len(defaults) positional params */
};

struct AstKeyword {
    const char *arg; /* NULL for `**value` */
    AstExpr *value;
    AstPos pos;
};

struct AstAlias {
    const char *name; /* dotted for `import a.b`; "*" for `from m import *` */
    const char *asname;
    AstPos pos;
};

struct AstWithItem {
    AstExpr *context_expr;
    AstExpr *optional_vars;
};

struct AstComprehension {
    AstExpr *target;
    AstExpr *iter;
    AstExprList ifs;
    int is_async;
};

struct AstExceptHandler {
    AstExpr *type;
    const char *name;
    AstStmtList body;
    AstPos pos;
};

typedef struct AstModule {
    AstStmtList body;
} AstModule;

/* Allocation helpers: zeroed node with kind and position set; NULL when
 * memory runs out. */
AstExpr *ast_new_expr(AstArena *arena, AstExprKind kind, AstPos pos);
AstStmt *ast_new_stmt(AstArena *arena, AstStmtKind kind, AstPos pos);

/* CPython's class names ("BinOp", "Load", "Add", ...), for dumps and errors. */
const char *ast_expr_kind_name(AstExprKind kind);
const char *ast_stmt_kind_name(AstStmtKind kind);
const char *ast_operator_name(AstOperator op);
const char *ast_unary_op_name(AstUnaryOp op);
const char *ast_bool_op_name(AstBoolOp op);
const char *ast_cmp_op_name(AstCmpOp op);
const char *ast_context_name(AstExprContext ctx);

#endif
