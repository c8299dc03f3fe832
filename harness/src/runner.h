/* Runs case processes with libuv: each in its own session and process
 * group, stdout and stderr captured up to a cap, killed as a group at its
 * deadline, several at once. */
#ifndef FSPEC_RUNNER_H
#define FSPEC_RUNNER_H

#include "result.h"

typedef struct {
    char **argv; /* NULL-terminated */
    char **env;  /* NULL-terminated */
    const char *cwd;
    double deadline; /* seconds after spawn */
    size_t cap;      /* bytes kept per stream */
} run_spec;

/* Called on the loop thread as each run ends, in completion order. */
typedef void (*run_done_fn)(size_t index, run_result *r, void *ud);
/* Called when a run starts (for progress). May be NULL. */
typedef void (*run_start_fn)(size_t index, void *ud);

/* Runs every spec, at most parallel at a time. Returns false when SIGINT,
 * SIGTERM or SIGHUP interrupted the batch: running processes were killed
 * (their results carry interrupted) and the rest never started. */
bool run_all(const run_spec *specs, size_t n, int parallel, run_start_fn on_start,
             run_done_fn on_done, void *ud);

/* Seconds to wait for a run's pipes to close after it exited (a process
 * that escaped its group may still hold them). */
#define PIPE_GRACE_SECONDS 2.0

#endif
