/* Turns a raw run into an outcome, the same way for every target. */
#ifndef FSPEC_CLASSIFY_H
#define FSPEC_CLASSIFY_H

#include "result.h"

/* deadlock_exit: the exit status with which the target reports that the
 * program can never go on (targets.deadlock.1), classified as a hang; 0
 * when it has none. */
void classify(const run_result *r, int deadlock_exit, observed *o);

/* The exception line of the last top-level traceback in stderr text:
 * returns false when there is none. type and message are allocated. */
bool last_exception_line(const char *stderr_text, char **type, char **message);

/* Maps printed module paths to public ones (asyncio.exceptions.X ->
 * asyncio.X, concurrent.futures._base.X -> concurrent.futures.X, builtins.X
 * and __main__.X -> X). Allocated. */
char *normalise_type(const char *name);

#endif
