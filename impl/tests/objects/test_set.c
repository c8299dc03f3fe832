/* set and frozenset: iteration order after random sequences of additions,
 * deletions and pops, and the results of the operators, all compared with
 * what CPython 3.12.1 printed (expected_set_orders.h, expected_set_ops.h,
 * with the scripts); reprs, errors, comparisons and frozenset hashes. */
#include "collections_test.h"

typedef struct {
    char op; /* 'a' add, 'd' discard, 'p' pop (v: what CPython popped), 'r' remove + add */
    int64_t v;
} set_op;

typedef struct {
    const set_op *ops;
    size_t nops;
    const int64_t *order;
    size_t norder;
} set_scenario;

typedef struct {
    const int64_t *a_src;
    size_t na;
    const int64_t *b_src;
    size_t nb;
    const int64_t *or_;
    size_t nor;
    const int64_t *and_;
    size_t nand;
    const int64_t *sub;
    size_t nsub;
    const int64_t *xor_;
    size_t nxor;
    const int64_t *fromlist;
    size_t nfromlist;
    const int64_t *unionlist;
    size_t nunion;
    int64_t frozen_hash;
    int le, lt, eq, disjoint;
} setop_case;

#include "expected_set_orders.h"
#include "expected_set_ops.h"

static void run_op(RObject *s, const set_op *op)
{
    RObject *v = I(op->v);
    switch (op->op) {
    case 'a':
        assert_int_equal(r_set_add(s, v), 0);
        break;
    case 'd':
        assert_true(r_set_discard(s, v) >= 0);
        break;
    case 'p': {
        RObject *popped = check(r_set_pop(s));
        assert_int_equal(as_i64(popped), op->v);
        R_DECREF(popped);
        break;
    }
    case 'r':
        R_DECREF(check(call_method(s, "remove", 1, r_incref(v))));
        assert_int_equal(r_set_add(s, v), 0);
        break;
    }
    R_DECREF(v);
}

static void test_iteration_order_matches_cpython(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
        RObject *s = check(r_set_new(NULL));
        for (size_t i = 0; i < scenarios[k].nops; i++)
            run_op(s, &scenarios[k].ops[i]);
        assert_ints(s, scenarios[k].order, scenarios[k].norder);
        assert_int_equal(r_set_size(s), scenarios[k].norder);
        R_DECREF(s);
    }
}

static RObject *set_from(const int64_t *v, size_t n)
{
    RObject *s = check(r_set_new(NULL));
    for (size_t i = 0; i < n; i++) {
        RObject *x = I(v[i]);
        assert_int_equal(r_set_add(s, x), 0);
        R_DECREF(x);
    }
    return s;
}

static bool cmp(RObject *a, RObject *b, r_cmpop op)
{
    return truth(r_richcompare(a, b, op));
}

static void test_operators_match_cpython(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof setop_cases / sizeof setop_cases[0]; k++) {
        const setop_case *c = &setop_cases[k];
        RObject *a = set_from(c->a_src, c->na), *b = set_from(c->b_src, c->nb);
        RObject *r = check(OR(a, b));
        assert_ints(r, c->or_, c->nor);
        R_DECREF(r);
        r = check(AND(a, b));
        assert_ints(r, c->and_, c->nand);
        R_DECREF(r);
        r = check(SUB(a, b));
        assert_ints(r, c->sub, c->nsub);
        R_DECREF(r);
        r = check(XOR(a, b));
        assert_ints(r, c->xor_, c->nxor);
        R_DECREF(r);
        RObject *alist = int_list(c->a_src, c->na), *blist = int_list(c->b_src, c->nb);
        r = check(r_set_new(alist));
        assert_ints(r, c->fromlist, c->nfromlist);
        R_DECREF(r);
        r = check(call_method(a, "union", 1, r_incref(blist)));
        assert_ints(r, c->unionlist, c->nunion);
        R_DECREF(r);
        RObject *frozen = check(r_frozenset_new(a));
        assert_int_equal(r_hash(frozen), c->frozen_hash);
        R_DECREF(frozen);
        assert_int_equal(cmp(a, b, R_LE), c->le);
        assert_int_equal(cmp(a, b, R_LT), c->lt);
        assert_int_equal(cmp(a, b, R_EQ), c->eq);
        r = check(call_method(a, "isdisjoint", 1, r_incref(b)));
        assert_int_equal(truth(r), c->disjoint);
        R_DECREF(alist);
        R_DECREF(blist);
        R_DECREF(a);
        R_DECREF(b);
    }
}

static void test_tuples_and_frozenset_hashes(void **state)
{
    (void)state;
    RObject *s = check(r_set_new(NULL));
    for (size_t i = 0; i < TUPLE_SRC_LEN; i++) {
        RObject *t = T(2, I(tuple_src[i][0]), I(tuple_src[i][1]));
        assert_int_equal(r_set_add(s, t), 0);
        R_DECREF(t);
    }
    RObject *items = check(r_sequence_list(s));
    assert_int_equal(R_LIST_SIZE(items), TUPLE_ORDER_LEN);
    for (size_t i = 0; i < TUPLE_ORDER_LEN; i++) {
        RObject *t = R_LIST_ITEMS(items)[i];
        assert_int_equal(as_i64(R_TUPLE_GET(t, 0)), tuple_order[i][0]);
        assert_int_equal(as_i64(R_TUPLE_GET(t, 1)), tuple_order[i][1]);
    }
    R_DECREF(items);
    R_DECREF(s);

    RObject *f[5];
    f[0] = check(r_frozenset_new(NULL));
    RObject *l = L(1, I(1));
    f[1] = check(r_frozenset_new(l));
    R_DECREF(l);
    l = L(2, T(2, I(1), I(2)), T(2, I(3), I(4)));
    f[2] = check(r_frozenset_new(l));
    R_DECREF(l);
    RObject *inner_src = L(2, I(1), I(2));
    l = L(2, check(r_frozenset_new(inner_src)), I(3));
    R_DECREF(inner_src);
    f[3] = check(r_frozenset_new(l));
    R_DECREF(l);
    RObject *r100 = range3(0, 100, 1);
    f[4] = check(r_frozenset_new(r100));
    R_DECREF(r100);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(r_hash(f[i]), frozenset_hashes[i]);
        R_DECREF(f[i]);
    }
}

static void test_repr(void **state)
{
    (void)state;
    assert_repr(check(r_set_new(NULL)), "set()");
    assert_repr(check(r_frozenset_new(NULL)), "frozenset()");
    RObject *l = L(3, I(3), I(1), I(2));
    assert_repr(check(r_set_new(l)), "{1, 2, 3}");
    assert_repr(check(r_frozenset_new(l)), "frozenset({1, 2, 3})");
    R_DECREF(l);
    RObject *one = L(1, I(1));
    l = L(1, check(r_frozenset_new(one)));
    assert_repr(check(r_set_new(l)), "{frozenset({1})}");
    R_DECREF(l);
    R_DECREF(one);
}

static void test_errors(void **state)
{
    (void)state;
    RObject *s = check(r_set_new(NULL));
    assert_null(r_set_pop(s));
    assert_raised(r_exc_KeyError, "'pop from an empty set'");
    assert_null(call_method(s, "remove", 1, I(3)));
    assert_raised(r_exc_KeyError, "3");
    assert_null(call_method(s, "remove", 1, T(1, I(1))));
    assert_raised(r_exc_KeyError, "(1,)");
    RObject *lst = L(0);
    assert_int_equal(r_set_add(s, lst), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'list'");
    assert_null(OR(s, lst));
    assert_raised(r_exc_TypeError, "unsupported operand type(s) for |: 'set' and 'list'");
    assert_null(r_richcompare(s, lst, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'set' and 'list'");
    assert_int_equal(r_hash(s), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'set'");
    assert_null(call_method(s, "add", 0));
    assert_raised(r_exc_TypeError, "set.add() takes exactly one argument (0 given)");
    RObject *type = (RObject *)&r_set_type;
    RObject *args[2] = {lst, lst};
    assert_null(r_call(type, args, 2, NULL));
    assert_raised(r_exc_TypeError, "set expected at most 1 argument, got 2");
    assert_null(call_kw(type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "set() takes no keyword arguments");
    assert_null(call_kw((RObject *)&r_frozenset_type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "frozenset() takes no keyword arguments");
    RObject *one = I(1);
    assert_null(r_call(type, &one, 1, NULL));
    assert_raised(r_exc_TypeError, "'int' object is not iterable");
    /* changing the size while iterating */
    assert_int_equal(r_set_add(s, one), 0);
    RObject *it = check(r_get_iter(s));
    RObject *two = I(2);
    assert_int_equal(r_set_add(s, two), 0);
    assert_null(r_iter_next(it));
    assert_raised(r_exc_RuntimeError, "Set changed size during iteration");
    R_DECREF(it);
    R_DECREF(two);
    R_DECREF(one);
    R_DECREF(lst);
    R_DECREF(s);
}

static void test_set_keys_and_identity(void **state)
{
    (void)state;
    /* a set is looked up as a frozenset when it is a key */
    RObject *inner = L(2, I(1), I(2));
    RObject *frozen = check(r_frozenset_new(inner));
    RObject *outer = L(1, r_incref(frozen));
    RObject *s = check(r_set_new(outer));
    RObject *probe = check(r_set_new(inner));
    assert_int_equal(r_contains(s, probe), 1);
    R_DECREF(check(call_method(s, "discard", 1, r_incref(probe))));
    assert_int_equal(r_set_size(s), 0);
    /* frozenset(f) is f; a set equals a frozenset with the same items */
    RObject *again = check(r_frozenset_new(frozen));
    assert_ptr_equal(again, frozen);
    assert_true(cmp(probe, frozen, R_EQ));
    /* in-place operators keep the object */
    RObject *one = L(1, I(9));
    RObject *other = check(r_set_new(one));
    RObject *r = check(r_set_inplace_or(probe, other));
    assert_ptr_equal(r, probe);
    R_DECREF(r);
    assert_repr(r_incref(probe), "{1, 2, 9}");
    r = check(r_set_inplace_and(probe, frozen));
    assert_ptr_equal(r, probe);
    R_DECREF(r);
    assert_repr(r_incref(probe), "{1, 2}");
    r = check(r_set_inplace_xor(probe, other));
    R_DECREF(r);
    assert_repr(r_incref(probe), "{1, 2, 9}");
    r = check(r_set_inplace_sub(probe, frozen));
    R_DECREF(r);
    assert_repr(r_incref(probe), "{9}");
    r = check(r_set_inplace_or(probe, one));
    assert_ptr_equal(r, R_NOTIMPLEMENTED);
    R_DECREF(r);
    R_DECREF(other);
    R_DECREF(one);
    R_DECREF(again);
    R_DECREF(probe);
    R_DECREF(s);
    R_DECREF(outer);
    R_DECREF(frozen);
    R_DECREF(inner);
}

static void test_methods(void **state)
{
    (void)state;
    RObject *src = L(5, I(1), I(2), I(3), I(4), I(5));
    RObject *s = check(r_set_new(src));
    RObject *l2 = L(3, I(4), I(5), I(6));
    assert_repr(call_method(s, "intersection", 1, r_incref(l2)), "{4, 5}");
    assert_repr(call_method(s, "difference", 2, r_incref(l2), L(1, I(1))), "{2, 3}");
    assert_repr(call_method(s, "symmetric_difference", 1, r_incref(l2)), "{1, 2, 3, 6}");
    assert_false(truth(call_method(s, "issubset", 1, r_incref(l2))));
    assert_true(truth(call_method(s, "issuperset", 1, L(2, I(1), I(5)))));
    assert_true(truth(call_method(s, "isdisjoint", 1, L(1, I(7)))));
    R_DECREF(check(call_method(s, "update", 2, r_incref(l2), T(1, I(0)))));
    assert_repr(r_incref(s), "{0, 1, 2, 3, 4, 5, 6}");
    R_DECREF(check(call_method(s, "difference_update", 1, L(2, I(0), I(6)))));
    R_DECREF(check(call_method(s, "intersection_update", 1, L(3, I(1), I(2), I(3)))));
    assert_repr(r_incref(s), "{1, 2, 3}");
    RObject *copy = check(call_method(s, "copy", 0));
    R_DECREF(check(call_method(s, "clear", 0)));
    assert_repr(r_incref(s), "set()");
    assert_repr(copy, "{1, 2, 3}");
    R_DECREF(l2);
    R_DECREF(s);
    R_DECREF(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iteration_order_matches_cpython),
        cmocka_unit_test(test_operators_match_cpython),
        cmocka_unit_test(test_tuples_and_frozenset_hashes),
        cmocka_unit_test(test_repr),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_set_keys_and_identity),
        cmocka_unit_test(test_methods),
    };
    return cmocka_run_group_tests_name("set", tests, setup_objects, NULL);
}
