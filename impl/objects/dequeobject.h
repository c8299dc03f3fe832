/* collections.deque: a ring buffer, so that taking from the front costs
 * as little as adding at the back. asyncio keeps its waiters in deques and
 * removes the first of them all the time; a list there made 100k waiters
 * quadratic. Holds what asyncio's locks and queues use, with deque's own
 * names and errors. */
#ifndef REFPY_DEQUEOBJECT_H
#define REFPY_DEQUEOBJECT_H

#include "object.h"

typedef struct {
    RObject ob;
    RObject **items; /* capacity slots, a power of two (or NULL when 0) */
    ssize_t head;    /* the slot of the first item */
    ssize_t size, capacity;
    size_t state;    /* changes with every mutation, for the iterators */
} RDeque;

extern RType r_deque_type;
#define R_DEQUE_CHECK(o) (R_TYPE(o) == &r_deque_type)
#define R_DEQUE_SIZE(o) (((RDeque *)(o))->size)

RObject *r_deque_new(void);
int r_deque_append(RObject *deque, RObject *item);
/* The first item (a new reference), or NULL with IndexError when empty. */
RObject *r_deque_popleft(RObject *deque);
/* The i-th item, borrowed; i must be in range. */
RObject *r_deque_item(RObject *deque, ssize_t i);
/* deque.remove(x): the first item equal to item; -1 with ValueError when
 * there is none. */
int r_deque_remove(RObject *deque, RObject *item);

#endif
