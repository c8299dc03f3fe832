/* The synchronisation primitives' modules: locks.py and queues.py. */
#include <string.h>

#include "aio.h"
#include "aio_sync.h"
#include "moduleobject.h"
#include "profile.h"
#include "strobject.h"
#include "typeobject.h"

static int ready_in(RType *t, const char *module)
{
    if (t->ready)
        return 0;
    t->module = r_str_intern(module);
    t->qualname = r_str_intern(t->name);
    R_INCREF(t->module);
    R_INCREF(t->qualname);
    return r_type_ready(t);
}

int aio_sync_init(RObject *locks, RObject *queues, RObject *package)
{
    (void)package;
    if (ready_in(&r_aio_lock_type, "asyncio.locks") < 0 ||
        ready_in(&r_aio_event_type, "asyncio.locks") < 0 ||
        ready_in(&r_aio_semaphore_type, "asyncio.locks") < 0 ||
        ready_in(&r_aio_bounded_semaphore_type, "asyncio.locks") < 0 ||
        ready_in(&r_aio_condition_type, "asyncio.locks") < 0)
        return -1;
    r_aio_queue_type.module = r_str_intern("asyncio.queues");
    r_aio_queue_type.qualname = r_str_intern("Queue");
    R_INCREF(r_aio_queue_type.module);
    R_INCREF(r_aio_queue_type.qualname);
    if (aio_queue_type_init() < 0)
        return -1;
    if (r_module_add_object(locks, "Lock", (RObject *)&r_aio_lock_type) < 0 ||
        r_module_add_object(locks, "Event", (RObject *)&r_aio_event_type) < 0 ||
        r_module_add_object(locks, "Semaphore", (RObject *)&r_aio_semaphore_type) < 0 ||
        r_module_add_object(locks, "BoundedSemaphore", (RObject *)&r_aio_bounded_semaphore_type) <
            0 ||
        r_module_add_object(locks, "Condition", (RObject *)&r_aio_condition_type) < 0)
        return -1;
    if (r_module_add_object(queues, "Queue", (RObject *)&r_aio_queue_type) < 0 ||
        r_module_add_object(queues, "LifoQueue", (RObject *)&r_aio_lifo_queue_type) < 0 ||
        r_module_add_object(queues, "PriorityQueue", (RObject *)&r_aio_priority_queue_type) < 0 ||
        r_module_add_object(queues, "QueueEmpty", (RObject *)r_aio_QueueEmpty) < 0 ||
        r_module_add_object(queues, "QueueFull", (RObject *)r_aio_QueueFull) < 0 ||
        (r_aio_QueueShutDown &&
         r_module_add_object(queues, "QueueShutDown", (RObject *)r_aio_QueueShutDown) < 0))
        return -1;
    return 0;
}
