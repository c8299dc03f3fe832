/* The report writers: TAP (for prove), JUnit, JSON and an HTML matrix. */
#ifndef FSPEC_REPORT_H
#define FSPEC_REPORT_H

#include <stdio.h>

#include "job.h"

/* TAP version 13 as Debian's prove (Test::Harness 3.44) reads it. */
void tap_plan(FILE *f, size_t count);
void tap_point(FILE *f, size_t number, const job *j, const char *indent);
/* TAP version 14 with one subtest per target, for consumers that want it. */
void tap_write_subtests(FILE *f, job *const *jobs, size_t n, target *const *targets,
                        size_t ntargets);

void junit_write(FILE *f, job *const *jobs, size_t n, target *const *targets, size_t ntargets);

typedef struct {
    double started_wall; /* time(NULL) at the start */
    double duration;
    bool interrupted;
    const char *root;
} run_info;

bool json_write(const char *path, job *const *jobs, size_t n, target *const *targets,
                size_t ntargets, const run_info *info);
void html_write(FILE *f, job *const *jobs, size_t n, target *const *targets, size_t ntargets,
                const run_info *info);

/* The YAML-safe, prove-safe double-quoted form of s (allocated). */
char *tap_quote(const char *s);

#endif
