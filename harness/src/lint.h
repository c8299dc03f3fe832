/* Static checks that a case stays inside the case language
 * (spec/case-language.md, "Lint tables"). */
#ifndef FSPEC_LINT_H
#define FSPEC_LINT_H

#include "diag.h"
#include "spec_index.h"

/* Checks the Python source of a case (the whole file). */
bool lint_case_source(const char *path, const char *text, size_t len, const spec_index *si,
                      diagnostics *d);

#endif
