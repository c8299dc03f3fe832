/* Compilation units (one per code object), the instructions they collect,
 * name resolution to the right load/store opcode, the fblock stack and
 * error reporting (CPython 3.9's compiler_enter_scope, compiler_nameop,
 * compiler_set_qualname, compiler_push_fblock). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_internal.h"
#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "strobject.h"

/* ---- errors ----------------------------------------------------------- */

bool compiler_error_at(Compiler *c, AstPos pos, const char *msg)
{
    if (!c->failed)
        compile_error_at(c->err, c->src, pos, "%s", msg);
    c->failed = true;
    return false;
}

bool compiler_error(Compiler *c, const char *fmt, ...)
{
    char msg[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(msg, sizeof msg, fmt, args);
    va_end(args);
    r_position loc = c->u->loc;
    AstPos pos = {loc.line, loc.col, loc.end_line, loc.end_col};
    return compiler_error_at(c, pos, msg);
}

bool compiler_memory_error(Compiler *c)
{
    if (!c->failed)
        compile_error_memory(c->err, c->src);
    c->failed = true;
    return false;
}

bool compiler_object_error(Compiler *c)
{
    /* a constant the object layer refuses (an int literal past the str
     * conversion limit) is a SyntaxError with the exception's message, as
     * in CPython 3.11+ */
    RObject *exc = r_err_fetch();
    RObject *text = exc && !r_typecheck(exc, r_exc_MemoryError) ? r_str(exc) : NULL;
    bool ok = text ? compiler_error(c, "%s", r_str_utf8(text)) : compiler_memory_error(c);
    r_err_clear();
    R_XDECREF(text);
    R_XDECREF(exc);
    return ok;
}

/* ---- names -------------------------------------------------------------- */

const char *compiler_mangle(Compiler *c, const char *name)
{
    const char *mangled = symtable_mangle(c->arena, c->u->private_name, name);
    if (!mangled)
        compiler_memory_error(c);
    return mangled;
}

SymScope compiler_scope_of(Compiler *c, const char *mangled)
{
    return symtable_scope(c->u->ste, mangled);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of ste resolved to scope (or flagged with flag), sorted: the
 * order CPython gives co_cellvars and co_freevars. */
static bool add_sorted_names(Compiler *c, NameMap *dst, const SymEntry *ste, SymScope scope,
                             int flag)
{
    int n = 0;
    const char **names = malloc((size_t)(ste->symbols.count + 1) * sizeof *names);
    if (!names)
        return compiler_memory_error(c);
    for (int i = 0; i < ste->symbols.count; i++)
        if (ste->scopes[i] == scope || (ste->symbols.values[i] & flag))
            names[n++] = ste->symbols.keys[i];
    qsort(names, (size_t)n, sizeof *names, compare_names);
    bool ok = true;
    for (int i = 0; i < n && ok; i++)
        ok = namemap_add(dst, names[i], 0) >= 0;
    free(names);
    return ok || compiler_memory_error(c);
}

static char *concat3(const char *a, const char *b, const char *d)
{
    size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
    char *s = malloc(la + lb + ld + 1);
    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb);
        memcpy(s + la + lb, d, ld + 1);
    }
    return s;
}

/* CPython's compiler_set_qualname: `f.<locals>.g`, `C.m`, or the bare
 * name at module level or for a function declared global. */
static bool set_qualname(Compiler *c, CompileUnit *u)
{
    CompileUnit *parent = u->parent;
    const char *base = NULL;
    bool locals = false;
    if (parent && parent->scope != UNIT_MODULE) {
        bool force_global = false;
        if (u->scope == UNIT_FUNCTION || u->scope == UNIT_ASYNC_FUNCTION ||
            u->scope == UNIT_CLASS) {
            const char *mangled = symtable_mangle(c->arena, parent->private_name, u->name);
            if (!mangled)
                return compiler_memory_error(c);
            force_global = symtable_scope(parent->ste, mangled) == SYM_GLOBAL_EXPLICIT;
        }
        if (!force_global) {
            base = parent->qualname;
            locals = parent->scope == UNIT_FUNCTION || parent->scope == UNIT_ASYNC_FUNCTION ||
                     parent->scope == UNIT_LAMBDA;
        }
    }
    if (base) {
        char *prefix = concat3(base, locals ? ".<locals>" : "", ".");
        u->qualname = prefix ? concat3(prefix, u->name, "") : NULL;
        free(prefix);
    } else {
        u->qualname = concat3(u->name, "", "");
    }
    return u->qualname || compiler_memory_error(c);
}

static void unit_free(CompileUnit *u)
{
    free(u->instrs);
    free(u->labels);
    free(u->qualname);
    compiler_free_consts(u);
    namemap_free(&u->names);
    namemap_free(&u->varnames);
    namemap_free(&u->cellvars);
    namemap_free(&u->freevars);
    free(u);
}

bool compiler_enter_scope(Compiler *c, const char *name, UnitScope scope, const void *node,
                          int firstlineno)
{
    CompileUnit *u = calloc(1, sizeof *u);
    if (!u)
        return compiler_memory_error(c);
    u->parent = c->u;
    u->scope = scope;
    u->name = name;
    u->firstlineno = firstlineno;
    u->ste = c->u ? symtable_child(c->u->ste, node) : c->st->top;
    namemap_init(&u->names);
    namemap_init(&u->varnames);
    namemap_init(&u->cellvars);
    namemap_init(&u->freevars);
    /* nested functions keep mangling with their class's name */
    u->private_name = c->u ? c->u->private_name : NULL;
    r_position start = {firstlineno, firstlineno, 0, 0};
    u->loc = start;
    c->u = u;
    if (!u->ste) {
        compiler_error(c, "internal error: no symbol table entry for '%s'", name);
        compiler_abandon_scope(c);
        return false;
    }
    bool ok = true;
    const NameMap *params = &u->ste->params;
    for (int i = 0; ok && i < params->count; i++)
        ok = namemap_add(&u->varnames, params->keys[i], 0) >= 0 || compiler_memory_error(c);
    if (ok && u->ste->needs_class_closure)
        ok = namemap_add(&u->cellvars, "__class__", 0) >= 0 || compiler_memory_error(c);
    ok = ok && add_sorted_names(c, &u->cellvars, u->ste, SYM_CELL, 0) &&
         add_sorted_names(c, &u->freevars, u->ste, SYM_FREE, SYM_DEF_FREE_CLASS) &&
         set_qualname(c, u);
    /* generators and coroutines start with GEN_START (CPython 3.10's
     * prefix): 0 generator, 1 coroutine, 2 async generator */
    const SymEntry *ste = u->ste;
    if (ok && ste->type == SYM_BLOCK_FUNCTION && (ste->generator || ste->coroutine))
        ok = compiler_addop(c, OP_GEN_START,
                            ste->generator && ste->coroutine ? 2 : ste->coroutine ? 1 : 0);
    if (!ok) {
        compiler_abandon_scope(c);
        return false;
    }
    return true;
}

RObject *compiler_exit_scope(Compiler *c)
{
    CompileUnit *u = c->u;
    RObject *code = compiler_assemble(c, u);
    c->u = u->parent;
    unit_free(u);
    return code;
}

void compiler_abandon_scope(Compiler *c)
{
    CompileUnit *u = c->u;
    c->u = u->parent;
    unit_free(u);
}

/* ---- emission ------------------------------------------------------------- */

static bool emit(Compiler *c, int op, int arg, bool artificial)
{
    CompileUnit *u = c->u;
    if (c->dead)
        return true;
    if (arg < 0 || arg >= (1 << 24))
        return compiler_error(c, "internal error: argument %d of %s out of range", arg,
                              r_opcode_names[op]);
    if (u->ninstrs == u->instrs_cap) {
        int cap = u->instrs_cap ? u->instrs_cap * 2 : 64;
        Instr *instrs = realloc(u->instrs, (size_t)cap * sizeof *instrs);
        if (!instrs)
            return compiler_memory_error(c);
        u->instrs = instrs;
        u->instrs_cap = cap;
    }
    Instr *in = &u->instrs[u->ninstrs++];
    in->op = op;
    in->arg = arg;
    in->pos = u->loc;
    if (artificial)
        in->pos.line = -1;
    return true;
}

bool compiler_addop(Compiler *c, int op, int arg)
{
    return emit(c, op, arg, false);
}

bool compiler_addop_artificial(Compiler *c, int op, int arg)
{
    return emit(c, op, arg, true);
}

bool compiler_addop_jump(Compiler *c, int op, int label)
{
    return emit(c, op, label, false);
}

bool compiler_addop_name_raw(Compiler *c, int op, const char *name)
{
    if (c->dead)
        return true;
    int index = namemap_add(&c->u->names, name, 0);
    if (index < 0)
        return compiler_memory_error(c);
    return compiler_addop(c, op, index);
}

bool compiler_addop_name(Compiler *c, int op, const char *name)
{
    const char *mangled = compiler_mangle(c, name);
    return mangled && compiler_addop_name_raw(c, op, mangled);
}

int compiler_new_label(Compiler *c)
{
    CompileUnit *u = c->u;
    if (u->nlabels == u->labels_cap) {
        int cap = u->labels_cap ? u->labels_cap * 2 : 32;
        int *labels = realloc(u->labels, (size_t)cap * sizeof *labels);
        if (!labels) {
            compiler_memory_error(c);
            return -1;
        }
        u->labels = labels;
        u->labels_cap = cap;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

bool compiler_use_label(Compiler *c, int label)
{
    if (label < 0)
        return false;
    if (!c->dead)
        c->u->labels[label] = c->u->ninstrs;
    return true;
}

void compiler_loc_match_attr(Compiler *c, const AstExpr *attr)
{
    r_position *loc = &c->u->loc;
    if (!r_attribute_on_its_own_line() || loc->line == attr->pos.end_lineno)
        return;
    loc->line = attr->pos.end_lineno;
    int len = (int)strlen(attr->v.Attribute.attr);
    if (len <= attr->pos.end_col_offset) {
        loc->col = attr->pos.end_col_offset - len;
    } else {
        loc->col = -1;
        loc->end_col = -1;
    }
    if (loc->end_line < loc->line)
        loc->end_line = loc->line;
    if (loc->line == loc->end_line && loc->end_col < loc->col)
        loc->end_col = loc->col;
}

/* CPython's compiler_nameop: the opcode family follows the name's scope
 * (fast locals in functions, cells and frees by DEREF, globals, and the
 * NAME opcodes of module and class bodies). */
bool compiler_nameop(Compiler *c, const char *name, AstExprContext ctx)
{
    enum { OP_KIND_NAME, OP_KIND_FAST, OP_KIND_DEREF, OP_KIND_GLOBAL } kind = OP_KIND_NAME;
    const char *mangled = compiler_mangle(c, name);
    if (!mangled)
        return false;
    CompileUnit *u = c->u;
    bool is_function = u->ste->type == SYM_BLOCK_FUNCTION;
    int deref_index = -1;
    switch (compiler_scope_of(c, mangled)) {
    case SYM_FREE:
        kind = OP_KIND_DEREF;
        deref_index = namemap_find(&u->freevars, mangled);
        if (deref_index >= 0)
            deref_index += u->cellvars.count;
        break;
    case SYM_CELL:
        kind = OP_KIND_DEREF;
        deref_index = namemap_find(&u->cellvars, mangled);
        break;
    case SYM_LOCAL:
        if (is_function)
            kind = OP_KIND_FAST;
        break;
    case SYM_GLOBAL_IMPLICIT:
        if (is_function)
            kind = OP_KIND_GLOBAL;
        break;
    case SYM_GLOBAL_EXPLICIT:
        kind = OP_KIND_GLOBAL;
        break;
    case SYM_SCOPE_NONE:
        break;
    }
    static const int ops[4][3] = {
        {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME},
        {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST},
        {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
        {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL},
    };
    int op = ops[kind][ctx == AST_Load ? 0 : ctx == AST_Store ? 1 : 2];
    switch (kind) {
    case OP_KIND_DEREF:
        if (deref_index < 0)
            return compiler_error(c, "internal error: no cell for '%s'", mangled);
        return compiler_addop(c, op, deref_index);
    case OP_KIND_FAST: {
        if (c->dead)
            return true;
        int index = namemap_add(&u->varnames, mangled, 0);
        if (index < 0)
            return compiler_memory_error(c);
        return compiler_addop(c, op, index);
    }
    default:
        return compiler_addop_name_raw(c, op, mangled);
    }
}

/* ---- fblocks ---------------------------------------------------------------- */

bool compiler_push_fblock(Compiler *c, FBlock fb)
{
    CompileUnit *u = c->u;
    if (u->nfblocks >= COMPILE_MAX_FBLOCKS)
        return compiler_error(c, "too many statically nested blocks");
    u->fblocks[u->nfblocks++] = fb;
    return true;
}

void compiler_pop_fblock(Compiler *c)
{
    c->u->nfblocks--;
}
