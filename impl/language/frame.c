#include "frame.h"

#include <stdlib.h>

#include "descrobject.h"
#include "errors.h"
#include "exceptions.h"
#include "gc.h"
#include "intobject.h"
#include "strobject.h"
#include "typeobject.h"

static _Thread_local r_thread_vm vm_state = {NULL, NULL, 0, 1000, NULL};

r_thread_vm *r_vm_state(void)
{
    return &vm_state;
}

RFrame *r_frame_new(RCode *code, RObject *globals, RObject *builtins, RObject *locals)
{
    if (code->stacksize > R_FRAME_MAX_STACK) {
        r_err_format(r_exc_MemoryError, "a frame's value stack of %d entries is too deep",
                     code->stacksize);
        return NULL;
    }
    int n = code->nlocals + code->ncells + code->nfrees;
    /* the block stack is sized per code: most functions need none, and a
     * fixed array of CPython's CO_MAXBLOCKS (20) would double a small frame */
    size_t extra = (size_t)(n + code->stacksize) * sizeof(RObject *) +
                   (size_t)code->maxblocks * sizeof(r_block);
    RFrame *f = (RFrame *)r_alloc_var(&r_frame_type, extra);
    if (!f)
        return NULL;
    r_gc_untrack((RObject *)f);
    f->code = (RCode *)r_incref((RObject *)code);
    f->globals = r_incref(globals);
    f->builtins = r_incref(builtins);
    f->locals = locals ? r_incref(locals) : NULL;
    f->lasti = -1;
    return f;
}

void r_frame_share(RFrame *f)
{
    r_gc_retrack((RObject *)f);
}

bool r_frame_is_shared(RFrame *f)
{
    return r_gc_is_tracked((RObject *)f);
}

void r_frame_release(RFrame *f)
{
    /* what still refers to it (a reference nobody shared it for) now
     * needs the collector to see the frame */
    if (f->ob.refcnt > 1)
        r_frame_share(f);
    R_DECREF(f);
}

int r_frame_line(const RFrame *f)
{
    return r_code_line(f->code, f->lasti < 0 ? 0 : f->lasti);
}

static void frame_dealloc(RObject *o)
{
    RFrame *f = (RFrame *)o;
    for (int i = 0, n = r_frame_nlocalsplus(f) + (int)f->stacktop; i < n; i++)
        R_XDECREF(f->localsplus[i]);
    R_XDECREF(f->code);
    R_XDECREF(f->globals);
    R_XDECREF(f->builtins);
    R_XDECREF(f->locals);
    r_free(o);
}

/* The locals, cells and frees; the value stack only while suspended (a
 * running frame keeps its stack pointer in r_eval: not visiting those
 * references only makes what they hold look referred to from outside).
 * back is borrowed. */
int r_frame_traverse_contents(RFrame *f, r_visitproc visit, void *arg)
{
    RObject *refs[] = {f->globals, f->builtins, f->locals};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int rc = refs[i] ? visit(refs[i], arg) : 0;
        if (rc)
            return rc;
    }
    int n = r_frame_nlocalsplus(f) + (f->executing ? 0 : (int)f->stacktop);
    for (int i = 0; i < n; i++) {
        int rc = f->localsplus[i] ? visit(f->localsplus[i], arg) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* As CPython's frame_tp_clear: the locals and the suspended stack, which
 * break the frame -> local -> ... -> frame cycles (a generator's own
 * frame, a traceback kept in a local). A running frame is reachable from
 * its caller and is never cleared. */
void r_frame_clear_contents(RFrame *f)
{
    if (f->executing)
        return;
    int n = r_frame_nlocalsplus(f) + (int)f->stacktop;
    f->stacktop = 0;
    f->nblocks = 0;
    for (int i = 0; i < n; i++)
        R_CLEAR(f->localsplus[i]);
}

static int frame_traverse(RObject *o, r_visitproc visit, void *arg)
{
    return r_frame_traverse_contents((RFrame *)o, visit, arg);
}

static void frame_clear(RObject *o)
{
    r_frame_clear_contents((RFrame *)o);
}

static RObject *frame_repr(RObject *o)
{
    RFrame *f = (RFrame *)o;
    return r_str_from_format("<frame at %p, file '%U', line %d, code %U>", (void *)o,
                             f->code->filename, r_frame_line(f), f->code->name);
}

/* f_lineno: a frame not started yet is on its def line, as CPython's */
static RObject *get_f_lineno(RObject *o)
{
    RFrame *f = (RFrame *)o;
    return r_int_from_i64(f->lasti < 0 ? f->code->firstlineno : r_frame_line(f));
}

static RObject *get_f_code(RObject *o)
{
    return r_incref((RObject *)((RFrame *)o)->code);
}

/* the caller while the frame runs; None for a suspended generator's */
static RObject *get_f_back(RObject *o)
{
    RFrame *f = (RFrame *)o;
    if (!f->back)
        return r_incref(R_NONE);
    r_frame_share(f->back);
    return r_incref((RObject *)f->back);
}

static RObject *get_f_globals(RObject *o)
{
    return r_incref(((RFrame *)o)->globals);
}

static const r_getset_def frame_getsets[] = {
    {"f_lineno", get_f_lineno, NULL},
    {"f_code", get_f_code, NULL},
    {"f_back", get_f_back, NULL},
    {"f_globals", get_f_globals, NULL},
    {NULL, NULL, NULL},
};

RType r_frame_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "frame",
    .basicsize = sizeof(RFrame),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = frame_dealloc,
    .traverse = frame_traverse,
    .clear = frame_clear,
    .repr = frame_repr,
    .getsets = frame_getsets,
};

static void traceback_dealloc(RObject *o)
{
    RTraceback *tb = (RTraceback *)o;
    R_XDECREF(tb->next);
    R_XDECREF(tb->frame);
    r_free(o);
}

/* No clear: every cycle through a traceback goes through its frame. */
static int traceback_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RTraceback *tb = (RTraceback *)o;
    int rc = tb->next ? visit((RObject *)tb->next, arg) : 0;
    return rc || !tb->frame ? rc : visit((RObject *)tb->frame, arg);
}

static RObject *get_tb_frame(RObject *o)
{
    return r_incref((RObject *)((RTraceback *)o)->frame);
}

static RObject *get_tb_next(RObject *o)
{
    RTraceback *tb = (RTraceback *)o;
    return r_incref(tb->next ? (RObject *)tb->next : R_NONE);
}

static RObject *get_tb_lineno(RObject *o)
{
    return r_int_from_i64(((RTraceback *)o)->lineno);
}

static const r_getset_def traceback_getsets[] = {
    {"tb_frame", get_tb_frame, NULL},
    {"tb_next", get_tb_next, NULL},
    {"tb_lineno", get_tb_lineno, NULL},
    {NULL, NULL, NULL},
};

RType r_traceback_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "traceback",
    .basicsize = sizeof(RTraceback),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = traceback_dealloc,
    .traverse = traceback_traverse,
    .getsets = traceback_getsets,
};

int r_traceback_here(RFrame *f)
{
    RObject *exc = r_err_peek();
    if (!exc)
        return 0;
    RTraceback *tb = (RTraceback *)r_alloc(&r_traceback_type);
    if (!tb)
        return -1;
    RBaseException *e = (RBaseException *)exc;
    tb->next = (RTraceback *)e->traceback; /* the reference moves */
    e->traceback = NULL;
    r_frame_share(f);
    tb->frame = (RFrame *)r_incref((RObject *)f);
    tb->lasti = f->lasti;
    tb->lineno = r_frame_line(f);
    e->traceback = (RObject *)tb;
    return 0;
}
