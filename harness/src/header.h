/* Reads the YAML header of a case file (between "# ---" fences) into a
 * case_t, reporting every problem as file:line:col. */
#ifndef FSPEC_HEADER_H
#define FSPEC_HEADER_H

#include "case.h"
#include "diag.h"

/* Parses text (the whole case file). Returns true when the header is
 * valid; otherwise diagnostics were added and out is freed. */
bool header_parse(const char *path, const char *id, const char *text, size_t len, case_t *out,
                  diagnostics *d);
bool header_parse_file(const char *path, const char *id, case_t *out, diagnostics *d);

/* area.topic.n: lowercase words, digits and hyphens. */
bool clause_id_valid(const char *s);

/* Known values, shared with lint and the documentation checks. */
extern const char *const header_flags[];
extern const char *const header_source_prefixes[];

#endif
