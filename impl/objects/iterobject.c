/* The sequence iterator: iter() over an object that has __getitem__ but
 * no __iter__ calls it with 0, 1, 2... until IndexError. */
#include <stdint.h>

#include "errors.h"
#include "exceptions.h"
#include "typeobject.h"

extern RObject *r_int_from_i64(int64_t v);

typedef struct {
    RObject ob;
    ssize_t index;
    RObject *seq; /* NULL once exhausted */
} RSeqIter;

static void seqiter_dealloc(RObject *o)
{
    R_XDECREF(((RSeqIter *)o)->seq);
    r_free(o);
}

static int seqiter_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *seq = ((RSeqIter *)o)->seq;
    return seq ? visit(seq, arg) : 0;
}

static RObject *seqiter_self(RObject *o)
{
    return r_incref(o);
}

static RObject *seqiter_next(RObject *o)
{
    RSeqIter *it = (RSeqIter *)o;
    if (!it->seq)
        return NULL;
    RObject *index = r_int_from_i64(it->index);
    if (!index)
        return NULL;
    RObject *item = r_getitem(it->seq, index);
    R_DECREF(index);
    if (item) {
        it->index++;
        return item;
    }
    if (r_err_matches(r_exc_IndexError) || r_err_matches(r_exc_StopIteration)) {
        r_err_clear();
        R_CLEAR(it->seq);
    }
    return NULL;
}

static RType seqiter_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "iterator",
    .basicsize = sizeof(RSeqIter),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = seqiter_dealloc,
    .traverse = seqiter_traverse,
    .iter = seqiter_self,
    .iternext = seqiter_next,
};

RObject *r_sequence_iter_new(RObject *seq)
{
    RSeqIter *it = (RSeqIter *)r_alloc(&seqiter_type);
    if (!it)
        return NULL;
    it->seq = r_incref(seq);
    return (RObject *)it;
}
