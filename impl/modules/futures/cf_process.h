/* concurrent.futures.process: ProcessPoolExecutor on the fork start
 * method (Lib/concurrent/futures/process.py of each CPython 3.8-3.13 and
 * the parts of Lib/multiprocessing it runs on). */
#ifndef REFPY_CF_PROCESS_H
#define REFPY_CF_PROCESS_H

#include "object.h"

extern RType r_cf_process_pool_type; /* ProcessPoolExecutor */

/* Adds ProcessPoolExecutor, BrokenProcessPool, _RemoteTraceback and the
 * module's other names to module (concurrent.futures.process), making the
 * classes and registering the exit hooks on the first call. */
int r_cf_process_module_fill(RObject *module);

#endif
