/* Constants: AST constant values made into objects, and each code
 * object's co_consts with equal constants merged as CPython merges them
 * (by type and value). Tuples of constants are folded as CPython's AST
 * optimizer folds them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boolobject.h"
#include "bytesobject.h"
#include "compile_internal.h"
#include "dictobject.h"
#include "errors.h"
#include "floatobject.h"
#include "intobject.h"
#include "listobject.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- keys ----------------------------------------------------------------- */

typedef struct Key {
    char *data;
    size_t len, cap;
    bool failed;
} Key;

static void key_append(Key *k, const void *data, size_t len)
{
    if (k->failed)
        return;
    if (k->len + len > k->cap) {
        size_t cap = k->cap ? k->cap : 32;
        while (cap < k->len + len)
            cap *= 2;
        char *grown = realloc(k->data, cap);
        if (!grown) {
            k->failed = true;
            return;
        }
        k->data = grown;
        k->cap = cap;
    }
    memcpy(k->data + k->len, data, len);
    k->len += len;
}

/* Appends the key of a constant expression (a Constant or a folded tuple);
 * each part carries its length so that no two values share a key. */
static void key_of_expr(Key *k, const AstExpr *e)
{
    char head[48];
    if (e->kind == EXPR_Tuple) {
        snprintf(head, sizeof head, "t%d(", e->v.Tuple.elts.len);
        key_append(k, head, strlen(head));
        for (int i = 0; i < e->v.Tuple.elts.len; i++)
            key_of_expr(k, e->v.Tuple.elts.items[i]);
        key_append(k, ")", 1);
        return;
    }
    const AstConstant *v = &e->v.Constant.value;
    int64_t small;
    switch (v->kind) {
    case AST_CONST_NONE:
        key_append(k, "N", 1);
        return;
    case AST_CONST_TRUE:
        key_append(k, "T", 1);
        return;
    case AST_CONST_FALSE:
        key_append(k, "F", 1);
        return;
    case AST_CONST_ELLIPSIS:
        key_append(k, "E", 1);
        return;
    case AST_CONST_INT:
        if (ast_constant_int_to_int64(v, &small)) {
            snprintf(head, sizeof head, "i%lld;", (long long)small);
            key_append(k, head, strlen(head));
        } else {
            snprintf(head, sizeof head, "I%d:%zu:", v->int_base, strlen(v->int_digits));
            key_append(k, head, strlen(head));
            key_append(k, v->int_digits, strlen(v->int_digits));
        }
        return;
    case AST_CONST_FLOAT:
        key_append(k, "f", 1);
        key_append(k, &v->float_value, sizeof v->float_value);
        return;
    case AST_CONST_STR:
    case AST_CONST_BYTES:
        snprintf(head, sizeof head, "%c%zu:", v->kind == AST_CONST_STR ? 's' : 'b', v->size);
        key_append(k, head, strlen(head));
        key_append(k, v->bytes, v->size);
        return;
    }
}

/* ---- objects --------------------------------------------------------------- */

static RObject *int_object(const AstConstant *v)
{
    int64_t small;
    if (ast_constant_int_to_int64(v, &small))
        return r_int_from_i64(small);
    return r_int_from_string(v->int_digits, v->int_base);
}

static RObject *constant_object(const AstConstant *v)
{
    switch (v->kind) {
    case AST_CONST_NONE:
        return r_incref(R_NONE);
    case AST_CONST_TRUE:
        return r_bool_from_long(1);
    case AST_CONST_FALSE:
        return r_bool_from_long(0);
    case AST_CONST_ELLIPSIS:
        return r_incref(&r_ellipsis_object);
    case AST_CONST_INT:
        return int_object(v);
    case AST_CONST_FLOAT:
        return r_float_from_double(v->float_value);
    case AST_CONST_STR:
        return r_str_from_utf8(v->bytes, v->size);
    case AST_CONST_BYTES:
        return r_bytes_from_data(v->bytes, v->size);
    }
    return NULL;
}

static RObject *expr_object(const AstExpr *e)
{
    if (e->kind != EXPR_Tuple)
        return constant_object(&e->v.Constant.value);
    int n = e->v.Tuple.elts.len;
    RObject *t = r_tuple_new(n);
    if (!t)
        return NULL;
    for (int i = 0; i < n; i++) {
        RObject *item = expr_object(e->v.Tuple.elts.items[i]);
        if (!item) {
            /* fill the rest so that the tuple can be released */
            for (int j = i; j < n; j++)
                R_TUPLE_ITEMS(t)[j] = r_incref(R_NONE);
            R_DECREF(t);
            return NULL;
        }
        R_TUPLE_ITEMS(t)[i] = item;
    }
    return t;
}

/* ---- the table ----------------------------------------------------------------- */

void compiler_free_consts(CompileUnit *u)
{
    for (int i = 0; i < u->nconsts; i++) {
        free(u->consts[i].key);
        R_XDECREF(u->consts[i].value);
    }
    free(u->consts);
    u->consts = NULL;
    u->nconsts = u->consts_cap = 0;
}

static int find_const(const CompileUnit *u, const char *key, size_t key_len)
{
    for (int i = 0; i < u->nconsts; i++)
        if (u->consts[i].key_len == key_len && memcmp(u->consts[i].key, key, key_len) == 0)
            return i;
    return -1;
}

/* Steals value (even on failure). */
int compiler_add_const(Compiler *c, const char *key, size_t key_len, RObject *value)
{
    CompileUnit *u = c->u;
    int found = find_const(u, key, key_len);
    if (found >= 0) {
        R_DECREF(value);
        return found;
    }
    if (u->nconsts == u->consts_cap) {
        int cap = u->consts_cap ? u->consts_cap * 2 : 16;
        ConstEntry *consts = realloc(u->consts, (size_t)cap * sizeof *consts);
        if (!consts) {
            R_DECREF(value);
            compiler_memory_error(c);
            return -1;
        }
        u->consts = consts;
        u->consts_cap = cap;
    }
    char *copy = malloc(key_len ? key_len : 1);
    if (!copy) {
        R_DECREF(value);
        compiler_memory_error(c);
        return -1;
    }
    memcpy(copy, key, key_len);
    u->consts[u->nconsts].key = copy;
    u->consts[u->nconsts].key_len = key_len;
    u->consts[u->nconsts].value = value;
    return u->nconsts++;
}

static bool load_keyed(Compiler *c, Key *k, RObject *value)
{
    if (k->failed) {
        free(k->data);
        R_XDECREF(value);
        return compiler_memory_error(c);
    }
    if (!value) {
        free(k->data);
        return compiler_object_error(c);
    }
    int index = compiler_add_const(c, k->data, k->len, value);
    free(k->data);
    return index >= 0 && compiler_addop(c, OP_LOAD_CONST, index);
}

bool compiler_load_folded(Compiler *c, const AstExpr *e)
{
    if (c->dead)
        return true;
    Key k = {0};
    key_of_expr(&k, e);
    if (k.failed) {
        free(k.data);
        return compiler_memory_error(c);
    }
    return load_keyed(c, &k, expr_object(e));
}

/* CPython's constant key of a frozenset (_PyCode_ConstantKey): the keys
 * of the items the set kept, in no order. Each item here is keyed by its
 * type and repr (False and 0, 1 and 1.0 stay apart, as there), and the
 * keys are sorted. */
static RObject *frozenset_key(RObject *set)
{
    RObject *keys = r_list_new(0);
    RObject *it = keys ? r_get_iter(set) : NULL, *item;
    while (it && (item = r_iter_next(it))) {
        RObject *rep = r_repr(item);
        RObject *k = rep ? r_str_from_format("%s:%U", R_TYPE(item)->name, rep) : NULL;
        int rc = k ? r_list_append(keys, k) : -1;
        R_XDECREF(k);
        R_XDECREF(rep);
        R_DECREF(item);
        if (rc < 0)
            break;
    }
    R_XDECREF(it);
    RObject *sep = keys ? r_str_from_cstr("\n") : NULL;
    RObject *joined = NULL;
    if (!r_err_occurred() && sep && r_list_sort(keys, NULL, false) == 0)
        joined = r_str_join(sep, keys);
    R_XDECREF(sep);
    R_XDECREF(keys);
    return joined;
}

bool compiler_load_frozenset(Compiler *c, const AstExpr *folded_tuple)
{
    if (c->dead)
        return true;
    /* the set the display's items make, then the module's first set equal
     * to it by constant key, or else this one made again from its own
     * iteration order, as merge_consts_recursive re-creates a frozenset */
    RObject *items = expr_object(folded_tuple);
    RObject *first = items ? r_frozenset_new(items) : NULL;
    RObject *name = first ? frozenset_key(first) : NULL;
    RObject *set = NULL;
    if (name && (c->frozensets || (c->frozensets = r_dict_new()))) {
        set = r_dict_get_item(c->frozensets, name);
        if (set) {
            R_INCREF(set);
        } else {
            RObject *ordered = r_sequence_tuple(first);
            set = ordered ? r_frozenset_new(ordered) : NULL;
            R_XDECREF(ordered);
            if (set && r_dict_set_item(c->frozensets, name, set) < 0)
                R_CLEAR(set);
        }
    }
    Key k = {0};
    key_append(&k, "frozenset", 9); /* never the key of a tuple */
    if (name)
        key_append(&k, r_str_utf8(name), (size_t)r_str_size(name));
    R_XDECREF(items);
    R_XDECREF(first);
    R_XDECREF(name);
    return load_keyed(c, &k, set);
}

bool compiler_load_const(Compiler *c, const AstConstant *constant)
{
    AstExpr e;
    memset(&e, 0, sizeof e);
    e.kind = EXPR_Constant;
    e.v.Constant.value = *constant;
    return compiler_load_folded(c, &e);
}

bool compiler_load_none(Compiler *c)
{
    AstConstant none = {.kind = AST_CONST_NONE};
    return compiler_load_const(c, &none);
}

bool compiler_add_docstring_const(Compiler *c, const AstExpr *given)
{
    AstExpr stored;
    char *cleaned;
    if (!compiler_docstring_as_stored(given, &stored, &cleaned))
        return compiler_memory_error(c);
    const AstExpr *doc = &stored;
    Key k = {0};
    key_of_expr(&k, doc);
    if (k.failed) {
        free(k.data);
        free(cleaned);
        return compiler_memory_error(c);
    }
    RObject *value = expr_object(doc);
    free(cleaned);
    if (!value) {
        free(k.data);
        return compiler_object_error(c);
    }
    int index = compiler_add_const(c, k.data, k.len, value);
    free(k.data);
    return index >= 0;
}

bool compiler_add_none_const(Compiler *c)
{
    return compiler_add_const(c, "N", 1, r_incref(R_NONE)) >= 0;
}

bool compiler_load_str(Compiler *c, const char *text)
{
    AstConstant s = {.kind = AST_CONST_STR, .bytes = text, .size = strlen(text)};
    return compiler_load_const(c, &s);
}

bool compiler_load_int(Compiler *c, int64_t value)
{
    if (c->dead)
        return true;
    Key k = {0};
    char head[32];
    snprintf(head, sizeof head, "i%lld;", (long long)value);
    key_append(&k, head, strlen(head));
    return load_keyed(c, &k, r_int_from_i64(value));
}

bool compiler_load_name_tuple(Compiler *c, const char *const *names, int n)
{
    if (c->dead)
        return true;
    Key k = {0};
    char head[32];
    snprintf(head, sizeof head, "t%d(", n);
    key_append(&k, head, strlen(head));
    RObject *t = r_tuple_new(n);
    bool interned = true;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        snprintf(head, sizeof head, "s%zu:", len);
        key_append(&k, head, strlen(head));
        key_append(&k, names[i], len);
        if (t) {
            RObject *s = interned ? r_str_intern(names[i]) : NULL;
            interned = s != NULL;
            R_TUPLE_ITEMS(t)[i] = r_incref(s ? s : R_NONE);
        }
    }
    key_append(&k, ")", 1);
    if (t && !interned)
        R_CLEAR(t); /* load_keyed reports the exception */
    return load_keyed(c, &k, t);
}

bool compiler_load_code(Compiler *c, RObject *code)
{
    if (c->dead) {
        R_DECREF(code);
        return true;
    }
    /* code objects are never merged */
    char key[32];
    snprintf(key, sizeof key, "c%p", (void *)code);
    int index = compiler_add_const(c, key, strlen(key), code);
    return index >= 0 && compiler_addop(c, OP_LOAD_CONST, index);
}

bool compiler_is_constant(const AstExpr *e)
{
    if (e->kind == EXPR_Constant)
        return true;
    if (e->kind != EXPR_Tuple || e->v.Tuple.ctx != AST_Load)
        return false;
    for (int i = 0; i < e->v.Tuple.elts.len; i++)
        if (!compiler_is_constant(e->v.Tuple.elts.items[i]))
            return false;
    return true;
}

const char *compiler_constant_str(const AstExpr *e)
{
    if (e->kind == EXPR_Constant && e->v.Constant.value.kind == AST_CONST_STR)
        return e->v.Constant.value.bytes;
    return NULL;
}
