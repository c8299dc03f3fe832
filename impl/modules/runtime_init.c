/* See runtime_init.h. */
#include "runtime_init.h"

#include <stdio.h>

#include "builtins.h"
#include "call.h"
#include "funcobject.h"
#include "gil.h"
#include "objects_init.h"
#include "progress.h"
#include "warnings.h"

int r_runtime_init(int argc, char **argv, RObject **sys, RObject **builtins)
{
    r_progress_thread_adopt(r_progress_thread_new());
    r_progress_name_thread("MainThread");
    r_gil_init(); /* the main thread holds the lock whenever it runs Python */
    if (r_objects_init() < 0) {
        fputs("refpy: cannot initialise the object layer\n", stderr);
        return -1;
    }
    r_function_call_hook = r_vm_call_function;
    r_warnings_init();
    *sys = r_sys_module_new(argc, argv);
    *builtins = r_builtins_module_new();
    if (!*sys || !*builtins || r_import_init(*sys, *builtins) < 0) {
        fputs("refpy: cannot initialise the modules\n", stderr);
        return -1;
    }
    return 0;
}
