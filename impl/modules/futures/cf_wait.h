/* concurrent.futures.wait and as_completed, and the waiters they install
 * in every future's _waiters (Lib/concurrent/futures/_base.py). */
#ifndef REFPY_CF_WAIT_H
#define REFPY_CF_WAIT_H

#include "object.h"

typedef enum {
    CF_WAITER_RESULT,    /* add_result */
    CF_WAITER_EXCEPTION, /* add_exception */
    CF_WAITER_CANCELLED, /* add_cancelled */
} cf_waiter_event;

/* waiter.add_result(fut) and its siblings; a waiter of another kind gets
 * the method called by name. */
int r_cf_waiter_notify(RObject *waiter, RObject *fut, cf_waiter_event ev);

/* the module functions, as r_method_def entries for concurrent.futures */
RObject *r_cf_wait(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames);
RObject *r_cf_as_completed(RObject *self, RObject *const *args, size_t nargs, RObject *kwnames);

extern RType r_cf_done_and_not_done_type; /* DoneAndNotDoneFutures */

#endif
