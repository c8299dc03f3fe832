/* Pass 2 of the symbol table: resolves each name of each scope to local,
 * global (explicit or implicit), free or cell, passing down the names that
 * enclosing functions bind and passing up the names that nested scopes
 * need from them (CPython 3.9's analyze_block and its helpers). */
#include <stdlib.h>
#include <string.h>

#include "symtable_internal.h"

/* A set of names: a NameMap whose value says whether the name is in it. */
static bool set_add(NameMap *set, const char *name)
{
    return namemap_set(set, name, 1);
}

static bool set_contains(const NameMap *set, const char *name)
{
    return set && namemap_get(set, name, 0) != 0;
}

static bool set_discard(NameMap *set, const char *name)
{
    int index = set ? namemap_find(set, name) : -1;
    if (index >= 0 && set->values[index]) {
        set->values[index] = 0;
        return true;
    }
    return false;
}

static bool set_update(NameMap *dst, const NameMap *src)
{
    for (int i = 0; i < src->count; i++)
        if (src->values[i] && !set_add(dst, src->keys[i]))
            return false;
    return true;
}

static bool fail_memory(SymBuilder *b)
{
    if (!b->failed)
        compile_error_memory(b->err, b->src);
    b->failed = true;
    return false;
}

/* A global/nonlocal error is reported at the directive that declared
 * name; fmt may leave the name out. */
static bool error_at_directive(SymBuilder *b, const SymEntry *ste, const char *fmt,
                               const char *name)
{
    int index = namemap_get(&ste->directives, name, -1);
    AstPos pos = index >= 0 ? ste->directive_pos[index] : ste->pos;
    if (!b->failed)
        compile_error_at(b->err, b->src, pos, fmt, name);
    b->failed = true;
    return false;
}

static bool analyze_name(SymBuilder *b, SymEntry *ste, int index, NameMap *bound,
                         NameMap *local, NameMap *free, NameMap *global)
{
    const char *name = ste->symbols.keys[index];
    int flags = ste->symbols.values[index];
    if (flags & SYM_DEF_GLOBAL) {
        if (flags & SYM_DEF_NONLOCAL)
            return error_at_directive(b, ste, "name '%s' is nonlocal and global", name);
        ste->scopes[index] = SYM_GLOBAL_EXPLICIT;
        if (!set_add(global, name))
            return fail_memory(b);
        set_discard(bound, name);
        return true;
    }
    if (flags & SYM_DEF_NONLOCAL) {
        if (!bound)
            return error_at_directive(b, ste, "nonlocal declaration not allowed at module level",
                                      name);
        if (!set_contains(bound, name))
            return error_at_directive(b, ste, "no binding for nonlocal '%s' found", name);
        ste->scopes[index] = SYM_FREE;
        ste->free = true;
        return set_add(free, name) || fail_memory(b);
    }
    if (flags & SYM_DEF_BOUND) {
        ste->scopes[index] = SYM_LOCAL;
        if (!set_add(local, name))
            return fail_memory(b);
        set_discard(global, name);
        return true;
    }
    /* bound in an enclosing function: free here (a non-NULL bound means
     * the scope is nested) */
    if (set_contains(bound, name)) {
        ste->scopes[index] = SYM_FREE;
        ste->free = true;
        return set_add(free, name) || fail_memory(b);
    }
    /* declared global in an enclosing scope: CPython still calls it
     * implicit */
    if (set_contains(global, name)) {
        ste->scopes[index] = SYM_GLOBAL_IMPLICIT;
        return true;
    }
    if (ste->nested)
        ste->free = true;
    ste->scopes[index] = SYM_GLOBAL_IMPLICIT;
    return true;
}

/* A local that a nested scope uses becomes a cell. */
static void analyze_cells(SymEntry *ste, NameMap *free)
{
    for (int i = 0; i < ste->symbols.count; i++)
        if (ste->scopes[i] == SYM_LOCAL && set_discard(free, ste->symbols.keys[i]))
            ste->scopes[i] = SYM_CELL;
}

/* __class__ used by a method is provided by the class body's implicit cell. */
static void drop_class_free(SymEntry *ste, NameMap *free)
{
    if (set_discard(free, "__class__"))
        ste->needs_class_closure = true;
}

/* Free names of nested scopes that this scope does not bind pass through
 * it as free names of its own (so that closures can be built). */
static bool update_symbols(SymBuilder *b, SymEntry *ste, const NameMap *bound,
                           const NameMap *free, bool is_class)
{
    for (int i = 0; i < free->count; i++) {
        if (!free->values[i])
            continue;
        const char *name = free->keys[i];
        int index = namemap_find(&ste->symbols, name);
        if (index >= 0) {
            /* a method's free name that the class also binds */
            if (is_class && (ste->symbols.values[index] & (SYM_DEF_BOUND | SYM_DEF_GLOBAL)))
                ste->symbols.values[index] |= SYM_DEF_FREE_CLASS;
            continue;
        }
        if (bound && !set_contains(bound, name))
            continue; /* a global */
        index = namemap_add(&ste->symbols, name, 0);
        if (index < 0)
            return fail_memory(b);
        SymScope *scopes = realloc(ste->scopes, (size_t)ste->symbols.cap * sizeof *scopes);
        if (!scopes)
            return fail_memory(b);
        ste->scopes = scopes;
        ste->scopes[index] = SYM_FREE;
    }
    return true;
}

static bool analyze_block(SymBuilder *b, SymEntry *ste, NameMap *bound, NameMap *free,
                          NameMap *global);

static bool analyze_child(SymBuilder *b, SymEntry *child, const NameMap *bound,
                          const NameMap *global, NameMap *child_free)
{
    NameMap temp_bound, temp_free, temp_global;
    namemap_init(&temp_bound);
    namemap_init(&temp_free);
    namemap_init(&temp_global);
    bool ok = (set_update(&temp_bound, bound) && set_update(&temp_global, global)) ||
              fail_memory(b);
    ok = ok && analyze_block(b, child, &temp_bound, &temp_free, &temp_global);
    ok = ok && (set_update(child_free, &temp_free) || fail_memory(b));
    namemap_free(&temp_bound);
    namemap_free(&temp_free);
    namemap_free(&temp_global);
    return ok;
}

static bool analyze_block(SymBuilder *b, SymEntry *ste, NameMap *bound, NameMap *free,
                          NameMap *global)
{
    NameMap local, newbound, newglobal, newfree, allfree;
    namemap_init(&local);
    namemap_init(&newbound);
    namemap_init(&newglobal);
    namemap_init(&newfree);
    namemap_init(&allfree);
    bool ok = true;
    ste->scopes = calloc((size_t)(ste->symbols.cap > 0 ? ste->symbols.cap : 1), sizeof(SymScope));
    if (!ste->scopes)
        ok = fail_memory(b);
    /* a class body binds nothing its methods can see */
    if (ok && ste->type == SYM_BLOCK_CLASS)
        ok = (set_update(&newglobal, global) && (!bound || set_update(&newbound, bound))) ||
             fail_memory(b);
    for (int i = 0; ok && i < ste->symbols.count; i++)
        ok = analyze_name(b, ste, i, bound, &local, free, global);
    if (ok && ste->type != SYM_BLOCK_CLASS)
        ok = ((ste->type != SYM_BLOCK_FUNCTION || set_update(&newbound, &local)) &&
              (!bound || set_update(&newbound, bound)) && set_update(&newglobal, global)) ||
             fail_memory(b);
    else if (ok)
        ok = set_add(&newbound, "__class__") || fail_memory(b);
    for (int i = 0; ok && i < ste->nchildren; i++) {
        SymEntry *child = ste->children[i];
        ok = analyze_child(b, child, &newbound, &newglobal, &allfree);
        if (child->free || child->child_free)
            ste->child_free = true;
    }
    ok = ok && (set_update(&newfree, &allfree) || fail_memory(b));
    if (ok) {
        if (ste->type == SYM_BLOCK_FUNCTION)
            analyze_cells(ste, &newfree);
        else if (ste->type == SYM_BLOCK_CLASS)
            drop_class_free(ste, &newfree);
        ok = update_symbols(b, ste, bound, &newfree, ste->type == SYM_BLOCK_CLASS) &&
             (set_update(free, &newfree) || fail_memory(b));
    }
    namemap_free(&local);
    namemap_free(&newbound);
    namemap_free(&newglobal);
    namemap_free(&newfree);
    namemap_free(&allfree);
    return ok;
}

bool symtable_analyze(SymBuilder *b)
{
    NameMap free, global;
    namemap_init(&free);
    namemap_init(&global);
    bool ok = analyze_block(b, b->st->top, NULL, &free, &global);
    namemap_free(&free);
    namemap_free(&global);
    return ok;
}
