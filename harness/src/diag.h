/* Diagnostics about user input, always in the form file:line:col: message. */
#ifndef FSPEC_DIAG_H
#define FSPEC_DIAG_H

#include "util.h"

typedef struct {
    strlist messages;
} diagnostics;

void diag_add(diagnostics *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_print(const diagnostics *d, FILE *out);
void diag_free(diagnostics *d);

#endif
