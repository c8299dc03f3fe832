/* dict: insertion order through deletions and re-insertions, popitem, the
 * "changed during iteration" errors -- which depend on CPython's exact
 * table sizes and resize points --, reprs, KeyError, the constructor, the
 * methods and the views; expected values printed by CPython 3.12.1. */
#include "collections_test.h"

static RObject *D(void)
{
    return check(r_dict_new());
}

static void set_ii(RObject *d, int64_t k, int64_t v)
{
    RObject *key = I(k), *value = I(v);
    assert_int_equal(r_dict_set_item(d, key, value), 0);
    R_DECREF(key);
    R_DECREF(value);
}

static void del_i(RObject *d, int64_t k)
{
    RObject *key = I(k);
    assert_int_equal(r_dict_del_item(d, key), 0);
    R_DECREF(key);
}

static void test_order_and_repr(void **state)
{
    (void)state;
    RObject *d = D();
    assert_repr(r_incref(d), "{}");
    RObject *a = S("a"), *b = S("b"), *c = S("c"), *bb = S("B");
    RObject *k1 = I(1), *k2 = I(2), *k3 = I(3);
    r_dict_set_item(d, k1, a);
    r_dict_set_item(d, k2, b);
    r_dict_set_item(d, k3, c);
    assert_int_equal(r_dict_del_item(d, k2), 0);
    r_dict_set_item(d, k2, bb);
    assert_repr(r_incref(d), "{1: 'a', 3: 'c', 2: 'B'}");
    assert_repr(call_method(d, "popitem", 0), "(2, 'B')");
    assert_repr(r_incref(d), "{1: 'a', 3: 'c'}");
    /* replacing a value keeps the position */
    r_dict_set_item(d, k1, bb);
    assert_repr(r_incref(d), "{1: 'B', 3: 'c'}");
    /* recursion */
    RObject *inner = L(1, r_incref(d));
    r_dict_set_item(d, k2, inner);
    assert_repr(r_incref(d), "{1: 'B', 3: 'c', 2: [{...}]}");
    R_DECREF(check(call_method(d, "clear", 0)));
    assert_repr(r_incref(d), "{}");
    RObject *t = T(2, I(1), I(2));
    r_dict_set_item(d, t, k3);
    assert_repr(r_incref(d), "{(1, 2): 3}");
    R_DECREF(t);
    R_DECREF(inner);
    R_DECREF(a);
    R_DECREF(b);
    R_DECREF(c);
    R_DECREF(bb);
    R_DECREF(k1);
    R_DECREF(k2);
    R_DECREF(k3);
    R_DECREF(d);
}

/* for k in d: seen.append(k); del d[k]; d[next] = None, where next is
 * 100 + len(seen) as an int or as "k<n>"; then the error, if any, and d. */
static void churn(RObject *d, bool str_keys, const char *seen_repr, const char *error,
                  const char *after_repr)
{
    RObject *seen = L(0);
    RObject *it = check(r_get_iter(d));
    RObject *k;
    while ((k = r_iter_next(it)) != NULL) {
        assert_int_equal(r_list_append(seen, k), 0);
        assert_int_equal(r_dict_del_item(d, k), 0);
        R_DECREF(k);
        char buf[32];
        snprintf(buf, sizeof buf, "k%zd", R_LIST_SIZE(seen) + 100);
        RObject *next = str_keys ? S(buf) : I(R_LIST_SIZE(seen) + 100);
        assert_int_equal(r_dict_set_item(d, next, R_NONE), 0);
        R_DECREF(next);
        assert_true(R_LIST_SIZE(seen) < 100);
    }
    if (error[0])
        assert_raised(r_exc_RuntimeError, error);
    else
        assert_false(r_err_occurred());
    R_DECREF(it);
    assert_repr(seen, seen_repr);
    RObject *keys = check(r_sequence_list(d));
    assert_repr(keys, after_repr);
    R_DECREF(d);
}

static RObject *int_dict(int n)
{
    RObject *d = D();
    for (int i = 0; i < n; i++)
        set_ii(d, i, i);
    return d;
}

static int64_t get_i(RObject *d, int64_t k)
{
    RObject *key = I(k);
    RObject *v = r_dict_get_item(d, key);
    R_DECREF(key);
    return v ? r_int_as_i64(v) : -1;
}

/* Every key of 0..n is found with its value, but those below gone. */
static void check_keys(RObject *d, int64_t gone, int64_t n)
{
    for (int64_t i = 0; i <= n; i++)
        assert_int_equal(get_i(d, i), i < gone || i == n ? -1 : i * 2);
    ssize_t pos = 0;
    RObject *k, *v;
    int64_t expected = gone;
    while (r_dict_next(d, &pos, &k, &v))
        assert_int_equal(r_int_as_i64(k), expected++);
    assert_int_equal(expected, n);
}

/* A table of each index width (1, 2 and 4 bytes: up to 2**7, 2**15 and
 * 2**31 slots) filled to the brim, checked before it resizes; then the
 * first quarter deleted, and more keys added, which resizes it. */
static void check_table(int64_t n)
{
    RObject *d = D();
    for (int64_t i = 0; i < n; i++)
        set_ii(d, i, i * 2);
    check_keys(d, 0, n);
    for (int64_t i = 0; i < n / 4; i++)
        del_i(d, i);
    check_keys(d, n / 4, n);
    for (int64_t i = n; i < n + n / 8; i++)
        set_ii(d, i, i * 2);
    check_keys(d, n / 4, n + n / 8);
    R_DECREF(d);
}

static void test_every_index_width(void **state)
{
    (void)state;
    /* the most each width holds (2/3 of its largest table), and more */
    const int64_t sizes[] = {85, 170, 21845, 43690, 100000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        check_table(sizes[i]);
}

static const char KEYS_CHANGED[] = "dictionary keys changed during iteration";

static void test_changed_during_iteration(void **state)
{
    (void)state;
    RObject *d = D();
    set_ii(d, 0, 0);
    churn(d, false, "[0]", KEYS_CHANGED, "[101]");

    d = D();
    RObject *k0 = S("k0");
    r_dict_set_item(d, k0, R_NONE);
    R_DECREF(k0);
    churn(d, true, "['k0']", KEYS_CHANGED, "['k101']");

    churn(int_dict(6), false, "[0, 1, 2, 3, 4, 105]", KEYS_CHANGED,
          "[5, 101, 102, 103, 104, 106]");

    /* version: 3.11+ resize a str-only table when the first other key comes
     * in; 3.8-3.10 print ['a', 'b', 'c'] and no error here */
    d = D();
    const char *names[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        RObject *key = S(names[i]), *v = I(i + 1);
        r_dict_set_item(d, key, v);
        R_DECREF(key);
        R_DECREF(v);
    }
    churn(d, false, "['a', 'c', 101]", KEYS_CHANGED, "['b', 102, 103]");

    /* with holes, as a copy, through dict(), through update() */
    RObject *holes = int_dict(10);
    for (int i = 0; i < 10; i += 2)
        del_i(holes, i);
    churn(check(r_dict_copy(holes)), false, "[1, 5, 7, 9, 101]", KEYS_CHANGED,
          "[3, 102, 103, 104, 105]");
    churn(check(r_call((RObject *)&r_dict_type, &holes, 1, NULL)), false, "[1, 5, 7, 9, 101]",
          KEYS_CHANGED, "[3, 102, 103, 104, 105]");
    d = D();
    assert_int_equal(r_dict_update(d, holes), 0);
    churn(d, false, "[1, 5, 7, 9, 101]", KEYS_CHANGED, "[3, 102, 103, 104, 105]");
    R_DECREF(holes);

    /* after clear() */
    d = int_dict(5);
    R_DECREF(check(call_method(d, "clear", 0)));
    set_ii(d, 7, 7);
    churn(d, false, "[7]", KEYS_CHANGED, "[101]");

    /* after popitem(), whose slots are reused */
    d = int_dict(8);
    for (int i = 0; i < 3; i++)
        R_DECREF(check(call_method(d, "popitem", 0)));
    set_ii(d, 50, 1);
    set_ii(d, 51, 2);
    assert_repr(check(r_sequence_list(d)), "[0, 1, 2, 3, 4, 50, 51]");
    churn(d, false, "[0, 2, 3, 4, 50, 51, 101]", KEYS_CHANGED,
          "[1, 102, 103, 104, 105, 106, 107]");

    /* fromkeys presizes */
    RObject *r3 = range3(0, 3, 1);
    RObject *fromkeys = check(r_getattr_cstr((RObject *)&r_dict_type, "fromkeys"));
    churn(check(r_call(fromkeys, &r3, 1, NULL)), false, "[0, 1, 2]", "", "[101, 102, 103]");
    R_DECREF(fromkeys);
    R_DECREF(r3);

    d = D();
    set_ii(d, 0, 0);
    R_DECREF(check(call_method(d, "setdefault", 2, I(1), I(1))));
    churn(d, false, "[0, 1]", KEYS_CHANGED, "[101, 102]");

    /* growing while iterating */
    d = int_dict(2);
    RObject *it = check(r_get_iter(d));
    RObject *first = check(r_iter_next(it));
    set_ii(d, 11, 0);
    assert_null(r_iter_next(it));
    assert_raised(r_exc_RuntimeError, "dictionary changed size during iteration");
    assert_null(r_iter_next(it)); /* stays broken */
    assert_raised(r_exc_RuntimeError, "dictionary changed size during iteration");
    R_DECREF(first);
    R_DECREF(it);
    R_DECREF(d);
}

static void test_lookup_errors(void **state)
{
    (void)state;
    RObject *d = int_dict(2);
    RObject *k = I(9);
    assert_null(r_getitem(d, k));
    assert_raised(r_exc_KeyError, "9");
    assert_int_equal(r_dict_del_item(d, k), -1);
    assert_raised(r_exc_KeyError, "9");
    R_DECREF(k);
    k = T(1, I(1));
    assert_null(r_getitem(d, k));
    assert_raised(r_exc_KeyError, "(1,)");
    R_DECREF(k);
    k = S("k");
    assert_null(r_getitem(d, k));
    assert_raised(r_exc_KeyError, "'k'");
    R_DECREF(k);
    k = L(0);
    assert_null(r_getitem(d, k));
    assert_raised(r_exc_TypeError, "unhashable type: 'list'");
    assert_int_equal(r_dict_set_item(d, k, k), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'list'");
    /* an empty dict pops without hashing */
    RObject *empty = D();
    assert_null(call_method(empty, "pop", 1, r_incref(k)));
    assert_raised(r_exc_KeyError, "[]");
    assert_null(call_method(empty, "popitem", 0));
    assert_raised(r_exc_KeyError, "'popitem(): dictionary is empty'");
    R_DECREF(empty);
    R_DECREF(k);
    assert_null(call_method(d, "pop", 1, I(9)));
    assert_raised(r_exc_KeyError, "9");
    assert_null(call_method(d, "get", 0));
    assert_raised(r_exc_TypeError, "get expected at least 1 argument, got 0");
    assert_null(call_method(d, "get", 3, I(1), I(2), I(3)));
    assert_raised(r_exc_TypeError, "get expected at most 2 arguments, got 3");
    assert_null(call_method(d, "keys", 1, I(1)));
    assert_raised(r_exc_TypeError, "dict.keys() takes no arguments (1 given)");
    assert_int_equal(r_hash(d), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'dict'");
    R_DECREF(d);
}

static void test_methods(void **state)
{
    (void)state;
    RObject *d = int_dict(0);
    set_ii(d, 1, 2);
    RObject *r = check(call_method(d, "setdefault", 2, I(1), I(9)));
    assert_int_equal(as_i64(r), 2);
    R_DECREF(r);
    RObject *stored = check(call_method(d, "setdefault", 2, I(3), L(0)));
    RObject *three = I(3);
    assert_ptr_equal(r_dict_get_item(d, three), stored); /* the object stored */
    R_DECREF(stored);
    assert_repr(call_method(d, "get", 1, I(7)), "None");
    assert_repr(call_method(d, "get", 2, I(7), I(8)), "8");
    assert_repr(call_method(d, "pop", 1, I(3)), "[]");
    assert_repr(call_method(d, "pop", 2, I(9), S("x")), "'x'");
    assert_repr(r_incref(d), "{1: 2}");
    assert_int_equal(r_contains(d, three), 0);
    R_DECREF(three);
    RObject *copy = check(call_method(d, "copy", 0));
    set_ii(copy, 5, 5);
    assert_repr(copy, "{1: 2, 5: 5}");
    assert_repr(r_incref(d), "{1: 2}");
    R_DECREF(d);

    RObject *type = (RObject *)&r_dict_type;
    RObject *pairs = L(2, T(2, I(1), I(2)), L(2, I(3), I(4)));
    assert_repr(call_kw(type, &pairs, 1, "x", I(5)), "{1: 2, 3: 4, 'x': 5}");
    RObject *bad = L(1, L(3, I(1), I(2), I(3)));
    assert_null(r_call(type, &bad, 1, NULL));
    assert_raised(r_exc_ValueError,
                  "dictionary update sequence element #0 has length 3; 2 is required");
    R_DECREF(bad);
    bad = L(1, I(1));
    assert_null(r_call(type, &bad, 1, NULL));
    assert_raised(r_exc_TypeError,
                  "cannot convert dictionary update sequence element #0 to a sequence");
    RObject *args[2] = {pairs, pairs};
    assert_null(r_call(type, args, 2, NULL));
    assert_raised(r_exc_TypeError, "dict expected at most 1 argument, got 2");
    RObject *one = I(1);
    assert_null(r_call(type, &one, 1, NULL));
    assert_raised(r_exc_TypeError, "'int' object is not iterable");
    R_DECREF(one);
    RObject *e = D();
    RObject *update = check(r_getattr_cstr(e, "update"));
    R_DECREF(check(call_kw(update, &pairs, 1, "y", I(3))));
    R_DECREF(update);
    assert_repr(r_incref(e), "{1: 2, 3: 4, 'y': 3}");
    assert_null(call_method(e, "update", 2, I(1), I(2)));
    assert_raised(r_exc_TypeError, "update expected at most 1 argument, got 2");
    R_DECREF(e);
    R_DECREF(bad);
    R_DECREF(pairs);

    RObject *fromkeys = check(r_getattr_cstr(type, "fromkeys"));
    RObject *src = L(3, I(3), I(1), I(2));
    assert_repr(r_call(fromkeys, &src, 1, NULL), "{3: None, 1: None, 2: None}");
    RObject *fk_args[2] = {src, src};
    assert_repr(r_call(fromkeys, fk_args, 2, NULL), "{3: [3, 1, 2], 1: [3, 1, 2], 2: [3, 1, 2]}");
    R_DECREF(src);
    R_DECREF(fromkeys);
}

static bool cmp(RObject *a, RObject *b, r_cmpop op)
{
    return truth(r_richcompare(a, b, op));
}

static void test_compare_and_or(void **state)
{
    (void)state;
    RObject *a = D(), *b = D();
    set_ii(a, 1, 2);
    set_ii(a, 3, 4);
    set_ii(b, 3, 4);
    set_ii(b, 1, 2);
    assert_true(cmp(a, b, R_EQ));
    assert_false(cmp(a, b, R_NE));
    set_ii(b, 1, 3);
    assert_true(cmp(a, b, R_NE));
    assert_null(r_richcompare(a, b, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'dict' and 'dict'");
    assert_repr(OR(a, b), "{1: 3, 3: 4}");
    RObject *r = check(r_dict_inplace_or(a, b));
    assert_ptr_equal(r, a);
    R_DECREF(r);
    assert_repr(r_incref(a), "{1: 3, 3: 4}");
    R_DECREF(a);
    R_DECREF(b);
}

static void test_views(void **state)
{
    (void)state;
    RObject *d = D();
    set_ii(d, 1, 2);
    RObject *keys = check(call_method(d, "keys", 0));
    RObject *values = check(call_method(d, "values", 0));
    RObject *items = check(call_method(d, "items", 0));
    assert_repr(r_incref(keys), "dict_keys([1])");
    assert_repr(r_incref(values), "dict_values([2])");
    assert_repr(r_incref(items), "dict_items([(1, 2)])");
    set_ii(d, 3, 4); /* views are live */
    assert_int_equal(r_length(keys), 2);
    assert_repr(check(r_sequence_list(items)), "[(1, 2), (3, 4)]");
    assert_repr(check(r_sequence_list(values)), "[2, 4]");
    RObject *rev = check(call_method(d, "__reversed__", 0));
    assert_repr(check(r_sequence_list(rev)), "[3, 1]");
    R_DECREF(rev);
    RObject *pair = T(2, I(3), I(4)), *wrong = T(2, I(3), I(5));
    assert_int_equal(r_contains(items, pair), 1);
    assert_int_equal(r_contains(items, wrong), 0);
    RObject *small = check(r_set_new(NULL)), *x = I(3), *y = I(5);
    r_set_add(small, x);
    r_set_add(small, y);
    assert_repr(AND(keys, small), "{3}");
    RObject *seven = L(1, I(7));
    assert_repr(OR(keys, seven), "{1, 3, 7}");
    RObject *onepair = check(r_set_new(NULL));
    RObject *p12 = T(2, I(1), I(2));
    r_set_add(onepair, p12);
    assert_repr(SUB(items, onepair), "{(3, 4)}");
    RObject *s38 = check(r_set_new(NULL)), *eight = I(8);
    r_set_add(s38, x);
    r_set_add(s38, eight);
    assert_repr(XOR(keys, s38), "{8, 1}");
    RObject *s13 = check(r_set_new(NULL)), *one = I(1);
    r_set_add(s13, one);
    r_set_add(s13, x);
    assert_true(cmp(keys, s13, R_EQ));
    r_set_add(s13, eight);
    assert_true(cmp(keys, s13, R_LT));
    R_DECREF(one);
    R_DECREF(s13);
    R_DECREF(eight);
    R_DECREF(s38);
    R_DECREF(p12);
    R_DECREF(onepair);
    R_DECREF(seven);
    R_DECREF(x);
    R_DECREF(y);
    R_DECREF(small);
    R_DECREF(pair);
    R_DECREF(wrong);
    R_DECREF(keys);
    R_DECREF(values);
    R_DECREF(items);
    R_DECREF(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_repr),
        cmocka_unit_test(test_changed_during_iteration),
        cmocka_unit_test(test_every_index_width),
        cmocka_unit_test(test_lookup_errors),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_compare_and_or),
        cmocka_unit_test(test_views),
    };
    return cmocka_run_group_tests_name("dict", tests, setup_objects, NULL);
}
