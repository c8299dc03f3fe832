/* The random module (seeded Mersenne Twister draws, as CPython's). */
#ifndef REFPY_RANDOMMODULE_H
#define REFPY_RANDOMMODULE_H

#include "object.h"

RObject *r_random_module_new(void);

#endif
