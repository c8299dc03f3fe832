/* The os module (the part the case language admits). */
#ifndef REFPY_OSMODULE_H
#define REFPY_OSMODULE_H

#include "object.h"

RObject *r_os_module_new(void);

#endif
