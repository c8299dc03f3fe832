/* Frames (heap-allocated, so a generator's frame survives between
 * resumptions), tracebacks, and the per-thread state of the VM: the
 * running frame, the exception being handled, the recursion depth.
 *
 * A frame is not tracked by the cycle collector while its runner alone
 * owns it: the call that runs it, which keeps it alive anyway, or its
 * generator, which traverses and clears its contents as its own. This is
 * CPython 3.11+'s model, where such a frame is part of the C stack or of
 * the generator, and it spares the collector one object per call and per
 * coroutine. The frame is tracked for the rest of its life once anything
 * else takes a reference to it (r_frame_share), or when its runner lets
 * go of it while others still refer to it (r_frame_release). */
#ifndef REFPY_FRAME_H
#define REFPY_FRAME_H

#include "codeobject.h"
#include "object.h"


enum { R_BLOCK_FINALLY, R_BLOCK_EXCEPT_HANDLER };

typedef struct {
    int type;
    int handler; /* instruction index */
    int level;   /* stack depth to return to */
} r_block;

typedef struct RFrame {
    RObject ob;
    struct RFrame *back; /* the caller while running (borrowed) */
    RCode *code;
    RObject *globals, *builtins;
    RObject *locals;     /* a dict for module and class bodies, else NULL */
    int lasti;           /* the instruction running or last run; -1 before */
    /* one word for the rest, as every frame field adds to every call and
     * every coroutine (a coroutine's frame fits 112 bytes, not 128) */
    unsigned stacktop : 23; /* values on the stack while suspended */
    unsigned nblocks : 8;   /* of code->maxblocks (20 at most), after the value stack */
    bool executing : 1;
    RObject *localsplus[]; /* locals, cells, frees, the value stack, then the blocks */
} RFrame;

/* the deepest value stack a frame holds (r_frame_new fails beyond it) */
#define R_FRAME_MAX_STACK ((1 << 23) - 1)

/* the locals, cells and frees before the value stack */
static inline int r_frame_nlocalsplus(const RFrame *f)
{
    return f->code->nlocals + f->code->ncells + f->code->nfrees;
}

/* The block stack (code->maxblocks entries): computed, not stored, as
 * every frame field adds to every call and every coroutine. */
static inline r_block *r_frame_blocks(RFrame *f)
{
    return (r_block *)(f->localsplus + r_frame_nlocalsplus(f) + f->code->stacksize);
}

extern RType r_frame_type;

/* A new frame, untracked (see above). */
RFrame *r_frame_new(RCode *code, RObject *globals, RObject *builtins, RObject *locals);
/* Before a reference to f is taken by anything but its runner. */
void r_frame_share(RFrame *f);
/* The runner's release of f (its reference is dropped). */
void r_frame_release(RFrame *f);
/* For a generator, while its frame is untracked: the frame's traverse and
 * clear, applied to the contents the generator owns through it. */
bool r_frame_is_shared(RFrame *f);
int r_frame_traverse_contents(RFrame *f, r_visitproc visit, void *arg);
void r_frame_clear_contents(RFrame *f);
int r_frame_line(const RFrame *f);

typedef struct RTraceback {
    RObject ob;
    struct RTraceback *next;
    RFrame *frame;
    int lasti;
    int lineno;
} RTraceback;

extern RType r_traceback_type;
/* Prepends an entry for frame f to the current exception's traceback. */
int r_traceback_here(RFrame *f);

/* The per-thread VM state. */
typedef struct {
    RFrame *frame;          /* the innermost running frame */
    RObject *handled;       /* the exception being handled (sys.exc_info) */
    int depth;              /* nested Python calls, for RecursionError */
    int recursion_limit;
    RObject *context;       /* contextvars: the current Context, NULL until needed */
} r_thread_vm;

r_thread_vm *r_vm_state(void);

#endif
