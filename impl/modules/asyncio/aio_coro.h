/* Coroutines written in C: the `async def` functions of Lib/asyncio
 * (sleep, wait, wait_for, Lock.acquire, ...) transliterated into state
 * machines. The object behaves as a coroutine object does: type name
 * "coroutine", send/throw/close with yield-from delegation to what it
 * awaits, "cannot reuse already awaited coroutine", and the never-awaited
 * RuntimeWarning when it dies unstarted. asyncio.iscoroutine() accepts it,
 * so a Task drives it exactly as it drives a Python coroutine.
 *
 * A coroutine's body is a step function called with the outcome of the
 * last suspension (the value sent or returned by the awaited object, or an
 * exception raised there) and the label it stopped at (c->state); it says
 * what to do next: await an object, yield a value (a bare `yield` yields
 * None), return, or raise. Its locals live in the struct that extends
 * AioCoro. */
#ifndef REFPY_AIO_CORO_H
#define REFPY_AIO_CORO_H

#include <stdbool.h>
#include <stddef.h>

#include "object.h"

typedef struct AioCoro AioCoro;

typedef enum {
    AIO_AWAIT,  /* *out: the awaitable to await (stolen) */
    AIO_YIELD,  /* *out: the value to yield (stolen) */
    AIO_RETURN, /* *out: the return value (stolen) */
    AIO_RAISE,  /* an exception is set */
} aio_step;

/* exc: NULL when resumed normally with value (borrowed; None at the
 * start), else the exception raised at the suspension point (borrowed;
 * the step re-raises it with r_err_restore(r_incref(exc)) to let it
 * propagate). */
typedef aio_step (*aio_step_fn)(AioCoro *c, RObject *value, RObject *exc, RObject **out);

typedef struct {
    const char *name;     /* __name__ */
    const char *qualname; /* __qualname__, as CPython's function's */
    size_t size;          /* of the struct extending AioCoro */
    aio_step_fn step;
    /* the locals that are references: that many object pointers (NULL or
     * owned) right after the base of the extending struct, visited by the
     * collector and released when the coroutine finishes (AIO_CORO_REFS) */
    size_t nrefs;
    /* where CPython defines it (an aio_source of aio.h), for reprs */
    const void *source;
} aio_coro_def;

struct AioCoro {
    RObject ob;
    const aio_coro_def *def;
    int state;          /* the step's label: 0 before the first step */
    bool started, finished, running;
    RObject *awaiting;  /* the iterator an await is driving, or NULL */
};

/* nrefs for a struct whose references run from just after the base to
 * field last */
#define AIO_CORO_REFS(type, last) \
    ((offsetof(type, last) - sizeof(AioCoro)) / sizeof(RObject *) + 1)

extern RType r_aio_coro_type;

#define AIO_CORO_CHECK(o) (R_TYPE(o) == &r_aio_coro_type)

/* A new coroutine object (locals zeroed) for the caller to fill in. */
AioCoro *aio_coro_new(const aio_coro_def *def);

typedef enum { AIO_SEND_NEXT, AIO_SEND_RETURN, AIO_SEND_ERROR } aio_send_status;
/* send(value), or throw(exc) when exc is not NULL (borrowed): the same
 * protocol as r_gen_send. */
aio_send_status aio_coro_send(AioCoro *c, RObject *value, RObject *exc, RObject **result);

/* Sends value into (or throws exc into) any coroutine or awaitable
 * iterator as a Task or `yield from` does (PyIter_Send / coro.throw). */
aio_send_status aio_iter_send(RObject *iter, RObject *value, RObject *exc, RObject **result);

/* The exception throw(type[, value[, tb]]) raises, normalised as
 * gen_throw does (a new reference, or NULL with TypeError). */
RObject *aio_make_thrown_exception(RObject *const *args, size_t nargs);

#endif
