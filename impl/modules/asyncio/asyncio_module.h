/* The import registry's initialiser for the asyncio package. */
#ifndef REFPY_ASYNCIO_MODULE_H
#define REFPY_ASYNCIO_MODULE_H

#include "object.h"

RObject *r_asyncio_module_new(void);

#endif
