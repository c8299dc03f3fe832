/* Lists of C callbacks run at exit, newest first: threading's
 * _register_atexit list (run before non-daemon threads are joined) and
 * the atexit module's (run by main after that, as Py_FinalizeEx calls
 * atexit after wait_for_thread_shutdown). Only the runtime's own modules
 * register, so a small fixed table is enough. */
#ifndef REFPY_ATEXIT_HOOKS_H
#define REFPY_ATEXIT_HOOKS_H

#include <stddef.h>

typedef struct {
    struct {
        void (*fn)(void *);
        void *arg;
    } items[16];
    size_t n;
} r_hook_list;

int r_hook_list_add(r_hook_list *l, void (*fn)(void *), void *arg);
void r_hook_list_run(r_hook_list *l);

/* atexit.register from C (e.g. concurrent.futures.thread on 3.8) */
extern r_hook_list r_atexit_hooks;

#endif
