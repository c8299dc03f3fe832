#include "ast.h"

#include <string.h>

AstExpr *ast_new_expr(AstArena *arena, AstExprKind kind, AstPos pos) {
    AstExpr *expr = arena_alloc(arena, sizeof(AstExpr));
    if (expr) {
        expr->kind = kind;
        expr->pos = pos;
    }
    return expr;
}

AstStmt *ast_new_stmt(AstArena *arena, AstStmtKind kind, AstPos pos) {
    AstStmt *stmt = arena_alloc(arena, sizeof(AstStmt));
    if (stmt) {
        stmt->kind = kind;
        stmt->pos = pos;
    }
    return stmt;
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return 99;
}

bool ast_constant_int_to_int64(const AstConstant *constant, int64_t *out) {
    if (constant->kind != AST_CONST_INT || !constant->int_digits) {
        return false;
    }
    uint64_t value = 0;
    uint64_t base = (uint64_t)constant->int_base;
    for (const char *c = constant->int_digits; *c; c++) {
        uint64_t digit = (uint64_t)digit_value(*c);
        if (digit >= base || value > ((uint64_t)INT64_MAX - digit) / base) {
            return false;
        }
        value = value * base + digit;
    }
    *out = (int64_t)value;
    return true;
}

static const char *const expr_names[] = {
    [EXPR_BoolOp] = "BoolOp", [EXPR_NamedExpr] = "NamedExpr", [EXPR_BinOp] = "BinOp",
    [EXPR_UnaryOp] = "UnaryOp", [EXPR_Lambda] = "Lambda", [EXPR_IfExp] = "IfExp",
    [EXPR_Dict] = "Dict", [EXPR_Set] = "Set", [EXPR_ListComp] = "ListComp",
    [EXPR_SetComp] = "SetComp", [EXPR_DictComp] = "DictComp",
    [EXPR_GeneratorExp] = "GeneratorExp", [EXPR_Await] = "Await", [EXPR_Yield] = "Yield",
    [EXPR_YieldFrom] = "YieldFrom", [EXPR_Compare] = "Compare", [EXPR_Call] = "Call",
    [EXPR_FormattedValue] = "FormattedValue", [EXPR_JoinedStr] = "JoinedStr",
    [EXPR_Constant] = "Constant", [EXPR_Attribute] = "Attribute",
    [EXPR_Subscript] = "Subscript", [EXPR_Starred] = "Starred", [EXPR_Name] = "Name",
    [EXPR_List] = "List", [EXPR_Tuple] = "Tuple", [EXPR_Slice] = "Slice",
};

static const char *const stmt_names[] = {
    [STMT_FunctionDef] = "FunctionDef", [STMT_AsyncFunctionDef] = "AsyncFunctionDef",
    [STMT_ClassDef] = "ClassDef", [STMT_Return] = "Return", [STMT_Delete] = "Delete",
    [STMT_Assign] = "Assign", [STMT_AugAssign] = "AugAssign", [STMT_AnnAssign] = "AnnAssign",
    [STMT_For] = "For", [STMT_AsyncFor] = "AsyncFor", [STMT_While] = "While",
    [STMT_If] = "If", [STMT_With] = "With", [STMT_AsyncWith] = "AsyncWith",
    [STMT_Raise] = "Raise", [STMT_Try] = "Try", [STMT_Assert] = "Assert",
    [STMT_Import] = "Import", [STMT_ImportFrom] = "ImportFrom", [STMT_Global] = "Global",
    [STMT_Nonlocal] = "Nonlocal", [STMT_Expr] = "Expr", [STMT_Pass] = "Pass",
    [STMT_Break] = "Break", [STMT_Continue] = "Continue",
};

static const char *const operator_names[] = {
    [AST_Add] = "Add", [AST_Sub] = "Sub", [AST_Mult] = "Mult", [AST_MatMult] = "MatMult",
    [AST_Div] = "Div", [AST_Mod] = "Mod", [AST_Pow] = "Pow", [AST_LShift] = "LShift",
    [AST_RShift] = "RShift", [AST_BitOr] = "BitOr", [AST_BitXor] = "BitXor",
    [AST_BitAnd] = "BitAnd", [AST_FloorDiv] = "FloorDiv",
};

static const char *const unary_names[] = {
    [AST_Invert] = "Invert", [AST_Not] = "Not", [AST_UAdd] = "UAdd", [AST_USub] = "USub",
};

static const char *const cmp_names[] = {
    [AST_Eq] = "Eq", [AST_NotEq] = "NotEq", [AST_Lt] = "Lt", [AST_LtE] = "LtE",
    [AST_Gt] = "Gt", [AST_GtE] = "GtE", [AST_Is] = "Is", [AST_IsNot] = "IsNot",
    [AST_In] = "In", [AST_NotIn] = "NotIn",
};

#define NAME_FROM_TABLE(table, index)                                             \
    (((size_t)(index) < sizeof(table) / sizeof((table)[0]) && (table)[(index)])   \
         ? (table)[(index)]                                                       \
         : "?")

const char *ast_expr_kind_name(AstExprKind kind) { return NAME_FROM_TABLE(expr_names, kind); }
const char *ast_stmt_kind_name(AstStmtKind kind) { return NAME_FROM_TABLE(stmt_names, kind); }
const char *ast_operator_name(AstOperator op) { return NAME_FROM_TABLE(operator_names, op); }
const char *ast_unary_op_name(AstUnaryOp op) { return NAME_FROM_TABLE(unary_names, op); }
const char *ast_cmp_op_name(AstCmpOp op) { return NAME_FROM_TABLE(cmp_names, op); }

const char *ast_bool_op_name(AstBoolOp op) {
    return op == AST_And ? "And" : op == AST_Or ? "Or" : "?";
}

const char *ast_context_name(AstExprContext ctx) {
    switch (ctx) {
    case AST_Load: return "Load";
    case AST_Store: return "Store";
    case AST_Del: return "Del";
    }
    return "?";
}
