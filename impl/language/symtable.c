/* Pass 1 visits the AST and records, per scope, what each name is used
 * for; pass 2 (symtable_analyze.c) resolves every name. Written after
 * CPython 3.9's Python/symtable.c, with its SyntaxError messages. */
#include "symtable.h"

#include <stdlib.h>
#include <string.h>

#include "symtable_internal.h"

#define GLOBAL_PARAM "name '%s' is parameter and global"
#define NONLOCAL_PARAM "name '%s' is parameter and nonlocal"
#define GLOBAL_AFTER_ASSIGN "name '%s' is assigned to before global declaration"
#define NONLOCAL_AFTER_ASSIGN "name '%s' is assigned to before nonlocal declaration"
#define GLOBAL_AFTER_USE "name '%s' is used prior to global declaration"
#define NONLOCAL_AFTER_USE "name '%s' is used prior to nonlocal declaration"
#define GLOBAL_ANNOT "annotated name '%s' can't be global"
#define NONLOCAL_ANNOT "annotated name '%s' can't be nonlocal"
#define IMPORT_STAR_WARNING "import * only allowed at module level"
#define NAMED_EXPR_COMP_IN_CLASS \
    "assignment expression within a comprehension cannot be used in a class body"
#define NAMED_EXPR_COMP_CONFLICT \
    "assignment expression cannot rebind comprehension iteration variable '%s'"
#define NAMED_EXPR_COMP_INNER_LOOP_CONFLICT \
    "comprehension inner loop cannot rebind assignment expression target '%s'"
#define NAMED_EXPR_COMP_ITER_EXPR \
    "assignment expression cannot be used in a comprehension iterable expression"
#define DUPLICATE_ARGUMENT "duplicate argument '%s' in function definition"

/* ---- entries ---------------------------------------------------------- */

static bool fail_memory(SymBuilder *b)
{
    if (!b->failed)
        compile_error_memory(b->err, b->src);
    b->failed = true;
    return false;
}

static bool fail_at(SymBuilder *b, AstPos pos, const char *fmt, const char *name)
{
    if (!b->failed)
        compile_error_at(b->err, b->src, pos, fmt, name ? name : "");
    b->failed = true;
    return false;
}

static void entry_free(SymEntry *ste)
{
    namemap_free(&ste->symbols);
    namemap_free(&ste->params);
    namemap_free(&ste->directives);
    free(ste->scopes);
    free(ste->directive_pos);
    for (int i = 0; i < ste->nchildren; i++)
        entry_free(ste->children[i]);
    free(ste->children);
    free(ste);
}

static bool enter_block(SymBuilder *b, const char *name, SymBlockType type, const void *node,
                        AstPos pos)
{
    SymEntry *ste = calloc(1, sizeof *ste);
    if (!ste)
        return fail_memory(b);
    ste->type = type;
    ste->name = name;
    ste->node = node;
    ste->pos = pos;
    namemap_init(&ste->symbols);
    namemap_init(&ste->params);
    namemap_init(&ste->directives);
    SymEntry *parent = b->cur;
    if (parent) {
        ste->nested = parent->nested || parent->type == SYM_BLOCK_FUNCTION;
        if (parent->nchildren == parent->children_cap) {
            int cap = parent->children_cap ? parent->children_cap * 2 : 4;
            SymEntry **children = realloc(parent->children, (size_t)cap * sizeof *children);
            if (!children) {
                entry_free(ste);
                return fail_memory(b);
            }
            parent->children = children;
            parent->children_cap = cap;
        }
        parent->children[parent->nchildren++] = ste;
    }
    if (b->depth == SYM_MAX_DEPTH) {
        if (!parent)
            entry_free(ste);
        return fail_at(b, pos, "too many nested scopes%s", NULL);
    }
    b->stack[b->depth++] = ste;
    b->cur = ste;
    return true;
}

static void exit_block(SymBuilder *b)
{
    b->depth--;
    b->cur = b->depth > 0 ? b->stack[b->depth - 1] : NULL;
}

/* ---- recording names ---------------------------------------------------- */

static bool add_def_in(SymBuilder *b, const char *name, int flag, SymEntry *ste, AstPos pos)
{
    const char *mangled = symtable_mangle(b->st->arena, b->private_name, name);
    if (!mangled)
        return fail_memory(b);
    int index = namemap_find(&ste->symbols, mangled);
    int val = flag;
    if (index >= 0) {
        val = ste->symbols.values[index];
        if ((flag & SYM_DEF_PARAM) && (val & SYM_DEF_PARAM))
            return fail_at(b, pos, DUPLICATE_ARGUMENT, name);
        val |= flag;
    }
    if (ste->comp_iter_target) {
        /* a comprehension's loop variable may not be a := target */
        if (val & (SYM_DEF_GLOBAL | SYM_DEF_NONLOCAL))
            return fail_at(b, ste->pos, NAMED_EXPR_COMP_INNER_LOOP_CONFLICT, name);
        val |= SYM_DEF_COMP_ITER;
    }
    if (!namemap_set(&ste->symbols, mangled, val))
        return fail_memory(b);
    if (flag & SYM_DEF_PARAM) {
        if (namemap_add(&ste->params, mangled, 0) < 0)
            return fail_memory(b);
    } else if (flag & SYM_DEF_GLOBAL) {
        /* the module's own entry learns that the name is global */
        SymEntry *top = b->st->top;
        int old = namemap_get(&top->symbols, mangled, 0);
        if (!namemap_set(&top->symbols, mangled, old | flag))
            return fail_memory(b);
    }
    return true;
}

static bool add_def(SymBuilder *b, const char *name, int flag, AstPos pos)
{
    return add_def_in(b, name, flag, b->cur, pos);
}

static bool record_directive(SymBuilder *b, const char *name, AstPos pos)
{
    SymEntry *ste = b->cur;
    const char *mangled = symtable_mangle(b->st->arena, b->private_name, name);
    if (!mangled)
        return fail_memory(b);
    if (namemap_find(&ste->directives, mangled) >= 0)
        return true; /* CPython reports the first directive */
    int index = namemap_add(&ste->directives, mangled, ste->directives.count);
    if (index < 0)
        return fail_memory(b);
    AstPos *positions =
        realloc(ste->directive_pos, (size_t)ste->directives.cap * sizeof *positions);
    if (!positions)
        return fail_memory(b);
    ste->directive_pos = positions;
    positions[index] = pos;
    return true;
}

static int lookup(SymBuilder *b, const char *name)
{
    const char *mangled = symtable_mangle(b->st->arena, b->private_name, name);
    if (!mangled) {
        fail_memory(b);
        return -1;
    }
    return namemap_get(&b->cur->symbols, mangled, 0);
}

/* ---- visitors ----------------------------------------------------------- */

static bool visit_stmt(SymBuilder *b, const AstStmt *s);
static bool visit_expr(SymBuilder *b, const AstExpr *e);

static bool visit_stmts(SymBuilder *b, const AstStmtList *list)
{
    for (int i = 0; i < list->len; i++)
        if (!visit_stmt(b, list->items[i]))
            return false;
    return true;
}

static bool visit_exprs(SymBuilder *b, const AstExprList *list)
{
    for (int i = 0; i < list->len; i++)
        if (list->items[i] && !visit_expr(b, list->items[i]))
            return false;
    return true;
}

static bool visit_params(SymBuilder *b, const AstArgList *args)
{
    for (int i = 0; i < args->len; i++)
        if (!add_def(b, args->items[i]->arg, SYM_DEF_PARAM, args->items[i]->pos))
            return false;
    return true;
}

static bool visit_arguments(SymBuilder *b, const AstArguments *a)
{
    if (!visit_params(b, &a->posonlyargs) || !visit_params(b, &a->args) ||
        !visit_params(b, &a->kwonlyargs))
        return false;
    if (a->vararg) {
        if (!add_def(b, a->vararg->arg, SYM_DEF_PARAM, a->vararg->pos))
            return false;
        b->cur->varargs = true;
    }
    if (a->kwarg) {
        if (!add_def(b, a->kwarg->arg, SYM_DEF_PARAM, a->kwarg->pos))
            return false;
        b->cur->varkeywords = true;
    }
    return true;
}

/* Annotations are evaluated in the enclosing scope (they are outside the
 * case language, and the compiler emits no code for them). */
static bool visit_annotations(SymBuilder *b, const AstArguments *a, const AstExpr *returns)
{
    const AstArgList *lists[] = {&a->posonlyargs, &a->args, &a->kwonlyargs};
    for (int l = 0; l < 3; l++)
        for (int i = 0; i < lists[l]->len; i++)
            if (lists[l]->items[i]->annotation &&
                !visit_expr(b, lists[l]->items[i]->annotation))
                return false;
    if (a->vararg && a->vararg->annotation && !visit_expr(b, a->vararg->annotation))
        return false;
    if (a->kwarg && a->kwarg->annotation && !visit_expr(b, a->kwarg->annotation))
        return false;
    return !returns || visit_expr(b, returns);
}

static bool visit_defaults(SymBuilder *b, const AstArguments *a)
{
    return visit_exprs(b, &a->defaults) && visit_exprs(b, &a->kw_defaults);
}

static bool visit_function(SymBuilder *b, const AstStmt *s, bool is_async)
{
    const AstFunctionDefFields *f = &s->v.FunctionDef;
    if (!add_def(b, f->name, SYM_DEF_LOCAL, s->pos) || !visit_defaults(b, f->args) ||
        !visit_annotations(b, f->args, f->returns) || !visit_exprs(b, &f->decorator_list))
        return false;
    if (!enter_block(b, f->name, SYM_BLOCK_FUNCTION, s, s->pos))
        return false;
    if (is_async)
        b->cur->coroutine = true;
    if (!visit_arguments(b, f->args) || !visit_stmts(b, &f->body))
        return false;
    exit_block(b);
    return true;
}

static bool visit_class(SymBuilder *b, const AstStmt *s)
{
    if (!add_def(b, s->v.ClassDef.name, SYM_DEF_LOCAL, s->pos) ||
        !visit_exprs(b, &s->v.ClassDef.bases))
        return false;
    for (int i = 0; i < s->v.ClassDef.keywords.len; i++)
        if (!visit_expr(b, s->v.ClassDef.keywords.items[i]->value))
            return false;
    if (!visit_exprs(b, &s->v.ClassDef.decorator_list) ||
        !enter_block(b, s->v.ClassDef.name, SYM_BLOCK_CLASS, s, s->pos))
        return false;
    const char *saved = b->private_name;
    b->private_name = s->v.ClassDef.name;
    bool ok = visit_stmts(b, &s->v.ClassDef.body);
    b->private_name = saved;
    if (!ok)
        return false;
    exit_block(b);
    return true;
}

static bool visit_alias(SymBuilder *b, const AstAlias *a)
{
    const char *name = a->asname ? a->asname : a->name;
    if (strcmp(name, "*") == 0) {
        if (b->cur->type != SYM_BLOCK_MODULE)
            return fail_at(b, a->pos, IMPORT_STAR_WARNING "%s", "");
        return true;
    }
    /* `import a.b` binds `a` */
    const char *dot = strchr(name, '.');
    const char *store = name;
    if (dot) {
        store = arena_strndup(b->st->arena, name, (size_t)(dot - name));
        if (!store)
            return fail_memory(b);
    }
    return add_def(b, store, SYM_DEF_IMPORT, a->pos);
}

static bool visit_directive(SymBuilder *b, const AstStmt *s, bool is_global)
{
    const AstIdentifierList *names = is_global ? &s->v.Global.names : &s->v.Nonlocal.names;
    for (int i = 0; i < names->len; i++) {
        const char *name = names->items[i];
        int cur = lookup(b, name);
        if (cur < 0)
            return false;
        if (cur & (SYM_DEF_PARAM | SYM_DEF_LOCAL | SYM_USE | SYM_DEF_ANNOT)) {
            const char *msg;
            if (cur & SYM_DEF_PARAM)
                msg = is_global ? GLOBAL_PARAM : NONLOCAL_PARAM;
            else if (cur & SYM_USE)
                msg = is_global ? GLOBAL_AFTER_USE : NONLOCAL_AFTER_USE;
            else if (cur & SYM_DEF_ANNOT)
                msg = is_global ? GLOBAL_ANNOT : NONLOCAL_ANNOT;
            else
                msg = is_global ? GLOBAL_AFTER_ASSIGN : NONLOCAL_AFTER_ASSIGN;
            return fail_at(b, s->pos, msg, name);
        }
        if (!add_def(b, name, is_global ? SYM_DEF_GLOBAL : SYM_DEF_NONLOCAL, s->pos) ||
            !record_directive(b, name, s->pos))
            return false;
    }
    return true;
}

static bool visit_stmt(SymBuilder *b, const AstStmt *s)
{
    switch (s->kind) {
    case STMT_FunctionDef:
        return visit_function(b, s, false);
    case STMT_AsyncFunctionDef:
        return visit_function(b, s, true);
    case STMT_ClassDef:
        return visit_class(b, s);
    case STMT_Return:
        if (s->v.Return.value) {
            if (!visit_expr(b, s->v.Return.value))
                return false;
            b->cur->returns_value = true;
        }
        return true;
    case STMT_Delete:
        return visit_exprs(b, &s->v.Delete.targets);
    case STMT_Assign:
        return visit_exprs(b, &s->v.Assign.targets) && visit_expr(b, s->v.Assign.value);
    case STMT_AnnAssign: {
        const AstExpr *target = s->v.AnnAssign.target;
        if (target->kind == EXPR_Name) {
            int cur = lookup(b, target->v.Name.id);
            if (cur < 0)
                return false;
            if ((cur & (SYM_DEF_GLOBAL | SYM_DEF_NONLOCAL)) &&
                b->cur->type != SYM_BLOCK_MODULE && s->v.AnnAssign.simple)
                return fail_at(b, s->pos, (cur & SYM_DEF_GLOBAL) ? GLOBAL_ANNOT : NONLOCAL_ANNOT,
                               target->v.Name.id);
            int flags = s->v.AnnAssign.simple ? SYM_DEF_ANNOT | SYM_DEF_LOCAL : SYM_DEF_LOCAL;
            if (!s->v.AnnAssign.simple && !s->v.AnnAssign.value)
                flags = 0;
            if (flags && !add_def(b, target->v.Name.id, flags, target->pos))
                return false;
        } else if (!visit_expr(b, target)) {
            return false;
        }
        if (!visit_expr(b, s->v.AnnAssign.annotation))
            return false;
        return !s->v.AnnAssign.value || visit_expr(b, s->v.AnnAssign.value);
    }
    case STMT_AugAssign:
        return visit_expr(b, s->v.AugAssign.target) && visit_expr(b, s->v.AugAssign.value);
    case STMT_For:
    case STMT_AsyncFor:
        return visit_expr(b, s->v.For.target) && visit_expr(b, s->v.For.iter) &&
               visit_stmts(b, &s->v.For.body) && visit_stmts(b, &s->v.For.orelse);
    case STMT_While:
        return visit_expr(b, s->v.While.test) && visit_stmts(b, &s->v.While.body) &&
               visit_stmts(b, &s->v.While.orelse);
    case STMT_If:
        return visit_expr(b, s->v.If.test) && visit_stmts(b, &s->v.If.body) &&
               visit_stmts(b, &s->v.If.orelse);
    case STMT_Raise:
        return (!s->v.Raise.exc || visit_expr(b, s->v.Raise.exc)) &&
               (!s->v.Raise.cause || visit_expr(b, s->v.Raise.cause));
    case STMT_Try:
        if (!visit_stmts(b, &s->v.Try.body) || !visit_stmts(b, &s->v.Try.orelse))
            return false;
        for (int i = 0; i < s->v.Try.handlers.len; i++) {
            const AstExceptHandler *h = s->v.Try.handlers.items[i];
            if (h->type && !visit_expr(b, h->type))
                return false;
            if (h->name && !add_def(b, h->name, SYM_DEF_LOCAL, h->pos))
                return false;
            if (!visit_stmts(b, &h->body))
                return false;
        }
        return visit_stmts(b, &s->v.Try.finalbody);
    case STMT_Assert:
        return visit_expr(b, s->v.Assert.test) &&
               (!s->v.Assert.msg || visit_expr(b, s->v.Assert.msg));
    case STMT_Import:
        for (int i = 0; i < s->v.Import.names.len; i++)
            if (!visit_alias(b, s->v.Import.names.items[i]))
                return false;
        return true;
    case STMT_ImportFrom:
        for (int i = 0; i < s->v.ImportFrom.names.len; i++)
            if (!visit_alias(b, s->v.ImportFrom.names.items[i]))
                return false;
        return true;
    case STMT_Global:
        return visit_directive(b, s, true);
    case STMT_Nonlocal:
        return visit_directive(b, s, false);
    case STMT_Expr:
        return visit_expr(b, s->v.Expr.value);
    case STMT_With:
    case STMT_AsyncWith:
        for (int i = 0; i < s->v.With.items.len; i++) {
            const AstWithItem *item = s->v.With.items.items[i];
            if (!visit_expr(b, item->context_expr) ||
                (item->optional_vars && !visit_expr(b, item->optional_vars)))
                return false;
        }
        return visit_stmts(b, &s->v.With.body);
    case STMT_Pass:
    case STMT_Break:
    case STMT_Continue:
        return true;
    }
    return true;
}

/* A := target inside a comprehension binds in the nearest enclosing
 * function (or the module): CPython's symtable_extend_namedexpr_scope. */
static bool extend_namedexpr_scope(SymBuilder *b, const AstExpr *target)
{
    const char *name = target->v.Name.id;
    for (int i = b->depth - 1; i >= 0; i--) {
        SymEntry *ste = b->stack[i];
        if (ste->comprehension) {
            if (namemap_get(&ste->symbols, name, 0) & SYM_DEF_COMP_ITER)
                return fail_at(b, target->pos, NAMED_EXPR_COMP_CONFLICT, name);
            continue;
        }
        if (ste->type == SYM_BLOCK_FUNCTION) {
            int in_scope = namemap_get(&ste->symbols, name, 0);
            if (!add_def(b, name, (in_scope & SYM_DEF_GLOBAL) ? SYM_DEF_GLOBAL : SYM_DEF_NONLOCAL,
                         target->pos) ||
                !record_directive(b, name, target->pos))
                return false;
            return add_def_in(b, name, SYM_DEF_LOCAL, ste, target->pos);
        }
        if (ste->type == SYM_BLOCK_MODULE) {
            if (!add_def(b, name, SYM_DEF_GLOBAL, target->pos) ||
                !record_directive(b, name, target->pos))
                return false;
            return add_def_in(b, name, SYM_DEF_GLOBAL, ste, target->pos);
        }
        return fail_at(b, target->pos, NAMED_EXPR_COMP_IN_CLASS "%s", "");
    }
    return true;
}

static bool visit_comprehension(SymBuilder *b, const AstComprehension *gen)
{
    b->cur->comp_iter_target++;
    bool ok = visit_expr(b, gen->target);
    b->cur->comp_iter_target--;
    if (!ok)
        return false;
    b->cur->comp_iter_expr++;
    ok = visit_expr(b, gen->iter);
    b->cur->comp_iter_expr--;
    if (!ok || !visit_exprs(b, &gen->ifs))
        return false;
    if (gen->is_async)
        b->cur->coroutine = true;
    return true;
}

static bool visit_comprehension_scope(SymBuilder *b, const AstExpr *e, const char *scope_name,
                                      const AstComprehensionList *generators,
                                      const AstExpr *elt, const AstExpr *value)
{
    const AstComprehension *outermost = generators->items[0];
    /* the outermost iterable is evaluated in the enclosing scope */
    b->cur->comp_iter_expr++;
    bool ok = visit_expr(b, outermost->iter);
    b->cur->comp_iter_expr--;
    if (!ok || !enter_block(b, scope_name, SYM_BLOCK_FUNCTION, e, e->pos))
        return false;
    SymEntry *ste = b->cur;
    if (outermost->is_async)
        ste->coroutine = true;
    ste->comprehension = true;
    /* ... and received as the argument `.0` */
    if (!add_def(b, ".0", SYM_DEF_PARAM, e->pos))
        return false;
    ste->comp_iter_target++;
    ok = visit_expr(b, outermost->target);
    ste->comp_iter_target--;
    if (!ok || !visit_exprs(b, &outermost->ifs))
        return false;
    for (int i = 1; i < generators->len; i++)
        if (!visit_comprehension(b, generators->items[i]))
            return false;
    if (value && !visit_expr(b, value))
        return false;
    if (!visit_expr(b, elt))
        return false;
    ste->generator = e->kind == EXPR_GeneratorExp;
    exit_block(b);
    return true;
}

/* CPython 3.11's symtable_raise_if_comprehension_block, at the yield */
static bool yield_in_comprehension(SymBuilder *b, const AstExpr *e)
{
    AstExprKind kind = ((const AstExpr *)b->cur->node)->kind;
    const char *msg = kind == EXPR_ListComp  ? "'yield' inside list comprehension%s"
                      : kind == EXPR_SetComp ? "'yield' inside set comprehension%s"
                      : kind == EXPR_DictComp ? "'yield' inside dict comprehension%s"
                                              : "'yield' inside generator expression%s";
    return fail_at(b, e->pos, msg, "");
}

static bool visit_name(SymBuilder *b, const AstExpr *e)
{
    if (!add_def(b, e->v.Name.id, e->v.Name.ctx == AST_Load ? SYM_USE : SYM_DEF_LOCAL, e->pos))
        return false;
    /* zero-argument super() reads the __class__ cell */
    if (e->v.Name.ctx == AST_Load && b->cur->type == SYM_BLOCK_FUNCTION &&
        strcmp(e->v.Name.id, "super") == 0)
        return add_def(b, "__class__", SYM_USE, e->pos);
    return true;
}

static bool visit_expr(SymBuilder *b, const AstExpr *e)
{
    if (++b->recursion > SYM_MAX_RECURSION) {
        b->recursion--;
        return fail_at(b, e->pos, "too many nested expressions%s", "");
    }
    bool ok = true;
    switch (e->kind) {
    case EXPR_NamedExpr:
        if (b->cur->comp_iter_expr > 0) {
            ok = fail_at(b, e->pos, NAMED_EXPR_COMP_ITER_EXPR "%s", "");
            break;
        }
        if (b->cur->comprehension && !extend_namedexpr_scope(b, e->v.NamedExpr.target)) {
            ok = false;
            break;
        }
        ok = visit_expr(b, e->v.NamedExpr.value) && visit_expr(b, e->v.NamedExpr.target);
        break;
    case EXPR_BoolOp:
        ok = visit_exprs(b, &e->v.BoolOp.values);
        break;
    case EXPR_BinOp:
        ok = visit_expr(b, e->v.BinOp.left) && visit_expr(b, e->v.BinOp.right);
        break;
    case EXPR_UnaryOp:
        ok = visit_expr(b, e->v.UnaryOp.operand);
        break;
    case EXPR_Lambda:
        ok = visit_defaults(b, e->v.Lambda.args) &&
             enter_block(b, "lambda", SYM_BLOCK_FUNCTION, e, e->pos) &&
             visit_arguments(b, e->v.Lambda.args) && visit_expr(b, e->v.Lambda.body);
        if (ok)
            exit_block(b);
        break;
    case EXPR_IfExp:
        ok = visit_expr(b, e->v.IfExp.test) && visit_expr(b, e->v.IfExp.body) &&
             visit_expr(b, e->v.IfExp.orelse);
        break;
    case EXPR_Dict:
        ok = visit_exprs(b, &e->v.Dict.keys) && visit_exprs(b, &e->v.Dict.values);
        break;
    case EXPR_Set:
        ok = visit_exprs(b, &e->v.Set.elts);
        break;
    case EXPR_GeneratorExp:
        ok = visit_comprehension_scope(b, e, "genexpr", &e->v.GeneratorExp.generators,
                                       e->v.GeneratorExp.elt, NULL);
        break;
    case EXPR_ListComp:
        ok = visit_comprehension_scope(b, e, "listcomp", &e->v.ListComp.generators,
                                       e->v.ListComp.elt, NULL);
        break;
    case EXPR_SetComp:
        ok = visit_comprehension_scope(b, e, "setcomp", &e->v.SetComp.generators,
                                       e->v.SetComp.elt, NULL);
        break;
    case EXPR_DictComp:
        ok = visit_comprehension_scope(b, e, "dictcomp", &e->v.DictComp.generators,
                                       e->v.DictComp.key, e->v.DictComp.value);
        break;
    case EXPR_Yield:
    case EXPR_YieldFrom:
        if (b->cur->comprehension) {
            ok = yield_in_comprehension(b, e);
            break;
        }
        ok = e->kind == EXPR_Yield ? !e->v.Yield.value || visit_expr(b, e->v.Yield.value)
                                   : visit_expr(b, e->v.YieldFrom.value);
        b->cur->generator = true;
        break;
    case EXPR_Await:
        ok = visit_expr(b, e->v.Await.value);
        b->cur->coroutine = true;
        break;
    case EXPR_Compare:
        ok = visit_expr(b, e->v.Compare.left) && visit_exprs(b, &e->v.Compare.comparators);
        break;
    case EXPR_Call:
        ok = visit_expr(b, e->v.Call.func) && visit_exprs(b, &e->v.Call.args);
        for (int i = 0; ok && i < e->v.Call.keywords.len; i++)
            ok = visit_expr(b, e->v.Call.keywords.items[i]->value);
        break;
    case EXPR_FormattedValue:
        ok = visit_expr(b, e->v.FormattedValue.value) &&
             (!e->v.FormattedValue.format_spec || visit_expr(b, e->v.FormattedValue.format_spec));
        break;
    case EXPR_JoinedStr:
        ok = visit_exprs(b, &e->v.JoinedStr.values);
        break;
    case EXPR_Constant:
        break;
    case EXPR_Attribute:
        ok = visit_expr(b, e->v.Attribute.value);
        break;
    case EXPR_Subscript:
        ok = visit_expr(b, e->v.Subscript.value) && visit_expr(b, e->v.Subscript.slice);
        break;
    case EXPR_Starred:
        ok = visit_expr(b, e->v.Starred.value);
        break;
    case EXPR_Slice:
        ok = (!e->v.Slice.lower || visit_expr(b, e->v.Slice.lower)) &&
             (!e->v.Slice.upper || visit_expr(b, e->v.Slice.upper)) &&
             (!e->v.Slice.step || visit_expr(b, e->v.Slice.step));
        break;
    case EXPR_Name:
        ok = visit_name(b, e);
        break;
    case EXPR_List:
        ok = visit_exprs(b, &e->v.List.elts);
        break;
    case EXPR_Tuple:
        ok = visit_exprs(b, &e->v.Tuple.elts);
        break;
    }
    b->recursion--;
    return ok;
}

/* ---- the public interface ------------------------------------------------ */

SymTable *symtable_build(const AstModule *mod, const CompileSource *src, SyntaxErrorInfo *err)
{
    SymTable *st = calloc(1, sizeof *st);
    if (!st || !(st->arena = arena_new())) {
        free(st);
        compile_error_memory(err, src);
        return NULL;
    }
    SymBuilder b = {.st = st, .src = src, .err = err};
    AstPos top_pos = {0, 0, 0, 0};
    bool ok = enter_block(&b, "top", SYM_BLOCK_MODULE, mod, top_pos);
    if (ok) {
        st->top = b.cur;
        ok = visit_stmts(&b, &mod->body);
    }
    if (ok)
        ok = symtable_analyze(&b);
    if (!ok) {
        symtable_free(st);
        return NULL;
    }
    return st;
}

void symtable_free(SymTable *st)
{
    if (!st)
        return;
    if (st->top)
        entry_free(st->top);
    arena_free(st->arena);
    free(st);
}

SymEntry *symtable_child(const SymEntry *parent, const void *node)
{
    for (int i = 0; i < parent->nchildren; i++)
        if (parent->children[i]->node == node)
            return parent->children[i];
    return NULL;
}

SymScope symtable_scope(const SymEntry *ste, const char *name)
{
    int index = namemap_find(&ste->symbols, name);
    return index < 0 || !ste->scopes ? SYM_SCOPE_NONE : ste->scopes[index];
}

int symtable_flags(const SymEntry *ste, const char *name)
{
    return namemap_get(&ste->symbols, name, 0);
}

const char *symtable_mangle(AstArena *arena, const char *private_name, const char *name)
{
    /* only __names, not __dunders__ nor dotted import names */
    if (!private_name || name[0] != '_' || name[1] != '_')
        return name;
    size_t len = strlen(name);
    if ((name[len - 1] == '_' && name[len - 2] == '_') || strchr(name, '.'))
        return name;
    while (*private_name == '_')
        private_name++;
    if (!*private_name)
        return name; /* a class named only with underscores mangles nothing */
    size_t plen = strlen(private_name);
    char *mangled = arena_alloc(arena, plen + len + 2);
    if (!mangled)
        return NULL;
    mangled[0] = '_';
    memcpy(mangled + 1, private_name, plen);
    memcpy(mangled + 1 + plen, name, len + 1);
    return mangled;
}
