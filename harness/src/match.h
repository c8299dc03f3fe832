/* Compares what a run did with what its case declares. */
#ifndef FSPEC_MATCH_H
#define FSPEC_MATCH_H

#include "case.h"
#include "result.h"

/* Each failed check adds one human-readable line to mismatches; returns
 * true when there are none. case_path locates warnings' `line:` checks. */
bool match_expectation(const expectation *e, const observed *o, const char *case_path,
                       strlist *mismatches);
bool match_output(const matcher_set *m, const char *stream, const char *text,
                  strlist *mismatches);
bool match_warnings(const expectation *e, const char *stderr_text, const char *case_path,
                    strlist *mismatches);
/* One line describing an observed outcome, e.g. "raises TypeError: msg". */
char *describe_observed(const observed *o);
char *describe_expected(const expectation *e);

#endif
