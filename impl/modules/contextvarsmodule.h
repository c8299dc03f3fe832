/* contextvars (CPython's Python/context.c): ContextVar, Token and Context,
 * each thread's current context, and the two calls asyncio makes with
 * them (copy_context() for every handle and task, Context.run to call a
 * callback inside one). */
#ifndef REFPY_CONTEXTVARSMODULE_H
#define REFPY_CONTEXTVARSMODULE_H

#include <stdbool.h>

#include "object.h"

extern RType r_context_type, r_contextvar_type, r_token_type;

/* contextvars.copy_context(): a new context with the current one's
 * variables (new reference). */
RObject *r_context_copy_current(void);
/* Whether the current context holds no variable: a copy of it is then an
 * empty context, which a holder may make only when it is needed. */
bool r_context_current_is_empty(void);
RObject *r_context_new_empty(void);
/* Context.run(callable, *args, **kwargs): calls it with ctx entered; the
 * RuntimeError of CPython if ctx is entered already. */
RObject *r_context_run(RObject *ctx, RObject *callable, RObject *const *args, size_t nargs,
                       RObject *kwnames);
bool r_context_check(RObject *o);
/* PyContext_Enter / PyContext_Exit, for C code that runs inside ctx. */
int r_context_enter(RObject *ctx);
void r_context_exit(RObject *ctx);

RObject *r_contextvars_module_new(void);

#endif
