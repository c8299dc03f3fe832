/* Generators and coroutines: a code object's frame run piece by piece.
 * send/throw/close follow CPython's genobject.c, including delegation to
 * the iterator a suspended `yield from`/`await` is driving. */
#ifndef REFPY_GEN_H
#define REFPY_GEN_H

#include "frame.h"

typedef struct {
    RObject ob;
    RFrame *frame;    /* NULL once finished */
    RObject *name, *qualname;
    RObject *code;
    bool running;
    bool is_coroutine;
    RObject *handled; /* the exception being handled inside, while suspended */
} RGen;

extern RType r_generator_type;
extern RType r_coroutine_type;

#define R_GEN_CHECK(o) (R_TYPE(o) == &r_generator_type || R_TYPE(o) == &r_coroutine_type)

/* Wraps frame (stolen) of a generator or coroutine function. */
RObject *r_gen_new(RFrame *frame, RObject *name, RObject *qualname);

typedef enum { R_GEN_RETURN, R_GEN_NEXT, R_GEN_ERROR } r_gen_status;
/* Resumes gen with value sent (or with the current exception thrown in,
 * when throw is set). On R_GEN_NEXT *result is the value yielded, on
 * R_GEN_RETURN the value returned; on R_GEN_ERROR an exception is set. */
r_gen_status r_gen_send(RObject *gen, RObject *value, bool throw, RObject **result);
/* The iterator a suspended yield from / await is driving, or NULL. */
RObject *r_gen_delegate(RObject *gen);

/* Set by the warnings module: emits "coroutine '...' was never awaited". */
extern void (*r_coroutine_never_awaited_hook)(RObject *coro);
/* Set by the runtime: reports an exception nobody can catch
 * ("Exception ignored in: ..."), taking the current exception. */
extern void (*r_unraisable_hook)(const char *where, RObject *obj);

#endif
