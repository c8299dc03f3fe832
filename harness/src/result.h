/* What one run of a case on a target produced, raw and classified. */
#ifndef FSPEC_RESULT_H
#define FSPEC_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"

typedef struct {
    char *out, *err;           /* captured bytes, NUL-terminated */
    size_t out_len, err_len;
    size_t out_dropped, err_dropped; /* bytes past the cap, counted not kept */
    int exit_status;
    int term_signal;     /* 0 when it exited */
    bool timed_out;      /* the harness killed it at its deadline */
    bool interrupted;    /* the harness was interrupted before it finished */
    char *spawn_error;   /* the target could not be started */
    double duration;     /* seconds from spawn to exit */
    int leftovers;       /* processes of its session killed after it exited */
} run_result;

void run_result_free(run_result *r);

typedef struct {
    outcome_kind kind;
    int exit_code;
    int signal;
    double duration;
    char *exc_type;    /* raises: the type as printed */
    char *exc_message; /* raises: text after "Type: " */
    char *out_text;    /* stdout, as valid UTF-8 */
    char *err_text;    /* stderr, as valid UTF-8 */
    char *error;       /* error: why the target could not run */
    bool deadlock_reported; /* hangs: the target proved it and exited at once */
} observed;

void observed_free(observed *o);

#endif
