/* Bringing the runtime up: what must hold before any Python code runs,
 * shared by refpy's main and the unit tests that drive modules from C. */
#ifndef REFPY_RUNTIME_INIT_H
#define REFPY_RUNTIME_INIT_H

#include "object.h"

/* The GIL taken by the calling thread, the object layer, the VM's call
 * slot, warnings, sys (sys.argv from argv) and builtins, the import
 * registry. On success *sys and *builtins are new references. Returns -1
 * with a message on stderr when a step fails. */
int r_runtime_init(int argc, char **argv, RObject **sys, RObject **builtins);

#endif
