/* Generators and coroutines: a code object's frame run piece by piece.
 * send/throw/close follow CPython's genobject.c, including delegation to
 * the iterator a suspended `yield from`/`await` is driving. */
#ifndef REFPY_GEN_H
#define REFPY_GEN_H

#include "frame.h"
#include "tupleobject.h"

typedef struct {
    RObject ob;
    RFrame *frame;    /* NULL once finished */
    /* the code object; or, for a generator whose function's __name__ or
     * __qualname__ is not its code's (a decorator renamed it), a tuple
     * (code, name, qualname): most take their code's names, and every
     * coroutine is smaller by not holding them (r_gen_code, r_gen_name) */
    RObject *code_or_names;
    bool running;
    bool is_coroutine;
    bool is_async_gen;
    RObject *handled; /* the exception being handled inside, while suspended */
} RGen;

/* gi_code, __name__ and __qualname__ (borrowed). */
static inline RCode *r_gen_code(RGen *g)
{
    RObject *c = g->code_or_names;
    return (RCode *)(R_TYPE(c) == &r_code_type ? c : R_TUPLE_GET(c, 0));
}

static inline RObject *r_gen_name(RGen *g)
{
    RObject *c = g->code_or_names;
    return R_TYPE(c) == &r_code_type ? ((RCode *)c)->name : R_TUPLE_GET(c, 1);
}

static inline RObject *r_gen_qualname(RGen *g)
{
    RObject *c = g->code_or_names;
    return R_TYPE(c) == &r_code_type ? ((RCode *)c)->qualname : R_TUPLE_GET(c, 2);
}

/* An async generator (asyncgen.c) adds the finalizer hook taken on first
 * use and the event loop's set that holds it weakly; kept out of RGen, so
 * that every coroutine is smaller by them. */
typedef struct {
    RGen gen;
    RObject *ag_finalizer;
    bool ag_hooks_inited, ag_closed, ag_running_async;
    struct r_agen_set *ag_set;
} RAsyncGen;

#define R_AGEN(o) ((RAsyncGen *)(o))

extern RType r_generator_type;
extern RType r_coroutine_type;
extern RType r_async_generator_type; /* asyncgen.c */

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

/* For asyncgen.c: the current exception thrown into gen (into its
 * delegate first); close_on_genexit as CPython's _gen_throw. A yielded
 * value, or NULL with StopIteration(value) or another exception set. */
RObject *r_gen_throw_current(RObject *gen, bool close_on_genexit);
/* StopIteration(value) set as the current exception. */
void r_gen_set_stop_iteration(RObject *value);
/* close(): 0, or -1 with an exception set. */
int r_gen_close(RObject *gen);
/* The slots the three kinds share. */
void r_gen_dealloc(RObject *self);
int r_gen_traverse(RObject *self, r_visitproc visit, void *arg);
void r_gen_clear(RObject *self);
void r_gen_finalize(RObject *self);

/* Set by the warnings module: emits "coroutine '...' was never awaited". */
extern void (*r_coroutine_never_awaited_hook)(RObject *coro);
/* Set by the runtime: reports an exception nobody can catch
 * ("Exception ignored in: ..."), taking the current exception. */
extern void (*r_unraisable_hook)(const char *where, RObject *obj);

#endif
