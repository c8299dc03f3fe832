/* Code objects: the compiled form of a module, class body or function,
 * and the instruction set the VM runs. Instructions are 32-bit words: the
 * opcode in the low 8 bits, its argument in the high 24. */
#ifndef REFPY_CODEOBJECT_H
#define REFPY_CODEOBJECT_H

#include "object.h"

#define R_OP(word) ((int)((word) & 0xff))
#define R_ARG(word) ((uint32_t)(word) >> 8)
#define R_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))

/* Where an instruction comes from, as CPython's co_positions(): lines from
 * 1, columns as 0-based UTF-8 byte offsets. */
typedef struct {
    int32_t line, end_line, col, end_col;
} r_position;

enum {
    R_CO_OPTIMIZED = 1 << 0,   /* locals live in fast slots (functions) */
    R_CO_NEWLOCALS = 1 << 1,
    R_CO_VARARGS = 1 << 2,
    R_CO_VARKEYWORDS = 1 << 3,
    R_CO_NESTED = 1 << 4,
    R_CO_GENERATOR = 1 << 5,
    R_CO_COROUTINE = 1 << 7,
    R_CO_ITERABLE_COROUTINE = 1 << 8, /* a generator usable with await */
    R_CO_ASYNC_GENERATOR = 1 << 9,
};

typedef struct {
    RObject ob;
    uint32_t *code;
    r_position *positions; /* one per instruction */
    size_t ncode;
    RObject *consts;          /* tuple */
    RObject *names;           /* tuple of str: globals, attributes, imports */
    RObject *localsplusnames; /* tuple of str: locals (arguments first), cells, frees */
    int nlocals, ncells, nfrees;
    int32_t *cell2arg;        /* for each cell, the argument it starts from, or -1 */
    int argcount, kwonlyargcount;
    int flags;
    int stacksize;
    int maxblocks; /* the deepest block stack a frame of it can need (0 unless the compiler says) */
    RObject *name, *qualname, *filename;
    int firstlineno;
} RCode;

extern RType r_code_type;

/* Takes ownership of code, positions and cell2arg (malloc'd); the objects
 * are borrowed. */
RObject *r_code_new(uint32_t *code, r_position *positions, size_t ncode, RObject *consts,
                    RObject *names, RObject *localsplusnames, int nlocals, int ncells,
                    int nfrees, int32_t *cell2arg, int argcount, int kwonlyargcount, int flags,
                    int stacksize, RObject *name, RObject *qualname, RObject *filename,
                    int firstlineno);
/* The line of instruction index i (CPython's PyCode_Addr2Line). */
int r_code_line(const RCode *co, int i);

#endif
