/* The os module (the part the case language admits). */
#ifndef REFPY_OSMODULE_H
#define REFPY_OSMODULE_H

#include "object.h"

RObject *r_os_module_new(void);
/* os.cpu_count(): the CPUs online; os.process_cpu_count() (3.13): those
 * this process may run on. 0 when unknown (None in Python). */
long r_os_cpu_count(void);
long r_os_process_cpu_count(void);

#endif
