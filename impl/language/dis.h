/* The disassembler: a code object's instructions with their names,
 * arguments, what the arguments resolve to (constants, names, jump
 * targets, operators) and their lines, in the layout of CPython's dis. */
#ifndef REFPY_LANGUAGE_DIS_H
#define REFPY_LANGUAGE_DIS_H

#include <stdbool.h>
#include <stdio.h>

#include "codeobject.h"

typedef struct DisOptions {
    bool recursive; /* also the code objects among the constants */
    bool positions; /* every instruction's line:col-end_line:end_col */
    bool header;    /* the code object's name, arguments, flags, stack size */
} DisOptions;

void dis_code(const RCode *code, const DisOptions *options, FILE *out);

/* One instruction as "OPNAME arg (meaning)", or "OPNAME" without an
 * argument that means something; the compact form the tests compare. */
void dis_instruction(const RCode *code, size_t index, char *buf, size_t size);

#endif
