/* concurrent.futures.thread: ThreadPoolExecutor and BrokenThreadPool. */
#ifndef REFPY_CF_THREAD_H
#define REFPY_CF_THREAD_H

#include "object.h"

extern RType r_cf_thread_pool_type;
extern RType *r_cf_BrokenThreadPool; /* made by the module's init */

/* The module-level state of thread.py and its exit hook; once. */
int r_cf_thread_module_init(void);

#endif
