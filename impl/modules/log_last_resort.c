/* See log_last_resort.h. */
#include "log_last_resort.h"

#include "builtins.h"
#include "dictobject.h"
#include "errors.h"
#include "moduleobject.h"
#include "strobject.h"
#include "traceback_print.h"

static void write_str(RObject *stream, RObject *text)
{
    RObject *r = r_call_method(stream, "write", &text, 1);
    R_XDECREF(r);
}

void r_log_last_resort(RObject *message, RObject *exc)
{
    RObject *pending = r_err_fetch();
    RObject *sys = r_builtins_sys_module();
    RObject *err = sys ? r_dict_get_item_cstr(r_module_dict(sys), "stderr") : NULL;
    if (err && err != R_NONE) {
        R_INCREF(err);
        RObject *line = r_str_from_format("%U\n", message);
        if (line) {
            write_str(err, line);
            R_DECREF(line);
        }
        if (exc)
            r_print_exception(exc, err);
        RObject *r = r_call_method(err, "flush", NULL, 0);
        R_XDECREF(r);
        R_DECREF(err);
    }
    r_err_clear();
    r_err_restore(pending);
}
