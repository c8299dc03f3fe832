/* tuple: reprs, the xxHash-based hash, comparison, indexing and slicing,
 * concatenation and repetition, methods and tuple(iterable); expected
 * values printed by CPython 3.12.1. */
#include "collections_test.h"

static void test_repr(void **state)
{
    (void)state;
    assert_repr(r_tuple_empty(), "()");
    assert_repr(T(1, I(1)), "(1,)");
    assert_repr(T(2, I(1), I(2)), "(1, 2)");
    assert_repr(T(1, r_tuple_empty()), "((),)");
    assert_repr(T(1, T(1, I(1))), "((1,),)");
    assert_repr(T(3, I(1), S("a"), T(2, I(2), I(3))), "(1, 'a', (2, 3))");
    /* t = ([],); t[0].append(t) */
    RObject *inner = L(0);
    RObject *t = T(1, r_incref(inner));
    assert_int_equal(r_list_append(inner, t), 0);
    assert_repr(r_incref(t), "([(...)],)");
    RObject *zero = I(0);
    assert_int_equal(r_setitem(inner, zero, zero), 0); /* break the cycle */
    R_DECREF(zero);
    R_DECREF(inner);
    R_DECREF(t);
}

static void test_empty_is_one_object(void **state)
{
    (void)state;
    RObject *a = r_tuple_empty(), *b = check(r_tuple_new(0));
    assert_ptr_equal(a, b);
    RObject *c = check(r_call((RObject *)&r_tuple_type, NULL, 0, NULL));
    assert_ptr_equal(a, c);
    RObject *empty_list = L(0);
    RObject *d = check(r_sequence_tuple(empty_list));
    assert_ptr_equal(a, d);
    R_DECREF(a);
    R_DECREF(b);
    R_DECREF(c);
    R_DECREF(d);
    R_DECREF(empty_list);
}

static void assert_hash(RObject *o, int64_t expected)
{
    int64_t h = r_hash(check(o));
    assert_int_equal(h, expected);
    R_DECREF(o);
}

static void test_hash(void **state)
{
    (void)state;
    assert_hash(r_tuple_empty(), 5740354900026072187LL);
    assert_hash(T(1, I(1)), -6644214454873602895LL);
    assert_hash(T(3, I(1), I(2), I(3)), 529344067295497451LL);
    assert_hash(T(1, I(-1)), 8078679518589016365LL);
    assert_hash(T(1, I(-2)), 8078679518589016365LL); /* hash(-1) == hash(-2) */
    assert_hash(T(2, T(2, I(1), I(2)), T(1, I(3))), -8303551883679707139LL);
    assert_hash(T(2, I(4611686018427387904LL), I(INT64_MIN)), 5854750728075208086LL);
}

/* (1, (2, (3, (4,)))) and (0,) * 20 and (2**61-1, 2**61) */
static void test_hash_nested(void **state)
{
    (void)state;
    assert_hash(T(2, I(1), T(2, I(2), T(2, I(3), T(1, I(4))))), 135294473449115980LL);
    RObject *zeros = check(r_tuple_new(20));
    for (int i = 0; i < 20; i++)
        R_TUPLE_ITEMS(zeros)[i] = I(0);
    assert_hash(zeros, 7166364623994427980LL);
    assert_hash(T(2, I(2305843009213693951LL), I(2305843009213693952LL)), -1950498447580522560LL);
    /* a list item makes the tuple unhashable */
    RObject *t = T(2, I(1), L(0));
    assert_int_equal(r_hash(t), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'list'");
    R_DECREF(t);
}

static bool cmp(RObject *a, RObject *b, r_cmpop op)
{
    bool r = truth(r_richcompare(a, b, op));
    R_DECREF(a);
    R_DECREF(b);
    return r;
}

static void test_compare(void **state)
{
    (void)state;
    assert_true(cmp(T(2, I(1), I(2)), T(2, I(1), I(3)), R_LT));
    assert_true(cmp(T(2, I(1), I(2)), T(3, I(1), I(2), I(0)), R_LT));
    assert_false(cmp(T(3, I(1), I(2), I(0)), T(2, I(1), I(2)), R_LE));
    assert_true(cmp(T(2, I(1), I(2)), T(2, I(1), I(2)), R_EQ));
    assert_true(cmp(T(2, I(1), I(2)), T(2, I(1), I(2)), R_GE));
    assert_true(cmp(T(1, I(2)), T(2, I(1), I(9)), R_GT));
    assert_true(cmp(T(1, I(2)), T(2, I(1), I(9)), R_NE));
    assert_true(cmp(r_tuple_empty(), r_tuple_empty(), R_LE));
    /* a tuple is never equal to a list */
    assert_false(cmp(T(1, I(1)), L(1, I(1)), R_EQ));
    /* the first differing items decide, with the operator asked for */
    RObject *a = T(2, I(1), I(2)), *b = T(2, I(1), S("x"));
    assert_null(r_richcompare(a, b, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'int' and 'str'");
    assert_false(cmp(a, b, R_EQ));
    RObject *c = T(1, I(1)), *d = L(1, I(1));
    assert_null(r_richcompare(c, d, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'tuple' and 'list'");
    R_DECREF(c);
    R_DECREF(d);
}

static void test_subscript(void **state)
{
    (void)state;
    RObject *t = T(6, I(1), I(2), I(3), I(4), I(5), I(6));
    RObject *v = check(item(t, I(-1)));
    assert_int_equal(as_i64(v), 6);
    R_DECREF(v);
    assert_null(item(t, I(6)));
    assert_raised(r_exc_IndexError, "tuple index out of range");
    assert_null(item(t, I(-7)));
    assert_raised(r_exc_IndexError, "tuple index out of range");
    RObject *big = big_power(2, 70);
    assert_null(r_getitem(t, big));
    assert_raised(r_exc_IndexError, "cannot fit 'int' into an index-sized integer");
    RObject *key = S("a");
    assert_null(r_getitem(t, key));
    assert_raised(r_exc_TypeError, "tuple indices must be integers or slices, not str");
    R_DECREF(key);

    /* (1,2,3,4,5,6)[::-2], [-2:1:-2], [1:4:2], [-9:2], [10:] */
    RObject *s;
    s = slice_of(NULL, NULL, I(-2));
    assert_repr(r_getitem(t, s), "(6, 4, 2)");
    R_DECREF(s);
    s = slice_of(I(-2), I(1), I(-2));
    assert_repr(r_getitem(t, s), "(5, 3)");
    R_DECREF(s);
    s = slice_of(I(1), I(4), I(2));
    assert_repr(r_getitem(t, s), "(2, 4)");
    R_DECREF(s);
    s = slice_of(I(-9), I(2), NULL);
    assert_repr(r_getitem(t, s), "(1, 2)");
    R_DECREF(s);
    s = slice_of(I(10), NULL, NULL);
    assert_repr(r_getitem(t, s), "()");
    R_DECREF(s);
    s = slice_of(NULL, r_incref(big), NULL);
    RObject *whole = check(r_getitem(t, s));
    assert_ptr_equal(whole, t); /* t[:] is t */
    R_DECREF(whole);
    R_DECREF(s);
    s = slice_of(NULL, NULL, I(0));
    assert_null(r_getitem(t, s));
    assert_raised(r_exc_ValueError, "slice step cannot be zero");
    R_DECREF(s);
    s = slice_of(S("a"), NULL, NULL);
    assert_null(r_getitem(t, s));
    assert_raised(r_exc_TypeError,
                  "slice indices must be integers or None or have an __index__ method");
    R_DECREF(s);
    R_DECREF(big);
    R_DECREF(t);
}

static void test_concat_repeat(void **state)
{
    (void)state;
    RObject *a = T(2, I(1), I(2)), *b = T(1, I(3));
    assert_repr(ADD(a, b), "(1, 2, 3)");
    RObject *e = r_tuple_empty();
    RObject *same = check(ADD(a, e));
    assert_ptr_equal(same, a);
    R_DECREF(same);
    R_DECREF(e);
    RObject *l = L(1, I(1));
    assert_null(ADD(a, l));
    assert_raised(r_exc_TypeError, "can only concatenate tuple (not \"list\") to tuple");
    RObject *one = I(1);
    assert_null(ADD(one, a));
    assert_raised(r_exc_TypeError, "unsupported operand type(s) for +: 'int' and 'tuple'");
    RObject *three = I(3);
    assert_repr(MUL(a, three), "(1, 2, 1, 2, 1, 2)");
    assert_repr(MUL(three, b), "(3, 3, 3)");
    RObject *neg = I(-1);
    assert_repr(MUL(a, neg), "()");
    RObject *f = S("x");
    assert_null(MUL(a, f));
    assert_raised(r_exc_TypeError, "can't multiply sequence by non-int of type 'str'");
    assert_null(MUL(a, l));
    assert_raised(r_exc_TypeError, "can't multiply sequence by non-int of type 'list'");
    RObject *big = big_power(2, 70);
    assert_null(MUL(a, big));
    assert_raised(r_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
    R_DECREF(big);
    R_DECREF(f);
    R_DECREF(neg);
    R_DECREF(three);
    R_DECREF(one);
    R_DECREF(l);
    R_DECREF(a);
    R_DECREF(b);
}

static void test_methods(void **state)
{
    (void)state;
    RObject *t = T(5, I(1), I(2), I(1), S("a"), I(1));
    RObject *r = check(call_method(t, "count", 1, I(1)));
    assert_int_equal(as_i64(r), 3);
    R_DECREF(r);
    r = check(call_method(t, "index", 1, S("a")));
    assert_int_equal(as_i64(r), 3);
    R_DECREF(r);
    r = check(call_method(t, "index", 2, I(1), I(1)));
    assert_int_equal(as_i64(r), 2);
    R_DECREF(r);
    r = check(call_method(t, "index", 3, I(1), I(-2), I(100)));
    assert_int_equal(as_i64(r), 4);
    R_DECREF(r);
    assert_null(call_method(t, "index", 3, I(1), I(3), I(4)));
    assert_raised(r_exc_ValueError, "tuple.index(x): x not in tuple");
    assert_null(call_method(t, "index", 0));
    assert_raised(r_exc_TypeError, "index expected at least 1 argument, got 0");
    assert_null(call_method(t, "index", 2, I(1), S("a")));
    assert_raised(r_exc_TypeError, "slice indices must be integers or have an __index__ method");
    assert_null(call_method(t, "count", 0));
    assert_raised(r_exc_TypeError, "tuple.count() takes exactly one argument (0 given)");
    RObject *x = I(2), *y = I(7);
    assert_int_equal(r_contains(t, x), 1);
    assert_int_equal(r_contains(t, y), 0);
    assert_int_equal(r_length(t), 5);
    R_DECREF(x);
    R_DECREF(y);
    R_DECREF(t);
}

static void test_constructor(void **state)
{
    (void)state;
    RObject *type = (RObject *)&r_tuple_type;
    RObject *l = L(3, I(1), I(2), I(3));
    RObject *t = check(r_call(type, &l, 1, NULL));
    assert_repr(r_incref(t), "(1, 2, 3)");
    RObject *same = check(r_call(type, &t, 1, NULL));
    assert_ptr_equal(same, t);
    R_DECREF(same);
    RObject *args[2] = {l, l};
    assert_null(r_call(type, args, 2, NULL));
    assert_raised(r_exc_TypeError, "tuple expected at most 1 argument, got 2");
    assert_null(call_kw(type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "tuple() takes no keyword arguments");
    RObject *one = I(1);
    assert_null(r_call(type, &one, 1, NULL));
    assert_raised(r_exc_TypeError, "'int' object is not iterable");
    RObject *rng = range3(1, 4, 1);
    RObject *ts = check(r_sequence_tuple(rng));
    assert_repr(ts, "(1, 2, 3)");
    R_DECREF(rng);
    /* iteration */
    RObject *it = check(r_get_iter(t));
    RObject *item;
    int64_t expect = 1;
    while ((item = r_iter_next(it)) != NULL) {
        assert_int_equal(as_i64(item), expect++);
        R_DECREF(item);
    }
    assert_false(r_err_occurred());
    assert_int_equal(expect, 4);
    assert_null(r_iter_next(it)); /* stays exhausted */
    R_DECREF(it);
    R_DECREF(one);
    R_DECREF(t);
    R_DECREF(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repr),        cmocka_unit_test(test_empty_is_one_object),
        cmocka_unit_test(test_hash),        cmocka_unit_test(test_hash_nested),
        cmocka_unit_test(test_compare),     cmocka_unit_test(test_subscript),
        cmocka_unit_test(test_concat_repeat), cmocka_unit_test(test_methods),
        cmocka_unit_test(test_constructor),
    };
    return cmocka_run_group_tests_name("tuple", tests, setup_objects, NULL);
}
