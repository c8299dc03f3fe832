/* locks.py and queues.py (aio_locks.c, aio_queues.c): what the waiting
 * primitives (as_completed's Queue) and the module need. */
#ifndef REFPY_AIO_SYNC_H
#define REFPY_AIO_SYNC_H

#include "object.h"

extern RType r_aio_lock_type, r_aio_event_type, r_aio_semaphore_type,
    r_aio_bounded_semaphore_type, r_aio_queue_type, r_aio_lifo_queue_type,
    r_aio_priority_queue_type, r_aio_condition_type;

/* The loop of a primitive: 3.8/3.9 take it when made (loop= warns),
 * 3.10+ take the running loop on first use (_LoopBoundMixin). */
int aio_bind_loop_when_made(const char *cls, RObject *loop_arg, RObject **slot);
RObject *aio_get_bound_loop(RObject *self, RObject **slot);
RObject *aio_bound_create_future(RObject *self, RObject **slot);

/* _ContextManagerMixin's __aenter__ (await self.acquire()) and
 * __aexit__ (self.release()), as methods of any primitive */
RObject *aio_cm_aenter(RObject *self, RObject *const *args, size_t nargs, RObject *kw);
RObject *aio_cm_aexit(RObject *self, RObject *const *args, size_t nargs, RObject *kw);
/* super().__repr__()[1:-1] and ", waiters:N", for the primitives' reprs */
RObject *aio_object_repr_inner(RObject *self);
RObject *aio_waiters_suffix(RObject *waiters);

RObject *aio_event_new(RObject *loop_arg);
int aio_event_set(RObject *event);
void aio_event_clear(RObject *event);
RObject *aio_event_wait(RObject *event); /* a coroutine */

/* Queue(); put_nowait; get() (a coroutine) */
RObject *aio_queue_new(RObject *loop_arg);
int aio_queue_put_nowait(RObject *queue, RObject *item);
RObject *aio_queue_get(RObject *queue);
int aio_queue_type_init(void);

#endif
