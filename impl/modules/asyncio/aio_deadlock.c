/* What --deadlock=report adds about asyncio (spec/targets.md,
 * targets.deadlock.2): for each running loop, the callbacks sitting in its
 * ready queue (queued with call_soon from another thread, which does not
 * wake the loop) and the tasks still pending with what each waits on. It
 * runs with the GIL held, after every thread has stalled. */
#include "aio.h"
#include "errors.h"
#include "listobject.h"
#include "setobject.h"
#include "strobject.h"

static void print_repr(FILE *out, const char *prefix, RObject *o, const char *suffix)
{
    RObject *r = r_repr(o);
    if (r) {
        fprintf(out, "%s%s%s", prefix, r_str_utf8(r), suffix);
        R_DECREF(r);
    } else {
        fprintf(out, "%s<unprintable>%s", prefix, suffix);
    }
    r_err_clear();
}

void aio_deadlock_details(FILE *out)
{
    RObject *saved = r_err_fetch();
    for (AioLoop *L = aio_live_loops(); L; L = L->live_next) {
        if (!L->running)
            continue;
        print_repr(out, "refpy:   asyncio: ", (RObject *)L, "\n");
        if (L->ready_len) {
            fprintf(out, "refpy:     %zu callback(s) queued that never woke the loop "
                         "(call_soon from another thread?):\n",
                    L->ready_len);
            for (size_t i = 0; i < L->ready_len; i++)
                print_repr(out, "refpy:       ",
                           (RObject *)L->ready[(L->ready_head + i) % L->ready_cap], "\n");
        }
        RObject *tasks = aio_all_tasks((RObject *)L);
        RObject *list = tasks ? r_sequence_list(tasks) : NULL;
        for (ssize_t i = 0; list && i < R_LIST_SIZE(list); i++) {
            RObject *t = R_LIST_ITEMS(list)[i];
            print_repr(out, "refpy:     task ", t, "\n");
        }
        R_XDECREF(list);
        R_XDECREF(tasks);
        r_err_clear();
    }
    r_err_restore(saved);
}
