/* The cycle collector: cycles nothing outside refers to are freed by a
 * collection and counted; cycles reachable from outside are kept; a
 * finaliser runs once (PEP 442), even when it resurrects its object;
 * generations; static objects untracked. Objects are observed through a
 * probe type whose slots count their calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dictobject.h"
#include "errors.h"
#include "gc.h"
#include "listobject.h"
#include "objects_init.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

/* ---- the probe: one reference, and counters ---- */

typedef struct {
    RObject ob;
    RObject *ref;
} Probe;

static int deallocs, finalizes;
static RObject *resurrect_into; /* a list the finaliser appends self to */
static ssize_t collect_from_finalizer = -1;

static void probe_dealloc(RObject *o)
{
    deallocs++;
    R_XDECREF(((Probe *)o)->ref);
    r_free(o);
}

static int probe_traverse(RObject *o, r_visitproc visit, void *arg)
{
    RObject *ref = ((Probe *)o)->ref;
    return ref ? visit(ref, arg) : 0;
}

static void probe_clear(RObject *o)
{
    R_CLEAR(((Probe *)o)->ref);
}

static void probe_finalize(RObject *o)
{
    finalizes++;
    if (resurrect_into)
        assert_int_equal(r_list_append(resurrect_into, o), 0);
    collect_from_finalizer = r_gc_collect(2);
}

static RType probe_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "probe",
    .basicsize = sizeof(Probe),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = probe_dealloc,
    .traverse = probe_traverse,
    .clear = probe_clear,
};

static RType finalized_probe_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "finalized_probe",
    .basicsize = sizeof(Probe),
    .flags = R_TPFLAGS_HAVE_GC,
    .dealloc = probe_dealloc,
    .finalize = probe_finalize,
    .traverse = probe_traverse,
    .clear = probe_clear,
};

static RObject *probe(RType *type, RObject *ref)
{
    Probe *p = (Probe *)r_alloc(type);
    assert_non_null(p);
    p->ref = ref ? r_incref(ref) : NULL;
    return (RObject *)p;
}

static RObject *list(void)
{
    RObject *l = r_list_new(0);
    assert_non_null(l);
    return l;
}

static void append(RObject *l, RObject *item)
{
    assert_int_equal(r_list_append(l, item), 0);
}

static int setup(void **state)
{
    (void)state;
    if (r_objects_init() < 0)
        return -1;
    /* only the collections the tests ask for */
    r_gc_set_enabled(false);
    return 0;
}

static int reset(void **state)
{
    (void)state;
    r_gc_collect(2);
    deallocs = finalizes = 0;
    resurrect_into = NULL;
    collect_from_finalizer = -1;
    return 0;
}

/* a = []; b = [a, probe]; a.append(b); del a, b */
static void test_cycle_of_lists_is_freed(void **state)
{
    (void)state;
    RObject *a = list(), *b = list();
    RObject *p = probe(&probe_type, NULL);
    append(b, a);
    append(b, p);
    append(a, b);
    R_DECREF(p);
    R_DECREF(a);
    R_DECREF(b);
    assert_int_equal(deallocs, 0); /* reference counting alone keeps them */
    assert_int_equal(r_gc_collect(2), 3);
    assert_int_equal(deallocs, 1);
    assert_int_equal(r_gc_collect(2), 0);
}

static void test_cycle_reachable_from_outside_is_kept(void **state)
{
    (void)state;
    RObject *a = list(), *b = list();
    RObject *p = probe(&probe_type, a); /* p -> a -> b -> p */
    append(a, b);
    append(b, p);
    R_DECREF(p);
    R_DECREF(b);
    assert_int_equal(r_gc_collect(2), 0);
    assert_int_equal(deallocs, 0);
    assert_int_equal(R_LIST_SIZE(a), 1);
    assert_ptr_equal(R_LIST_ITEMS(R_LIST_ITEMS(a)[0])[0], p);
    R_DECREF(a); /* now nothing outside refers to it */
    assert_int_equal(r_gc_collect(2), 3);
    assert_int_equal(deallocs, 1);
}

/* objects scanned before what refers to them look unreachable at first and
 * are taken back, transitively, when a reachable one reaches them */
static void test_objects_scanned_early_are_taken_back(void **state)
{
    (void)state;
    RObject *c = list(), *b = list(), *a = list(); /* scanned c, b, then a */
    append(a, b);
    append(b, c);
    append(c, a);
    RObject *p = probe(&probe_type, NULL);
    append(c, p);
    R_DECREF(p);
    R_DECREF(b);
    R_DECREF(c);
    assert_int_equal(r_gc_collect(2), 0);
    assert_int_equal(deallocs, 0);
    assert_ptr_equal(R_LIST_ITEMS(R_LIST_ITEMS(R_LIST_ITEMS(a)[0])[0])[0], a);
    /* a second collection finds the lists linked as before */
    assert_int_equal(r_gc_collect(2), 0);
    R_DECREF(a);
    assert_int_equal(r_gc_collect(2), 4);
    assert_int_equal(deallocs, 1);
}

/* what is only reachable from a cycle dies with it, cycles or not */
static void test_what_the_garbage_holds_dies_with_it(void **state)
{
    (void)state;
    RObject *a = list();
    append(a, a);
    RObject *p = probe(&probe_type, NULL);
    RObject *t = r_tuple_pack(1, p); /* a -> (p,) */
    append(a, t);
    R_DECREF(t);
    R_DECREF(p);
    R_DECREF(a);
    assert_int_equal(r_gc_collect(2), 3);
    assert_int_equal(deallocs, 1);
}

static void test_self_cycle_through_a_dict(void **state)
{
    (void)state;
    RObject *d = r_dict_new();
    RObject *p = probe(&probe_type, d);
    assert_int_equal(r_dict_set_item_cstr(d, "p", p), 0);
    R_DECREF(p);
    R_DECREF(d);
    assert_int_equal(r_gc_collect(2), 2);
    assert_int_equal(deallocs, 1);
}

static void test_finalizer_runs_once(void **state)
{
    (void)state;
    RObject *l = list();
    RObject *p = probe(&finalized_probe_type, l);
    append(l, p);
    R_DECREF(p);
    R_DECREF(l);
    assert_int_equal(r_gc_collect(2), 2);
    assert_int_equal(finalizes, 1);
    assert_int_equal(deallocs, 1);
    /* a collection asked for by a finaliser does nothing */
    assert_int_equal(collect_from_finalizer, 0);
}

/* PEP 442: what the finaliser makes reachable again survives, and its
 * finaliser is not called again when it becomes garbage once more */
static void test_resurrection_keeps_it_alive(void **state)
{
    (void)state;
    RObject *keep = list();
    resurrect_into = keep;
    RObject *l = list();
    RObject *p = probe(&finalized_probe_type, l);
    append(l, p);
    R_DECREF(p);
    R_DECREF(l);
    assert_int_equal(r_gc_collect(2), 0);
    assert_int_equal(finalizes, 1);
    assert_int_equal(deallocs, 0);
    assert_int_equal(R_LIST_SIZE(keep), 1);
    assert_ptr_equal(R_LIST_ITEMS(keep)[0], p);
    /* the cycle and what it reaches are intact */
    assert_ptr_equal(((Probe *)p)->ref, l);
    assert_ptr_equal(R_LIST_ITEMS(l)[0], p);
    resurrect_into = NULL;
    R_DECREF(keep); /* garbage again */
    assert_int_equal(r_gc_collect(2), 2);
    assert_int_equal(finalizes, 1);
    assert_int_equal(deallocs, 1);
}

/* reference counting frees it: the finaliser runs once there too */
static void test_finalizer_on_refcount_death(void **state)
{
    (void)state;
    RObject *p = probe(&finalized_probe_type, NULL);
    R_DECREF(p);
    assert_int_equal(finalizes, 1);
    assert_int_equal(deallocs, 1);
}

static void test_generations(void **state)
{
    (void)state;
    RObject *a = list();
    RObject *p = probe(&probe_type, a);
    append(a, p);
    R_DECREF(p);
    /* a survives a young collection (it is referred to): to generation 1 */
    assert_int_equal(r_gc_collect(0), 0);
    R_DECREF(a);
    assert_int_equal(r_gc_collect(0), 0); /* gen 0 no longer holds it */
    assert_int_equal(deallocs, 0);
    assert_int_equal(r_gc_collect(1), 2);
    assert_int_equal(deallocs, 1);
}

static void test_counts(void **state)
{
    (void)state;
    int before[R_GC_GENERATIONS], after[R_GC_GENERATIONS];
    r_gc_get_counts(before);
    assert_int_equal(before[0], 0); /* reset collected everything */
    RObject *a = list(), *b = list();
    r_gc_get_counts(after);
    assert_int_equal(after[0], 2);
    R_DECREF(a);
    r_gc_get_counts(after);
    assert_int_equal(after[0], 1);
    r_gc_collect(0);
    r_gc_get_counts(after);
    assert_int_equal(after[0], 0);
    assert_int_equal(after[1], before[1] + 1);
    R_DECREF(b);
}

static void test_tracking(void **state)
{
    (void)state;
    RObject *l = list();
    assert_true(r_gc_is_tracked(l));
    RObject *empty = r_tuple_empty(); /* static: no header */
    assert_false(r_gc_is_gc(empty));
    assert_false(r_gc_is_tracked(empty));
    assert_false(r_gc_is_gc((RObject *)&r_list_type));
    RObject *s = r_dict_new();
    assert_true(r_gc_is_tracked(s));
    R_DECREF(s);
    R_DECREF(empty);
    R_DECREF(l);
}

/* class A: pass; a = A(); A.a = a -- class, its dict, mro and instance */
static void test_class_and_instance_cycle(void **state)
{
    (void)state;
    RObject *name = r_str_intern("A");
    RObject *bases = r_tuple_empty();
    RObject *ns = r_dict_new();
    RObject *cls = r_type_new(name, bases, ns);
    assert_non_null(cls);
    assert_true(r_gc_is_tracked(cls));
    RObject *inst = r_call(cls, NULL, 0, NULL);
    assert_non_null(inst);
    assert_true(r_gc_is_tracked(inst));
    RObject *p = probe(&probe_type, NULL);
    assert_int_equal(r_setattr_cstr(inst, "p", p), 0);
    assert_int_equal(r_setattr_cstr(cls, "a", inst), 0);
    R_DECREF(p);
    R_DECREF(inst);
    R_DECREF(ns);
    R_DECREF(bases);
    R_DECREF(cls);
    assert_true(r_gc_collect(2) >= 4);
    assert_int_equal(deallocs, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cycle_of_lists_is_freed, reset),
        cmocka_unit_test_setup(test_cycle_reachable_from_outside_is_kept, reset),
        cmocka_unit_test_setup(test_objects_scanned_early_are_taken_back, reset),
        cmocka_unit_test_setup(test_what_the_garbage_holds_dies_with_it, reset),
        cmocka_unit_test_setup(test_self_cycle_through_a_dict, reset),
        cmocka_unit_test_setup(test_finalizer_runs_once, reset),
        cmocka_unit_test_setup(test_resurrection_keeps_it_alive, reset),
        cmocka_unit_test_setup(test_finalizer_on_refcount_death, reset),
        cmocka_unit_test_setup(test_generations, reset),
        cmocka_unit_test_setup(test_counts, reset),
        cmocka_unit_test_setup(test_tracking, reset),
        cmocka_unit_test_setup(test_class_and_instance_cycle, reset),
    };
    return cmocka_run_group_tests_name("gc", tests, setup, NULL);
}
