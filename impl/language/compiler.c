/* The compiler's entry points: the symbol table first, then the module's
 * unit, whose nested units are compiled as their definitions are met. */
#include "compiler.h"

#include <string.h>

#include "compile_internal.h"
#include "errors.h"
#include "parser.h"
#include "strobject.h"

RObject *compile_module(const AstModule *mod, const char *filename, const char *source,
                        size_t source_len, SyntaxErrorInfo *error)
{
    memset(error, 0, sizeof *error);
    CompileSource src = {filename ? filename : "<string>", source, source ? source_len : 0};
    Compiler c;
    memset(&c, 0, sizeof c);
    c.src = &src;
    c.err = error;
    c.filename = r_str_from_cstr(src.filename);
    c.arena = arena_new();
    if (!c.filename || !c.arena) {
        r_err_clear();
        compile_error_memory(error, &src);
        R_XDECREF(c.filename);
        arena_free(c.arena);
        return NULL;
    }
    RObject *code = NULL;
    c.st = symtable_build(mod, &src, error);
    if (c.st && compiler_enter_scope(&c, "<module>", UNIT_MODULE, mod, 1)) {
        bool ok = compiler_store_docstring(&c, &mod->body);
        for (int i = compiler_body_start(&mod->body); ok && i < mod->body.len; i++)
            ok = compiler_visit_stmt(&c, mod->body.items[i]);
        if (ok)
            code = compiler_exit_scope(&c);
        else
            compiler_abandon_scope(&c);
    }
    symtable_free(c.st);
    arena_free(c.arena);
    R_DECREF(c.filename);
    R_XDECREF(c.frozensets);
    if (!code && error->type == SYNTAX_ERROR_NONE)
        compile_error_memory(error, &src);
    return code;
}

RObject *compile_source(const char *source, size_t len, const char *filename,
                        SyntaxErrorInfo *error)
{
    AstArena *arena = arena_new();
    if (!arena) {
        CompileSource src = {filename, NULL, 0};
        compile_error_memory(error, &src);
        return NULL;
    }
    RObject *code = NULL;
    AstModule *mod = parse_module(arena, source, len, filename, error);
    if (mod)
        code = compile_module(mod, filename, source, len, error);
    arena_free(arena);
    return code;
}
