/* Runs a short command synchronously and captures its stdout: used to ask
 * a target which Python version it implements. */
#ifndef FSPEC_PROBE_H
#define FSPEC_PROBE_H

#include <stdbool.h>

/* Returns true when the command exited 0 within timeout seconds; *out gets
 * its stdout (allocated), *why a reason on failure (allocated). env may be
 * NULL for the harness's own environment. */
bool capture_command(char *const argv[], char *const env[], double timeout, char **out,
                     char **why);

#endif
