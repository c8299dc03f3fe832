/* Classes: the type of types, object, heap classes made by class
 * statements, super(), and the slots that call a class's dunder methods. */
#ifndef REFPY_TYPEOBJECT_H
#define REFPY_TYPEOBJECT_H

#include "object.h"

/* type(name, bases, dict): a new heap class. */
RObject *r_type_new(RObject *name, RObject *bases, RObject *dict);
/* `class name(base): pass` made in module (a C module's own classes, as
 * its Python original defines them); a new reference or NULL. */
RType *r_type_new_simple(const char *name, RType *base, const char *module);
/* The instance dict of o (created on first use), borrowed, or NULL when
 * its type keeps none (no exception set). */
RObject *r_instance_dict(RObject *o);
extern RType r_super_type;
/* Looks a special method up on type(self), binds it and calls it; *found
 * is false (and nothing is raised) when the type has no such method. */
RObject *r_call_special(RObject *self, const char *name, RObject *const *args, size_t nargs,
                        bool *found);
int64_t r_hash_pointer(const void *p);
/* The generic iterator over __getitem__ (seqiter), for r_get_iter. */
RObject *r_sequence_iter_new(RObject *seq);

#endif
