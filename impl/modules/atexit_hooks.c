/* See atexit_hooks.h. */
#include "atexit_hooks.h"

#include "errors.h"
#include "exceptions.h"

r_hook_list r_atexit_hooks;

int r_hook_list_add(r_hook_list *l, void (*fn)(void *), void *arg)
{
    if (l->n == sizeof l->items / sizeof l->items[0]) {
        r_err_set_string(r_exc_RuntimeError, "too many exit callbacks");
        return -1;
    }
    l->items[l->n].fn = fn;
    l->items[l->n].arg = arg;
    l->n++;
    return 0;
}

void r_hook_list_run(r_hook_list *l)
{
    while (l->n > 0) {
        l->n--;
        l->items[l->n].fn(l->items[l->n].arg);
        r_err_clear();
    }
}
