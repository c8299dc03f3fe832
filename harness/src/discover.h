/* Finds case files under the given paths and names them by id. */
#ifndef FSPEC_DISCOVER_H
#define FSPEC_DISCOVER_H

#include "case.h"
#include "diag.h"

/* Appends every *.py under paths (files as given, directories
 * recursively), sorted and without duplicates. A path that does not exist
 * is reported. */
bool discover_files(char *const *paths, size_t npaths, strlist *out, diagnostics *d);

/* "cases/asyncio/gather-order.py" -> "asyncio/gather-order": the path
 * after its last "cases" directory, without ".py". Allocated. */
char *case_id_for(const char *path);

typedef struct {
    strlist clauses; /* a clause or a prefix of one ("interop.wait") */
    strlist flags;
    strlist globs; /* fnmatch on the case id */
} case_filter;

bool filter_accepts(const case_filter *f, const case_t *c);

#endif
