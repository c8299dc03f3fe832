/* The larger steps of the eval loop, kept out of it so that the loop
 * reads as a table of instructions: each returns a new reference (or -1 /
 * NULL with an exception set) exactly as the instruction needs. */
#ifndef REFPY_VM_OPS_H
#define REFPY_VM_OPS_H

#include "frame.h"

RObject *r_vm_bool(int value); /* a new reference to True or False */
RObject *r_vm_load_global(RFrame *f, RObject *name);
/* del of a global or class-body name: a missing one is a NameError */
int r_vm_delete_name(RObject *dict, RObject *name);
void r_vm_unbound_local(RCode *co, int slot);
void r_vm_unbound_deref(RCode *co, int slot);
/* 1: *meth is a function to call with owner first; 0: *meth is the
 * attribute itself; -1: error. */
int r_vm_load_method(RObject *owner, RObject *name, RObject **meth);
RObject *r_vm_unary(RObject *v, int opcode);
RObject *r_vm_slice(RObject *start, RObject *stop, RObject *step);
RObject *r_vm_build_set(RObject **items, size_t n);
RObject *r_vm_build_map(RObject **items, size_t npairs);
RObject *r_vm_build_string(RObject **items, size_t n);
RObject *r_vm_list_extend(RObject *list, RObject *iterable);
/* SET_ADD, LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE; callable is
 * the function being called, for DICT_MERGE's messages */
RObject *r_vm_collection_op(int opcode, RObject *target, RObject *value, RObject *callable);
RObject *r_vm_format_value(RObject *v, int conversion, RObject *spec);
/* Unpacks seq onto the stack at sp (last item deepest... as CPython:
 * the first item ends on top); returns the number of values pushed. */
int r_vm_unpack(RObject *seq, int before, int after, RObject **sp);
RObject *r_vm_call_ex(RObject *callable, RObject *args, RObject *kwargs);
RObject *r_vm_enter_with(RObject *cm, RObject **exit_fn);
RObject *r_vm_call_exit(RObject *exit_fn, RObject *exc);
/* Steals exc and cause; 1 for a bare re-raise (traceback kept), -1 with
 * the new exception set otherwise. */
int r_vm_raise(RObject *exc, RObject *cause);
int r_vm_exception_matches(RObject *exc, RObject *type);
/* Sends v into receiver: 1 when it yielded (*result), 0 when it finished
 * (*result is its value), -1 on error. */
int r_vm_send(RObject *receiver, RObject *v, RObject **result);
RObject *r_vm_yield_from_iter(RFrame *f, RObject *v);
RObject *r_vm_get_awaitable(RObject *v, int where);
RObject *r_vm_get_aiter(RObject *v);
RObject *r_vm_get_anext(RObject *aiter);
RObject *r_vm_before_async_with(RObject *cm, RObject **aexit);
RObject *r_vm_import(RFrame *f, RObject *name, RObject *fromlist, RObject *level);
RObject *r_vm_import_from(RObject *module, RObject *name);

/* Set by the modules layer: imports a module by its dotted name. */
extern RObject *(*r_import_hook)(RObject *name, RObject *globals, RObject *fromlist,
                                 int level);

#endif
