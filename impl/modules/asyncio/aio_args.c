/* Binding the arguments of asyncio's Python-level functions written in C,
 * with the TypeErrors CPython raises for a `def` with that signature. */
#include "aio_args.h"

#include <stdio.h>
#include <string.h>

#include "aio.h"
#include "errors.h"
#include "exceptions.h"
#include "profile.h"
#include "strobject.h"
#include "tupleobject.h"

const char *aio_fname(const char *qualified)
{
    /* 3.10+ name the function by its __qualname__ in argument errors */
    if (r_arg_errors_use_qualname())
        return qualified;
    const char *dot = strrchr(qualified, '.');
    return dot ? dot + 1 : qualified;
}

const char *aio_cname(const char *qualified)
{
    /* a C method's argument errors name it Type.meth from 3.9
     * (_PyObject_FunctionStr), meth before */
    if (r_function_str_is_qualified())
        return qualified;
    const char *dot = strrchr(qualified, '.');
    return dot ? dot + 1 : qualified;
}

RObject *aio_missing_arg(const char *fname, const char *arg)
{
    return r_err_format(r_exc_TypeError, "%s() missing 1 required positional argument: '%s'",
                        fname, arg);
}

static size_t count(const char *const *names)
{
    size_t n = 0;
    while (names && names[n])
        n++;
    return n;
}

int aio_bind(const aio_sig *sig, RObject *const *args, size_t nargs, RObject *kwnames,
             RObject **out)
{
    const char *fname = aio_fname(sig->qualname);
    size_t npos = count(sig->pos), nkwonly = count(sig->kwonly);
    for (size_t i = 0; i < npos + nkwonly; i++)
        out[i] = NULL;
    size_t take = nargs < npos ? nargs : npos;
    for (size_t i = 0; i < take; i++)
        out[i] = args[i];
    if (nargs > npos) {
        if (!sig->varargs) {
            if (npos == sig->nrequired)
                r_err_format(r_exc_TypeError, "%s() takes %zu positional argument%s but %zu %s given",
                             fname, npos, npos == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
            else
                r_err_format(r_exc_TypeError,
                             "%s() takes from %zu to %zu positional arguments but %zu were given",
                             fname, sig->nrequired, npos, nargs);
            return -1;
        }
        *sig->varargs = args + npos;
        *sig->nvarargs = nargs - npos;
    } else if (sig->varargs) {
        *sig->varargs = args + nargs;
        *sig->nvarargs = 0;
    }
    size_t nkw = kwnames ? (size_t)R_TUPLE_SIZE(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        RObject *key = R_TUPLE_GET(kwnames, k);
        bool known = false;
        for (size_t i = 0; i < npos + nkwonly && !known; i++) {
            const char *name = i < npos ? sig->pos[i] : sig->kwonly[i - npos];
            if (!r_str_equal_cstr(key, name))
                continue;
            known = true;
            if (out[i] || (i < npos && sig->positional_only)) {
                if (out[i])
                    r_err_format(r_exc_TypeError, "%s() got multiple values for argument '%s'",
                                 fname, name);
                else
                    r_err_format(r_exc_TypeError,
                                 "%s() got some positional-only arguments passed as keyword "
                                 "arguments: '%s'",
                                 fname, name);
                return -1;
            }
            out[i] = args[nargs + k];
        }
        if (!known) {
            r_err_format(r_exc_TypeError, "%s() got an unexpected keyword argument '%U'", fname,
                         key);
            return -1;
        }
    }
    size_t missing = 0;
    for (size_t i = 0; i < sig->nrequired; i++)
        if (!out[i])
            missing++;
    if (missing == 1) {
        for (size_t i = 0; i < sig->nrequired; i++)
            if (!out[i]) {
                aio_missing_arg(fname, sig->pos[i]);
                return -1;
            }
    }
    if (missing > 1) {
        /* "f() missing 2 required positional arguments: 'a' and 'b'" */
        char list[256] = "";
        size_t seen = 0;
        for (size_t i = 0; i < sig->nrequired; i++) {
            if (out[i])
                continue;
            seen++;
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s'%s'",
                     seen == 1 ? "" : seen == missing ? (missing > 2 ? ", and " : " and ") : ", ",
                     sig->pos[i]);
        }
        r_err_format(r_exc_TypeError, "%s() missing %zu required positional arguments: %s",
                     fname, missing, list);
        return -1;
    }
    return 0;
}
