/* The AST printed exactly as CPython 3.12's
 * `ast.dump(tree, include_attributes=True)` prints it: fields in _fields
 * order, optional fields left out when None, positions last. */
#include "ast_dump.h"

#include <stdlib.h>
#include <string.h>

#include "pyrepr.h"

/* Left-associative chains (`a + a + ...`) give trees as deep as the file is
 * long; CPython's compiler gives up near a few thousand levels. */
enum { DUMP_MAX_DEPTH = 20000 };

typedef struct Dump {
    TextBuffer out;
    bool first_field; /* no ", " before the first field of a node */
    int depth;
} Dump;

static void dump_expr(Dump *d, const AstExpr *expr);
static void dump_stmt(Dump *d, const AstStmt *stmt);

static void put(Dump *d, const char *text) {
    text_append_str(&d->out, text);
}

static void open_node(Dump *d, const char *name) {
    put(d, name);
    put(d, "(");
    d->first_field = true;
}

static void field(Dump *d, const char *name) {
    if (!d->first_field) {
        put(d, ", ");
    }
    d->first_field = false;
    put(d, name);
    put(d, "=");
}

static void close_node(Dump *d) {
    put(d, ")");
    d->first_field = false;
}

static void close_node_with_pos(Dump *d, AstPos pos) {
    field(d, "lineno");
    text_append_int(&d->out, pos.lineno);
    field(d, "col_offset");
    text_append_int(&d->out, pos.col_offset);
    field(d, "end_lineno");
    text_append_int(&d->out, pos.end_lineno);
    field(d, "end_col_offset");
    text_append_int(&d->out, pos.end_col_offset);
    close_node(d);
}

static void dump_identifier(Dump *d, const char *name) {
    repr_str(&d->out, name, strlen(name));
}

/* A leaf node such as Load() or Add(). */
static void dump_singleton(Dump *d, const char *name) {
    put(d, name);
    put(d, "()");
    d->first_field = false;
}

static void expr_field(Dump *d, const char *name, const AstExpr *expr) {
    field(d, name);
    dump_expr(d, expr);
}

/* An optional field: left out when None, as ast.dump does. */
static void optional_expr_field(Dump *d, const char *name, const AstExpr *expr) {
    if (expr) {
        expr_field(d, name, expr);
    }
}

static void expr_list_field(Dump *d, const char *name, const AstExprList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        if (i) {
            put(d, ", ");
        }
        if (list->items[i]) {
            dump_expr(d, list->items[i]);
        } else {
            put(d, "None");
        }
    }
    put(d, "]");
    d->first_field = false;
}

static void stmt_list_field(Dump *d, const char *name, const AstStmtList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        if (i) {
            put(d, ", ");
        }
        dump_stmt(d, list->items[i]);
    }
    put(d, "]");
    d->first_field = false;
}

static void identifier_list_field(Dump *d, const char *name, const AstIdentifierList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        if (i) {
            put(d, ", ");
        }
        dump_identifier(d, list->items[i]);
    }
    put(d, "]");
    d->first_field = false;
}

static void context_field(Dump *d, AstExprContext ctx) {
    field(d, "ctx");
    dump_singleton(d, ast_context_name(ctx));
}

static void dump_arg(Dump *d, const AstArg *arg) {
    open_node(d, "arg");
    field(d, "arg");
    dump_identifier(d, arg->arg);
    optional_expr_field(d, "annotation", arg->annotation);
    close_node_with_pos(d, arg->pos);
}

static void arg_list_field(Dump *d, const char *name, const AstArgList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        if (i) {
            put(d, ", ");
        }
        dump_arg(d, list->items[i]);
    }
    put(d, "]");
    d->first_field = false;
}

static void dump_arguments(Dump *d, const AstArguments *args) {
    open_node(d, "arguments");
    arg_list_field(d, "posonlyargs", &args->posonlyargs);
    arg_list_field(d, "args", &args->args);
    if (args->vararg) {
        field(d, "vararg");
        dump_arg(d, args->vararg);
    }
    arg_list_field(d, "kwonlyargs", &args->kwonlyargs);
    expr_list_field(d, "kw_defaults", &args->kw_defaults);
    if (args->kwarg) {
        field(d, "kwarg");
        dump_arg(d, args->kwarg);
    }
    expr_list_field(d, "defaults", &args->defaults);
    close_node(d);
}

static void keyword_list_field(Dump *d, const char *name, const AstKeywordList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        const AstKeyword *keyword = list->items[i];
        if (i) {
            put(d, ", ");
        }
        open_node(d, "keyword");
        if (keyword->arg) {
            field(d, "arg");
            dump_identifier(d, keyword->arg);
        }
        expr_field(d, "value", keyword->value);
        close_node_with_pos(d, keyword->pos);
    }
    put(d, "]");
    d->first_field = false;
}

static void alias_list_field(Dump *d, const char *name, const AstAliasList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        const AstAlias *alias = list->items[i];
        if (i) {
            put(d, ", ");
        }
        open_node(d, "alias");
        field(d, "name");
        dump_identifier(d, alias->name);
        if (alias->asname) {
            field(d, "asname");
            dump_identifier(d, alias->asname);
        }
        close_node_with_pos(d, alias->pos);
    }
    put(d, "]");
    d->first_field = false;
}

static void comprehension_list_field(Dump *d, const char *name, const AstComprehensionList *list) {
    field(d, name);
    put(d, "[");
    for (int i = 0; i < list->len; i++) {
        const AstComprehension *clause = list->items[i];
        if (i) {
            put(d, ", ");
        }
        open_node(d, "comprehension");
        expr_field(d, "target", clause->target);
        expr_field(d, "iter", clause->iter);
        expr_list_field(d, "ifs", &clause->ifs);
        field(d, "is_async");
        text_append_int(&d->out, clause->is_async);
        close_node(d);
    }
    put(d, "]");
    d->first_field = false;
}

static void dump_constant_value(Dump *d, const AstConstant *value) {
    switch (value->kind) {
    case AST_CONST_NONE: put(d, "None"); break;
    case AST_CONST_TRUE: put(d, "True"); break;
    case AST_CONST_FALSE: put(d, "False"); break;
    case AST_CONST_ELLIPSIS: put(d, "Ellipsis"); break;
    case AST_CONST_INT: repr_int_digits(&d->out, value->int_digits, value->int_base); break;
    case AST_CONST_FLOAT: repr_float(&d->out, value->float_value); break;
    case AST_CONST_STR: repr_str(&d->out, value->bytes, value->size); break;
    case AST_CONST_BYTES: repr_bytes(&d->out, value->bytes, value->size); break;
    }
}

static void dump_comprehension_expr(Dump *d, const AstExpr *elt, const AstComprehensionList *gens) {
    expr_field(d, "elt", elt);
    comprehension_list_field(d, "generators", gens);
}

static void dump_expr(Dump *d, const AstExpr *expr) {
    if (++d->depth > DUMP_MAX_DEPTH || d->out.failed) {
        d->out.failed = true;
        d->depth--;
        return;
    }
    open_node(d, ast_expr_kind_name(expr->kind));
    switch (expr->kind) {
    case EXPR_BoolOp:
        field(d, "op");
        dump_singleton(d, ast_bool_op_name(expr->v.BoolOp.op));
        expr_list_field(d, "values", &expr->v.BoolOp.values);
        break;
    case EXPR_NamedExpr:
        expr_field(d, "target", expr->v.NamedExpr.target);
        expr_field(d, "value", expr->v.NamedExpr.value);
        break;
    case EXPR_BinOp:
        expr_field(d, "left", expr->v.BinOp.left);
        field(d, "op");
        dump_singleton(d, ast_operator_name(expr->v.BinOp.op));
        expr_field(d, "right", expr->v.BinOp.right);
        break;
    case EXPR_UnaryOp:
        field(d, "op");
        dump_singleton(d, ast_unary_op_name(expr->v.UnaryOp.op));
        expr_field(d, "operand", expr->v.UnaryOp.operand);
        break;
    case EXPR_Lambda:
        field(d, "args");
        dump_arguments(d, expr->v.Lambda.args);
        expr_field(d, "body", expr->v.Lambda.body);
        break;
    case EXPR_IfExp:
        expr_field(d, "test", expr->v.IfExp.test);
        expr_field(d, "body", expr->v.IfExp.body);
        expr_field(d, "orelse", expr->v.IfExp.orelse);
        break;
    case EXPR_Dict:
        expr_list_field(d, "keys", &expr->v.Dict.keys);
        expr_list_field(d, "values", &expr->v.Dict.values);
        break;
    case EXPR_Set:
        expr_list_field(d, "elts", &expr->v.Set.elts);
        break;
    case EXPR_ListComp:
        dump_comprehension_expr(d, expr->v.ListComp.elt, &expr->v.ListComp.generators);
        break;
    case EXPR_SetComp:
        dump_comprehension_expr(d, expr->v.SetComp.elt, &expr->v.SetComp.generators);
        break;
    case EXPR_GeneratorExp:
        dump_comprehension_expr(d, expr->v.GeneratorExp.elt, &expr->v.GeneratorExp.generators);
        break;
    case EXPR_DictComp:
        expr_field(d, "key", expr->v.DictComp.key);
        expr_field(d, "value", expr->v.DictComp.value);
        comprehension_list_field(d, "generators", &expr->v.DictComp.generators);
        break;
    case EXPR_Await:
        expr_field(d, "value", expr->v.Await.value);
        break;
    case EXPR_Yield:
        optional_expr_field(d, "value", expr->v.Yield.value);
        break;
    case EXPR_YieldFrom:
        expr_field(d, "value", expr->v.YieldFrom.value);
        break;
    case EXPR_Compare:
        expr_field(d, "left", expr->v.Compare.left);
        field(d, "ops");
        put(d, "[");
        for (int i = 0; i < expr->v.Compare.ops.len; i++) {
            if (i) {
                put(d, ", ");
            }
            dump_singleton(d, ast_cmp_op_name(expr->v.Compare.ops.items[i]));
        }
        put(d, "]");
        expr_list_field(d, "comparators", &expr->v.Compare.comparators);
        break;
    case EXPR_Call:
        expr_field(d, "func", expr->v.Call.func);
        expr_list_field(d, "args", &expr->v.Call.args);
        keyword_list_field(d, "keywords", &expr->v.Call.keywords);
        break;
    case EXPR_FormattedValue:
        expr_field(d, "value", expr->v.FormattedValue.value);
        field(d, "conversion");
        text_append_int(&d->out, expr->v.FormattedValue.conversion);
        optional_expr_field(d, "format_spec", expr->v.FormattedValue.format_spec);
        break;
    case EXPR_JoinedStr:
        expr_list_field(d, "values", &expr->v.JoinedStr.values);
        break;
    case EXPR_Constant:
        field(d, "value");
        dump_constant_value(d, &expr->v.Constant.value);
        if (expr->v.Constant.kind) {
            field(d, "kind");
            dump_identifier(d, expr->v.Constant.kind);
        }
        break;
    case EXPR_Attribute:
        expr_field(d, "value", expr->v.Attribute.value);
        field(d, "attr");
        dump_identifier(d, expr->v.Attribute.attr);
        context_field(d, expr->v.Attribute.ctx);
        break;
    case EXPR_Subscript:
        expr_field(d, "value", expr->v.Subscript.value);
        expr_field(d, "slice", expr->v.Subscript.slice);
        context_field(d, expr->v.Subscript.ctx);
        break;
    case EXPR_Starred:
        expr_field(d, "value", expr->v.Starred.value);
        context_field(d, expr->v.Starred.ctx);
        break;
    case EXPR_Name:
        field(d, "id");
        dump_identifier(d, expr->v.Name.id);
        context_field(d, expr->v.Name.ctx);
        break;
    case EXPR_List:
        expr_list_field(d, "elts", &expr->v.List.elts);
        context_field(d, expr->v.List.ctx);
        break;
    case EXPR_Tuple:
        expr_list_field(d, "elts", &expr->v.Tuple.elts);
        context_field(d, expr->v.Tuple.ctx);
        break;
    case EXPR_Slice:
        optional_expr_field(d, "lower", expr->v.Slice.lower);
        optional_expr_field(d, "upper", expr->v.Slice.upper);
        optional_expr_field(d, "step", expr->v.Slice.step);
        break;
    }
    close_node_with_pos(d, expr->pos);
    d->depth--;
}

static void dump_with_items(Dump *d, const AstWithItemList *items) {
    field(d, "items");
    put(d, "[");
    for (int i = 0; i < items->len; i++) {
        if (i) {
            put(d, ", ");
        }
        open_node(d, "withitem");
        expr_field(d, "context_expr", items->items[i]->context_expr);
        optional_expr_field(d, "optional_vars", items->items[i]->optional_vars);
        close_node(d);
    }
    put(d, "]");
    d->first_field = false;
}

static void dump_handlers(Dump *d, const AstExceptHandlerList *handlers) {
    field(d, "handlers");
    put(d, "[");
    for (int i = 0; i < handlers->len; i++) {
        const AstExceptHandler *handler = handlers->items[i];
        if (i) {
            put(d, ", ");
        }
        open_node(d, "ExceptHandler");
        optional_expr_field(d, "type", handler->type);
        if (handler->name) {
            field(d, "name");
            dump_identifier(d, handler->name);
        }
        stmt_list_field(d, "body", &handler->body);
        close_node_with_pos(d, handler->pos);
    }
    put(d, "]");
    d->first_field = false;
}

static void dump_stmt(Dump *d, const AstStmt *stmt) {
    if (d->out.failed) {
        return;
    }
    open_node(d, ast_stmt_kind_name(stmt->kind));
    switch (stmt->kind) {
    case STMT_FunctionDef:
    case STMT_AsyncFunctionDef:
        field(d, "name");
        dump_identifier(d, stmt->v.FunctionDef.name);
        field(d, "args");
        dump_arguments(d, stmt->v.FunctionDef.args);
        stmt_list_field(d, "body", &stmt->v.FunctionDef.body);
        expr_list_field(d, "decorator_list", &stmt->v.FunctionDef.decorator_list);
        optional_expr_field(d, "returns", stmt->v.FunctionDef.returns);
        field(d, "type_params");
        put(d, "[]");
        break;
    case STMT_ClassDef:
        field(d, "name");
        dump_identifier(d, stmt->v.ClassDef.name);
        expr_list_field(d, "bases", &stmt->v.ClassDef.bases);
        keyword_list_field(d, "keywords", &stmt->v.ClassDef.keywords);
        stmt_list_field(d, "body", &stmt->v.ClassDef.body);
        expr_list_field(d, "decorator_list", &stmt->v.ClassDef.decorator_list);
        field(d, "type_params");
        put(d, "[]");
        break;
    case STMT_Return:
        optional_expr_field(d, "value", stmt->v.Return.value);
        break;
    case STMT_Delete:
        expr_list_field(d, "targets", &stmt->v.Delete.targets);
        break;
    case STMT_Assign:
        expr_list_field(d, "targets", &stmt->v.Assign.targets);
        expr_field(d, "value", stmt->v.Assign.value);
        break;
    case STMT_AugAssign:
        expr_field(d, "target", stmt->v.AugAssign.target);
        field(d, "op");
        dump_singleton(d, ast_operator_name(stmt->v.AugAssign.op));
        expr_field(d, "value", stmt->v.AugAssign.value);
        break;
    case STMT_AnnAssign:
        expr_field(d, "target", stmt->v.AnnAssign.target);
        expr_field(d, "annotation", stmt->v.AnnAssign.annotation);
        optional_expr_field(d, "value", stmt->v.AnnAssign.value);
        field(d, "simple");
        text_append_int(&d->out, stmt->v.AnnAssign.simple);
        break;
    case STMT_For:
    case STMT_AsyncFor:
        expr_field(d, "target", stmt->v.For.target);
        expr_field(d, "iter", stmt->v.For.iter);
        stmt_list_field(d, "body", &stmt->v.For.body);
        stmt_list_field(d, "orelse", &stmt->v.For.orelse);
        break;
    case STMT_While:
        expr_field(d, "test", stmt->v.While.test);
        stmt_list_field(d, "body", &stmt->v.While.body);
        stmt_list_field(d, "orelse", &stmt->v.While.orelse);
        break;
    case STMT_If:
        expr_field(d, "test", stmt->v.If.test);
        stmt_list_field(d, "body", &stmt->v.If.body);
        stmt_list_field(d, "orelse", &stmt->v.If.orelse);
        break;
    case STMT_With:
    case STMT_AsyncWith:
        dump_with_items(d, &stmt->v.With.items);
        stmt_list_field(d, "body", &stmt->v.With.body);
        break;
    case STMT_Raise:
        optional_expr_field(d, "exc", stmt->v.Raise.exc);
        optional_expr_field(d, "cause", stmt->v.Raise.cause);
        break;
    case STMT_Try:
        stmt_list_field(d, "body", &stmt->v.Try.body);
        dump_handlers(d, &stmt->v.Try.handlers);
        stmt_list_field(d, "orelse", &stmt->v.Try.orelse);
        stmt_list_field(d, "finalbody", &stmt->v.Try.finalbody);
        break;
    case STMT_Assert:
        expr_field(d, "test", stmt->v.Assert.test);
        optional_expr_field(d, "msg", stmt->v.Assert.msg);
        break;
    case STMT_Import:
        alias_list_field(d, "names", &stmt->v.Import.names);
        break;
    case STMT_ImportFrom:
        if (stmt->v.ImportFrom.module) {
            field(d, "module");
            dump_identifier(d, stmt->v.ImportFrom.module);
        }
        alias_list_field(d, "names", &stmt->v.ImportFrom.names);
        field(d, "level");
        text_append_int(&d->out, stmt->v.ImportFrom.level);
        break;
    case STMT_Global:
        identifier_list_field(d, "names", &stmt->v.Global.names);
        break;
    case STMT_Nonlocal:
        identifier_list_field(d, "names", &stmt->v.Nonlocal.names);
        break;
    case STMT_Expr:
        expr_field(d, "value", stmt->v.Expr.value);
        break;
    case STMT_Pass:
    case STMT_Break:
    case STMT_Continue:
        break;
    }
    close_node_with_pos(d, stmt->pos);
}

char *ast_dump_module(const AstModule *module) {
    Dump d = {0};
    open_node(&d, "Module");
    stmt_list_field(&d, "body", &module->body);
    field(&d, "type_ignores");
    put(&d, "[]");
    close_node(&d);
    if (d.out.failed) {
        free(d.out.data);
        return NULL;
    }
    return d.out.data;
}

char *ast_dump_expr(const AstExpr *expr) {
    Dump d = {0};
    dump_expr(&d, expr);
    if (d.out.failed) {
        free(d.out.data);
        return NULL;
    }
    return d.out.data;
}
