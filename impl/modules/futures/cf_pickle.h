/* The serialisation a process pool sends its calls and results with: the
 * runtime's own byte format, but pickle's in what it accepts and refuses
 * and in the errors it raises (CPython's Modules/_pickle.c, protocol 4 as
 * multiprocessing uses it). Functions and classes travel by reference
 * (module + qualified name, looked up again on loading), containers by
 * value with shared and recursive references kept, exceptions as
 * (type, args, __dict__), instances of plain classes as (class, __dict__),
 * anything else through a __reduce__ its class defines. */
#ifndef REFPY_CF_PICKLE_H
#define REFPY_CF_PICKLE_H

#include <stddef.h>

#include "object.h"

/* _pickle.PickleError, _pickle.PicklingError, _pickle.UnpicklingError */
extern RType *r_cf_PickleError, *r_cf_PicklingError, *r_cf_UnpicklingError;

/* Makes the error classes and the module _pickle that holds them (in
 * sys.modules, as multiprocessing's import of pickle leaves it), once. */
int r_cf_pickle_init(void);

/* pickle.dumps(obj): a bytes object, or NULL with pickle's error. */
RObject *r_cf_pickle_dumps(RObject *obj);
/* pickle.loads(data): the object, or NULL with the error loading raised. */
RObject *r_cf_pickle_loads(const char *data, size_t size);

#endif
