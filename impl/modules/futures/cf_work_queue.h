/* The work queue of ThreadPoolExecutor (CPython's queue.SimpleQueue). */
#ifndef REFPY_CF_WORK_QUEUE_H
#define REFPY_CF_WORK_QUEUE_H

#include "object.h"

typedef struct CfWorkQueue CfWorkQueue;

CfWorkQueue *r_cf_work_queue_new(void);
/* put(item): never blocks */
int r_cf_work_queue_put(CfWorkQueue *q, RObject *item);
/* get_nowait(): the item (a new reference), or NULL when empty (queue.Empty) */
RObject *r_cf_work_queue_get_nowait(CfWorkQueue *q);
/* get(block=True): waits with the GIL released */
RObject *r_cf_work_queue_get(CfWorkQueue *q);

#endif
