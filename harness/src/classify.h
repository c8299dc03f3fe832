/* Turns a raw run into an outcome, the same way for every target. */
#ifndef FSPEC_CLASSIFY_H
#define FSPEC_CLASSIFY_H

#include "result.h"

void classify(const run_result *r, observed *o);

/* The exception line of the last top-level traceback in stderr text:
 * returns false when there is none. type and message are allocated. */
bool last_exception_line(const char *stderr_text, char **type, char **message);

/* Maps printed module paths to public ones (asyncio.exceptions.X ->
 * asyncio.X, concurrent.futures._base.X -> concurrent.futures.X, builtins.X
 * and __main__.X -> X). Allocated. */
char *normalise_type(const char *name);

#endif
