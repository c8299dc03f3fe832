#include "objects_init.h"


#include "boolobject.h"
#include "bytesobject.h"
#include "codeobject.h"
#include "dequeobject.h"
#include "descrobject.h"
#include "dictobject.h"
#include "exceptions.h"
#include "floatobject.h"
#include "gc.h"
#include "funcobject.h"
#include "intobject.h"
#include "listobject.h"
#include "moduleobject.h"
#include "rangeobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

extern RType r_none_type, r_notimplemented_type, r_ellipsis_type;

int r_objects_init(void)
{
    r_gc_init();
    /* object and type first: every other type's dict is made of them */
    RType *types[] = {
        &r_object_type,    &r_type_type,         &r_dict_type,           &r_str_type,
        &r_tuple_type,     &r_list_type,         &r_int_type,            &r_bool_type,
        &r_float_type,     &r_bytes_type,        &r_set_type,            &r_frozenset_type,
        &r_range_type,     &r_slice_type,        &r_none_type,           &r_notimplemented_type,
        &r_ellipsis_type,  &r_cfunction_type,    &r_method_descr_type,   &r_classmethod_descr_type,
        &r_getset_descr_type, &r_wrapper_descr_type, &r_function_type,   &r_cell_type,
        &r_method_type,    &r_code_type,         &r_module_type,         &r_super_type,
        &r_deque_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (r_type_ready(types[i]) < 0)
            return -1;
    return r_exceptions_init();
}
