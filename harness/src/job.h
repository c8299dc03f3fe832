/* One case on one target: what was expected, what happened, the verdict.
 * Every report is written from an array of these. */
#ifndef FSPEC_JOB_H
#define FSPEC_JOB_H

#include "case.h"
#include "result.h"
#include "targets.h"

typedef enum {
    VERDICT_PASS,
    VERDICT_FAIL,
    VERDICT_SKIP,
    VERDICT_KNOWN_FAIL, /* a declared known: reported as TODO */
    VERDICT_KNOWN_PASS, /* a declared known that passed: the list can shrink */
    VERDICT_NOT_RUN,    /* the run was interrupted first */
} verdict;

const char *verdict_name(verdict v);

typedef struct {
    case_t *c;      /* NULL when the header is invalid */
    char *path;     /* the case file */
    char *id;
    char *header_errors; /* diagnostics when the header is invalid */
    target *t;
    const expectation *e;
    const known_entry *known;
    char *skip_reason;
    bool ran;
    observed o;
    run_result r;
    strlist mismatches;
    verdict v;
} job;

/* Decides the verdict of a finished (or skipped / never run) job. */
void job_judge(job *j);
void job_free(job *j);
/* "ok"/"not ok" lines need a name: "asyncio/gather-order [cpython-3.12]" */
char *job_name(const job *j);

#endif
