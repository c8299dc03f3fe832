#include "codeobject.h"

#include <stdlib.h>

#include "descrobject.h"
#include "errors.h"
#include "intobject.h"
#include "strobject.h"
#include "typeobject.h"

RObject *r_code_new(uint32_t *code, r_position *positions, size_t ncode, RObject *consts,
                    RObject *names, RObject *localsplusnames, int nlocals, int ncells,
                    int nfrees, int32_t *cell2arg, int argcount, int kwonlyargcount, int flags,
                    int stacksize, RObject *name, RObject *qualname, RObject *filename,
                    int firstlineno)
{
    RCode *co = (RCode *)r_alloc(&r_code_type);
    if (!co) {
        free(code);
        free(positions);
        free(cell2arg);
        return NULL;
    }
    co->code = code;
    co->positions = positions;
    co->ncode = ncode;
    co->consts = r_incref(consts);
    co->names = r_incref(names);
    co->localsplusnames = r_incref(localsplusnames);
    co->nlocals = nlocals;
    co->ncells = ncells;
    co->nfrees = nfrees;
    co->cell2arg = cell2arg;
    co->argcount = argcount;
    co->kwonlyargcount = kwonlyargcount;
    co->flags = flags;
    co->stacksize = stacksize;
    co->name = r_incref(name);
    co->qualname = r_incref(qualname);
    co->filename = r_incref(filename);
    co->firstlineno = firstlineno;
    return (RObject *)co;
}

int r_code_line(const RCode *co, int i)
{
    if (i < 0 || (size_t)i >= co->ncode)
        return co->firstlineno;
    return co->positions[i].line;
}

static void code_dealloc(RObject *o)
{
    RCode *co = (RCode *)o;
    free(co->code);
    free(co->positions);
    free(co->cell2arg);
    R_XDECREF(co->consts);
    R_XDECREF(co->names);
    R_XDECREF(co->localsplusnames);
    R_XDECREF(co->name);
    R_XDECREF(co->qualname);
    R_XDECREF(co->filename);
    r_free(o);
}

static RObject *code_repr(RObject *o)
{
    RCode *co = (RCode *)o;
    return r_str_from_format("<code object %U at %p, file \"%U\", line %d>", co->name, (void *)o,
                             co->filename, co->firstlineno);
}

static RObject *get_co_name(RObject *o)
{
    return r_incref(((RCode *)o)->name);
}

static RObject *get_co_filename(RObject *o)
{
    return r_incref(((RCode *)o)->filename);
}

static RObject *get_co_firstlineno(RObject *o)
{
    return r_int_from_i64(((RCode *)o)->firstlineno);
}

/* what Lib/asyncio's stack printing (base_tasks.py) reads of a code object */
static const r_getset_def code_getsets[] = {
    {"co_name", get_co_name, NULL},
    {"co_filename", get_co_filename, NULL},
    {"co_firstlineno", get_co_firstlineno, NULL},
    {NULL, NULL, NULL},
};

RType r_code_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "code",
    .basicsize = sizeof(RCode),
    .dealloc = code_dealloc,
    .repr = code_repr,
    .hash = NULL,
    .getsets = code_getsets,
};
