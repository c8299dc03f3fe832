/* range and slice: reprs, lengths, indexing and slicing of ranges (also
 * beyond 64 bits), membership, iteration both ways, equality and hashes;
 * slice reprs, indices() and the clamping every sequence relies on.
 * Expected values printed by CPython 3.12.1. */
#include "collections_test.h"

/* range(*args) through the type, stealing the arguments */
static RObject *range_call(size_t n, ...)
{
    RObject *args[4];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        args[i] = va_arg(ap, RObject *);
    va_end(ap);
    RObject *r = r_call((RObject *)&r_range_type, args, n, NULL);
    for (size_t i = 0; i < n; i++)
        R_DECREF(args[i]);
    return r;
}

static void test_range_basics(void **state)
{
    (void)state;
    assert_repr(range_call(1, I(5)), "range(0, 5)");
    assert_repr(range_call(3, I(0), I(10), I(2)), "range(0, 10, 2)");
    assert_repr(range_call(3, I(-3), I(3), I(-1)), "range(-3, 3, -1)");
    RObject *r = range3(0, 10, 3);
    assert_int_equal(r_length(r), 4);
    R_DECREF(r);
    r = range3(10, 0, -3);
    assert_int_equal(r_length(r), 4);
    static const int64_t down[] = {10, 7, 4, 1};
    assert_ints(r, down, 4);
    R_DECREF(r);
    r = range3(5, 5, 1);
    assert_int_equal(r_length(r), 0);
    assert_false(truth(r_incref(r)));
    R_DECREF(r);

    assert_null(range_call(0));
    assert_raised(r_exc_TypeError, "range expected at least 1 argument, got 0");
    assert_null(range_call(4, I(1), I(2), I(3), I(4)));
    assert_raised(r_exc_TypeError, "range expected at most 3 arguments, got 4");
    assert_null(range_call(3, I(0), I(1), I(0)));
    assert_raised(r_exc_ValueError, "range() arg 3 must not be zero");
    assert_null(range_call(1, S("a")));
    assert_raised(r_exc_TypeError, "'str' object cannot be interpreted as an integer");
    assert_null(call_kw((RObject *)&r_range_type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "range() takes no keyword arguments");
    r = range_call(1, big_power(2, 70));
    assert_int_equal(r_length(r), -1);
    assert_raised(r_exc_OverflowError, "Python int too large to convert to C ssize_t");
    R_DECREF(r);
}

static void test_range_subscript(void **state)
{
    (void)state;
    RObject *r = range3(0, 20, 3);
    assert_repr(item(r, slice_of(I(2), I(8), I(2))), "range(6, 21, 6)");
    assert_repr(item(r, slice_of(NULL, NULL, I(-1))), "range(18, -3, -3)");
    R_DECREF(r);
    r = range3(0, 10, 1);
    assert_repr(item(r, I(-3)), "7");
    assert_repr(item(r, slice_of(NULL, NULL, I(-2))), "range(9, -1, -2)");
    assert_repr(item(r, slice_of(I(-100), I(3), NULL)), "range(0, 3)");
    assert_null(item(r, I(10)));
    assert_raised(r_exc_IndexError, "range object index out of range");
    assert_null(item(r, big_power(2, 70)));
    assert_raised(r_exc_IndexError, "range object index out of range");
    assert_null(item(r, S("a")));
    assert_raised(r_exc_TypeError, "range indices must be integers or slices, not str");
    assert_null(item(r, slice_of(NULL, NULL, I(0))));
    assert_raised(r_exc_ValueError, "slice step cannot be zero");
    R_DECREF(r);
    r = range3(0, 10, 3);
    assert_repr(item(r, slice_of(I(5), I(1), I(-1))), "range(9, 3, -3)");
    R_DECREF(r);
    r = range3(0, 100, 1);
    assert_repr(item(r, slice_of(big_power(2, 70), NULL, NULL)), "range(100, 100)");
    R_DECREF(r);
    /* beyond 64 bits */
    RObject *big = big_power(2, 64);
    RObject *three = I(3), *one = I(1);
    RObject *end = check(ADD(big, three));
    r = check(r_range_new(big, end, one));
    assert_repr(check(r_sequence_list(r)),
                "[18446744073709551616, 18446744073709551617, 18446744073709551618]");
    RObject *it = check(r_get_iter(r));
    assert_string_equal(R_TYPE(it)->name, "longrange_iterator");
    R_DECREF(it);
    RObject *rev = check(call_method(r, "__reversed__", 0));
    assert_repr(check(r_sequence_list(rev)),
                "[18446744073709551618, 18446744073709551617, 18446744073709551616]");
    R_DECREF(rev);
    R_DECREF(r);
    r = range_call(1, r_incref(big));
    assert_repr(item(r, I(-1)), "18446744073709551615");
    R_DECREF(r);
    R_DECREF(end);
    R_DECREF(three);
    R_DECREF(one);
    R_DECREF(big);
    /* the fast iterator up to the last int64 */
    r = range3(9223372036854775805LL, INT64_MAX, 1);
    it = check(r_get_iter(r));
    assert_string_equal(R_TYPE(it)->name, "range_iterator");
    static const int64_t tail[] = {9223372036854775805LL, 9223372036854775806LL};
    assert_ints(it, tail, 2);
    R_DECREF(it);
    R_DECREF(r);
}

static int contains(RObject *r, RObject *v)
{
    int rc = r_contains(r, v);
    R_DECREF(v);
    return rc;
}

static void test_range_search_and_compare(void **state)
{
    (void)state;
    RObject *r = range3(0, 10, 5);
    assert_int_equal(contains(r, I(5)), 1);
    assert_int_equal(contains(r, I(6)), 0);
    assert_int_equal(contains(r, S("a")), 0);
    R_DECREF(r);
    r = range3(0, -10, -5);
    assert_int_equal(contains(r, I(-5)), 1);
    assert_int_equal(contains(r, I(0)), 1);
    assert_int_equal(contains(r, I(-10)), 0);
    R_DECREF(r);
    r = range3(0, 10, 3);
    assert_repr(call_method(r, "count", 1, I(3)), "1");
    assert_repr(call_method(r, "count", 1, I(4)), "0");
    assert_repr(call_method(r, "index", 1, I(9)), "3");
    assert_null(call_method(r, "index", 1, I(5)));
    assert_raised(r_exc_ValueError, "5 is not in range");
    assert_null(call_method(r, "index", 1, S("a")));
    assert_raised(r_exc_ValueError, "sequence.index(x): x not in sequence");
    RObject *rev = check(call_method(r, "__reversed__", 0));
    static const int64_t back[] = {9, 6, 3, 0};
    assert_ints(rev, back, 4);
    R_DECREF(rev);
    R_DECREF(r);
    r = range3(10, 0, -3);
    assert_repr(call_method(r, "index", 1, I(4)), "2");
    rev = check(call_method(r, "__reversed__", 0));
    static const int64_t up[] = {1, 4, 7, 10};
    assert_ints(rev, up, 4);
    R_DECREF(rev);
    R_DECREF(r);

    struct {
        int64_t a[3], b[3];
        bool equal;
    } eq[] = {
        {{0, 3, 1}, {0, 3, 1}, true}, {{0, 0, 1}, {5, 5, 1}, true},
        {{0, 3, 2}, {0, 4, 2}, true}, {{1, 2, 3}, {1, 2, 4}, true},
        {{1, 5, 3}, {1, 5, 4}, false},
    };
    for (size_t i = 0; i < sizeof eq / sizeof eq[0]; i++) {
        RObject *x = range3(eq[i].a[0], eq[i].a[1], eq[i].a[2]);
        RObject *y = range3(eq[i].b[0], eq[i].b[1], eq[i].b[2]);
        assert_int_equal(truth(r_richcompare(x, y, R_EQ)), eq[i].equal);
        if (eq[i].equal)
            assert_int_equal(r_hash(x), r_hash(y));
        R_DECREF(x);
        R_DECREF(y);
    }
    /* hash(range) is the hash of (len, start, step) */
    struct {
        int64_t a[3];
        int64_t hash;
    } hashes[] = {
        {{0, 5, 1}, 5795932985296280846LL},
        {{3, 9, 2}, 8875771415995032603LL},
    };
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++) {
        RObject *x = range3(hashes[i].a[0], hashes[i].a[1], hashes[i].a[2]);
        assert_int_equal(r_hash(x), hashes[i].hash);
        R_DECREF(x);
    }
    /* with None for what equality ignores: hash(range(0)) is
     * hash((0, None, None)), hash(range(1, 2, 5)) is hash((1, 1, None)) */
    RObject *empty = range3(0, 0, 1), *single = range3(1, 2, 5);
    RObject *t0 = T(3, I(0), r_incref(R_NONE), r_incref(R_NONE));
    RObject *t1 = T(3, I(1), I(1), r_incref(R_NONE));
    assert_int_equal(r_hash(empty), r_hash(t0));
    assert_int_equal(r_hash(single), r_hash(t1));
    R_DECREF(empty);
    R_DECREF(single);
    R_DECREF(t0);
    R_DECREF(t1);
    RObject *x = range3(0, 3, 1), *y = range3(0, 3, 1);
    assert_null(r_richcompare(x, y, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'range' and 'range'");
    R_DECREF(x);
    R_DECREF(y);
}

static void test_slice_objects(void **state)
{
    (void)state;
    assert_repr(slice_of(I(1), NULL, NULL), "slice(1, None, None)");
    assert_repr(slice_of(NULL, NULL, NULL), "slice(None, None, None)");
    assert_repr(slice_of(I(1), I(2), I(3)), "slice(1, 2, 3)");
    assert_repr(slice_of(S("a"), L(1, I(1)), NULL), "slice('a', [1], None)");
    RObject *type = (RObject *)&r_slice_type;
    RObject *one = I(1), *two = I(2);
    assert_repr(r_call(type, &one, 1, NULL), "slice(None, 1, None)");
    RObject *args[4] = {one, two, one, two};
    assert_repr(r_call(type, args, 2, NULL), "slice(1, 2, None)");
    assert_null(r_call(type, NULL, 0, NULL));
    assert_raised(r_exc_TypeError, "slice expected at least 1 argument, got 0");
    assert_null(r_call(type, args, 4, NULL));
    assert_raised(r_exc_TypeError, "slice expected at most 3 arguments, got 4");
    assert_null(call_kw(type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "slice() takes no keyword arguments");

    struct {
        RObject *slice;
        int64_t length;
        const char *indices;
    } cases[] = {
        {slice_of(I(1), I(10), I(2)), 5, "(1, 5, 2)"},
        {slice_of(NULL, NULL, I(-1)), 5, "(4, -1, -1)"},
        {slice_of(I(-100), I(100), NULL), 10, "(0, 10, 1)"},
        {slice_of(NULL, NULL, I(-3)), 0, "(-1, -1, -3)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_repr(call_method(cases[i].slice, "indices", 1, I(cases[i].length)),
                    cases[i].indices);
        R_DECREF(cases[i].slice);
    }
    /* slice(2**70, None, -2**70).indices(10) keeps the huge step */
    RObject *huge = big_power(2, 70);
    RObject *neg = check(SUB(one, huge));
    RObject *negstep = check(SUB(neg, one));
    RObject *s = check(r_slice_new(huge, NULL, negstep));
    assert_repr(call_method(s, "indices", 1, I(10)), "(9, -1, -1180591620717411303424)");
    assert_null(call_method(s, "indices", 1, I(-1)));
    assert_raised(r_exc_ValueError, "length should not be negative");
    R_DECREF(s);
    s = slice_of(I(1), I(2), I(0));
    assert_null(call_method(s, "indices", 1, I(5)));
    assert_raised(r_exc_ValueError, "slice step cannot be zero");
    R_DECREF(s);
    s = slice_of(S("a"), NULL, NULL);
    assert_null(call_method(s, "indices", 1, I(3)));
    assert_raised(r_exc_TypeError,
                  "slice indices must be integers or None or have an __index__ method");
    R_DECREF(s);

    /* comparison as tuples, and 3.12's hash */
    RObject *a = slice_of(I(1), I(2), NULL), *b = slice_of(I(1), I(2), NULL);
    RObject *c = slice_of(I(1), I(3), NULL), *d = slice_of(I(1), I(2), I(3));
    assert_true(truth(r_richcompare(a, b, R_EQ)));
    assert_true(truth(r_richcompare(a, c, R_LT)));
    assert_false(truth(r_richcompare(d, a, R_EQ)));
    assert_int_equal(r_hash(d), -2340833382717974474LL);
    R_DECREF(a);
    R_DECREF(b);
    R_DECREF(c);
    R_DECREF(d);
    R_DECREF(huge);
    R_DECREF(neg);
    R_DECREF(negstep);
    R_DECREF(one);
    R_DECREF(two);
}

/* PySlice_GetIndicesEx on the C side: the clamping the sequences use */
static void test_slice_indices_c(void **state)
{
    (void)state;
    struct {
        int64_t start, stop, step; /* INT64_MIN: None */
        ssize_t length;
        ssize_t exp_start, exp_stop, exp_step, exp_len;
    } cases[] = {
        {INT64_MIN, INT64_MIN, INT64_MIN, 10, 0, 10, 1, 10},
        {INT64_MIN, INT64_MIN, -1, 10, 9, -1, -1, 10},
        {-3, INT64_MIN, INT64_MIN, 10, 7, 10, 1, 3},
        {5, 2, INT64_MIN, 10, 5, 2, 1, 0},
        {8, 2, -2, 10, 8, 2, -2, 3},
        {-100, 100, 3, 10, 0, 10, 3, 4},
        {100, -100, -3, 10, 9, -1, -3, 4},
        {INT64_MIN, INT64_MIN, -3, 0, -1, -1, -3, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        RObject *s = slice_of(cases[i].start == INT64_MIN ? NULL : I(cases[i].start),
                            cases[i].stop == INT64_MIN ? NULL : I(cases[i].stop),
                            cases[i].step == INT64_MIN ? NULL : I(cases[i].step));
        ssize_t start, stop, step, len;
        assert_int_equal(r_slice_indices(s, cases[i].length, &start, &stop, &step, &len), 0);
        assert_int_equal(start, cases[i].exp_start);
        assert_int_equal(stop, cases[i].exp_stop);
        assert_int_equal(step, cases[i].exp_step);
        assert_int_equal(len, cases[i].exp_len);
        R_DECREF(s);
    }
    RObject *s = slice_of(NULL, NULL, I(0));
    ssize_t start, stop, step, len;
    assert_int_equal(r_slice_indices(s, 5, &start, &stop, &step, &len), -1);
    assert_raised(r_exc_ValueError, "slice step cannot be zero");
    R_DECREF(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_basics),
        cmocka_unit_test(test_range_subscript),
        cmocka_unit_test(test_range_search_and_compare),
        cmocka_unit_test(test_slice_objects),
        cmocka_unit_test(test_slice_indices_c),
    };
    return cmocka_run_group_tests_name("range_slice", tests, setup_objects, NULL);
}
