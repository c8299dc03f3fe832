/* The time module. */
#ifndef REFPY_TIMEMODULE_H
#define REFPY_TIMEMODULE_H

#include "object.h"

RObject *r_time_module_new(void);
/* time.monotonic() as a C double */
double r_time_monotonic(void);

#endif
