#include "moduleobject.h"

#include <stddef.h>

#include "descrobject.h"
#include "dictobject.h"
#include "errors.h"
#include "exceptions.h"
#include "strobject.h"
#include "typeobject.h"

RObject *r_module_new(const char *name)
{
    RModule *m = (RModule *)r_alloc(&r_module_type);
    if (!m)
        return NULL;
    m->dict = r_dict_new();
    RObject *n = r_str_from_cstr(name);
    if (!m->dict || !n || r_dict_set_item_cstr(m->dict, "__name__", n) < 0 ||
        r_dict_set_item_cstr(m->dict, "__doc__", R_NONE) < 0) {
        R_XDECREF(n);
        R_DECREF(m);
        return NULL;
    }
    R_DECREF(n);
    return (RObject *)m;
}

int r_module_add_object(RObject *module, const char *name, RObject *value)
{
    return r_dict_set_item_cstr(((RModule *)module)->dict, name, value);
}

int r_module_add_functions(RObject *module, const r_method_def *defs)
{
    RObject *name = r_dict_get_item_cstr(((RModule *)module)->dict, "__name__");
    for (; defs->name; defs++) {
        RObject *f = r_cfunction_new(defs, module, name);
        if (!f || r_module_add_object(module, defs->name, f) < 0) {
            R_XDECREF(f);
            return -1;
        }
        R_DECREF(f);
    }
    return 0;
}

static void module_dealloc(RObject *o)
{
    R_XDECREF(((RModule *)o)->dict);
    r_free(o);
}

/* No clear: the dict stays for as long as the module (its functions may
 * still run); the dict, when garbage, is cleared on its own. */
static int module_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *dict = ((RModule *)o)->dict;
    return dict ? visit(dict, arg) : 0;
}

static RObject *module_repr(RObject *o)
{
    RObject *name = r_dict_get_item_cstr(((RModule *)o)->dict, "__name__");
    if (name && r_str_equal_cstr(name, "builtins"))
        return r_str_from_cstr("<module 'builtins' (built-in)>");
    RObject *file = r_dict_get_item_cstr(((RModule *)o)->dict, "__file__");
    if (file)
        return r_str_from_format("<module %R from %R>", name, file);
    return r_str_from_format("<module %R>", name ? name : R_NONE);
}

static RObject *module_getattro(RObject *o, RObject *name)
{
    RObject *v = r_dict_get_item(((RModule *)o)->dict, name);
    if (v)
        return r_incref(v);
    if (r_err_occurred())
        return NULL;
    v = r_generic_getattr(o, name);
    if (v || !r_err_matches(r_exc_AttributeError))
        return v;
    r_err_clear();
    RObject *mod_name = r_dict_get_item_cstr(((RModule *)o)->dict, "__name__");
    r_err_format(r_exc_AttributeError, "module '%U' has no attribute '%U'", mod_name, name);
    r_err_set_name_obj(name, o);
    return NULL;
}

static int module_setattro(RObject *o, RObject *name, RObject *value)
{
    RObject *dict = ((RModule *)o)->dict;
    if (value)
        return r_dict_set_item(dict, name, value);
    return r_dict_del_item(dict, name);
}

static RObject *module_get_dict(RObject *o)
{
    return r_incref(((RModule *)o)->dict);
}

static const r_getset_def module_getsets[] = {
    {"__dict__", module_get_dict, NULL},
    {NULL, NULL, NULL},
};

RType r_module_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "module",
    .basicsize = sizeof(RModule),
    .dictoffset = offsetof(RModule, dict), /* dir(module) lists its names */
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = module_dealloc,
    .traverse = module_traverse,
    .repr = module_repr,
    .getattro = module_getattro,
    .setattro = module_setattro,
    .getsets = module_getsets,
};
