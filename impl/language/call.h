/* Calling Python functions: binding arguments to parameters with CPython's
 * errors, making the frame, and running it (or wrapping it in a generator
 * or coroutine). */
#ifndef REFPY_CALL_H
#define REFPY_CALL_H

#include <stdatomic.h>

#include "frame.h"

/* The function call slot (installed as r_function_call_hook). */
RObject *r_vm_call_function(RObject *func, RObject *const *args, size_t nargs,
                            RObject *kwnames);
/* Runs a module's or a class body's code with locals as its namespace. */
RObject *r_vm_run_code(RCode *code, RObject *globals, RObject *locals);
/* The frame running now on this thread, or NULL. */
RFrame *r_vm_current_frame(void);

typedef enum { R_EVAL_RETURN, R_EVAL_YIELD, R_EVAL_ERROR } r_eval_status;

/* Set by another thread that wants the GIL; the eval loop then calls
 * r_eval_breaker_hook (installed by the threads layer) at the next
 * backward jump or frame entry, as CPython's eval breaker. */
extern atomic_int r_eval_breaker;
extern void (*r_eval_breaker_hook)(void);
/* Runs f from where it stopped. A resumed frame gets sent pushed as the
 * value of its suspension point; with throw, the current exception is
 * raised there instead. */
RObject *r_eval(RFrame *f, RObject *sent, bool throw, r_eval_status *status);

#endif
