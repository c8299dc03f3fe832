/* __build_class__: runs a class body with a fresh dict as its locals, then
 * makes the class and fills the __class__ cell that zero-argument super()
 * reads (CPython's builtin___build_class__ for the case language's
 * classes: one base at most, no metaclass). */
#include "builtins.h"
#include "call.h"
#include "codeobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "funcobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

RObject *r_builtin_build_class(RObject *self, RObject *const *args, size_t nargs,
                               RObject *kwnames)
{
    (void)self;
    if (kwnames && R_TUPLE_SIZE(kwnames) > 0)
        return r_err_format(r_exc_TypeError, "class keywords are outside the case language");
    if (nargs < 2)
        return r_err_format(r_exc_TypeError, "__build_class__: not enough arguments");
    RObject *func = args[0], *name = args[1];
    if (!R_FUNCTION_CHECK(func))
        return r_err_format(r_exc_TypeError, "__build_class__: func must be a function");
    if (!R_STR_CHECK(name))
        return r_err_format(r_exc_TypeError, "__build_class__: name is not a string");
    RObject *bases = r_tuple_from_array(args + 2, (ssize_t)(nargs - 2));
    RObject *ns = r_dict_new();
    if (!bases || !ns)
        goto fail;
    RFunction *fn = (RFunction *)func;
    RObject *res = r_vm_run_code((RCode *)fn->code, fn->globals, ns);
    if (!res)
        goto fail;
    R_DECREF(res);
    RObject *cell = r_dict_get_item_cstr(ns, "__classcell__");
    if (cell)
        R_INCREF(cell);
    if (cell && r_dict_del_item(ns, r_str_intern("__classcell__")) < 0) {
        R_DECREF(cell);
        goto fail;
    }
    RObject *cls = r_type_new(name, bases, ns);
    if (cls && cell)
        R_SETREF(((RCell *)cell)->ref, r_incref(cls));
    R_XDECREF(cell);
    R_DECREF(bases);
    R_DECREF(ns);
    return cls;
fail:
    R_XDECREF(bases);
    R_XDECREF(ns);
    return NULL;
}
