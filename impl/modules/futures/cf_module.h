/* The import registry's initialisers for concurrent and concurrent.futures
 * (and its submodules _base, thread, process). */
#ifndef REFPY_CF_MODULE_H
#define REFPY_CF_MODULE_H

#include "object.h"

RObject *r_cf_concurrent_module_new(void);
RObject *r_cf_futures_module_new(void);
RObject *r_cf_base_module_new(void);
RObject *r_cf_thread_module_new(void);
RObject *r_cf_process_module_new(void);

#endif
