/* What lint needs from spec/: the clause ids (### <id> headings) and the
 * lint tables of spec/case-language.md. */
#ifndef FSPEC_SPEC_INDEX_H
#define FSPEC_SPEC_INDEX_H

#include "diag.h"

typedef struct {
    char *id;
    char *file;
    int line;
} clause;

typedef struct {
    clause *clauses;
    size_t n;
    strlist allowed_modules;
    strlist forbidden_names;
    bool has_tables;
} spec_index;

/* Reads every *.md in dir; duplicate ids and missing tables are reported. */
bool spec_index_load(const char *dir, spec_index *si, diagnostics *d);
const clause *spec_find(const spec_index *si, const char *id);
void spec_index_free(spec_index *si);

#endif
