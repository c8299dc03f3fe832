/* list: reprs, indexing and slice assignment with CPython's errors, the
 * methods, comparison, and list.sort -- whose comparisons are logged and
 * checked, call by call, against the ones CPython 3.12.1 makes (in
 * expected_sort.h, with the script that printed them). */
#include "collections_test.h"

#include "descrobject.h"

static RObject *range_list(int n)
{
    RObject *l = check(r_list_new(n));
    for (int i = 0; i < n; i++)
        R_LIST_ITEMS(l)[i] = I(i);
    return l;
}

#define NONE NULL

static void test_repr(void **state)
{
    (void)state;
    assert_repr(L(0), "[]");
    assert_repr(L(2, I(1), S("a")), "[1, 'a']");
    assert_repr(L(2, L(0), T(1, I(1))), "[[], (1,)]");
    RObject *l = L(1, I(1));
    assert_int_equal(r_list_append(l, l), 0);
    assert_repr(r_incref(l), "[1, [...]]");
    RObject *nested = L(1, r_incref(l));
    assert_repr(nested, "[[1, [...]]]");
    RObject *cleared = check(call_method(l, "clear", 0));
    R_DECREF(cleared);
    R_DECREF(l);
}

/* a = list(range(10)); action(a); repr(a) */
static void check_after(void (*action)(RObject *a), const char *expected)
{
    RObject *a = range_list(10);
    action(a);
    assert_repr(a, expected);
}

static void set_slice(RObject *a, RObject *slice, RObject *value)
{
    assert_int_equal(r_setitem(a, slice, value), 0);
    R_DECREF(slice);
    R_DECREF(value);
}

static void del_slice(RObject *a, RObject *slice)
{
    assert_int_equal(r_delitem(a, slice), 0);
    R_DECREF(slice);
}

static void act_clear_2_5(RObject *a) { set_slice(a, slice_of(I(2), I(5), NONE), L(0)); }
static void act_grow_2_5(RObject *a)
{
    set_slice(a, slice_of(I(2), I(5), NONE), T(4, I(10), I(11), I(12), I(13)));
}
static void act_ext_assign(RObject *a)
{
    set_slice(a, slice_of(NONE, NONE, I(2)), L(5, I(0), I(0), I(0), I(0), I(0)));
}
static void act_del_3(RObject *a) { del_slice(a, slice_of(NONE, NONE, I(3))); }
static void act_del_minus2(RObject *a) { del_slice(a, slice_of(NONE, NONE, I(-2))); }
static void act_del_1_8_3(RObject *a) { del_slice(a, slice_of(I(1), I(8), I(3))); }
static void act_insert_at_5(RObject *a) { set_slice(a, slice_of(I(5), I(2), NONE), L(1, I(99))); }
static void act_replace_all(RObject *a)
{
    set_slice(a, slice_of(I(-100), I(100), NONE), L(1, I(1)));
}
static void act_back_assign(RObject *a)
{
    set_slice(a, slice_of(I(8), I(2), I(-2)), L(3, I(91), I(92), I(93)));
}
static void act_self_assign(RObject *a) { set_slice(a, slice_of(NONE, NONE, NONE), r_incref(a)); }
static void act_self_reverse(RObject *a) { set_slice(a, slice_of(NONE, NONE, I(-1)), r_incref(a)); }
static void act_self_into(RObject *a) { set_slice(a, slice_of(I(1), I(3), NONE), r_incref(a)); }
static void act_del_empty(RObject *a) { del_slice(a, slice_of(I(7), I(2), NONE)); }
static void act_del_tail(RObject *a) { del_slice(a, slice_of(I(-3), NONE, NONE)); }
static void act_range_assign(RObject *a)
{
    RObject *r = range3(0, 3, 1);
    set_slice(a, slice_of(I(1), I(9), I(3)), r);
}
static void act_index_assign(RObject *a)
{
    RObject *k = I(-10);
    set_slice(a, k, I(7));
}
static void act_del_index(RObject *a) { del_slice(a, I(3)); }

static void test_slice_assignment(void **state)
{
    (void)state;
    check_after(act_clear_2_5, "[0, 1, 5, 6, 7, 8, 9]");
    check_after(act_grow_2_5, "[0, 1, 10, 11, 12, 13, 5, 6, 7, 8, 9]");
    check_after(act_ext_assign, "[0, 1, 0, 3, 0, 5, 0, 7, 0, 9]");
    check_after(act_del_3, "[1, 2, 4, 5, 7, 8]");
    check_after(act_del_minus2, "[0, 2, 4, 6, 8]");
    check_after(act_del_1_8_3, "[0, 2, 3, 5, 6, 8, 9]");
    check_after(act_insert_at_5, "[0, 1, 2, 3, 4, 99, 5, 6, 7, 8, 9]");
    check_after(act_replace_all, "[1]");
    check_after(act_back_assign, "[0, 1, 2, 3, 93, 5, 92, 7, 91, 9]");
    check_after(act_self_assign, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_self_reverse, "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    check_after(act_self_into, "[0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_del_empty, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_del_tail, "[0, 1, 2, 3, 4, 5, 6]");
    check_after(act_range_assign, "[0, 0, 2, 3, 1, 5, 6, 2, 8, 9]");
    check_after(act_index_assign, "[7, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_del_index, "[0, 1, 2, 4, 5, 6, 7, 8, 9]");
}

static void test_subscript_errors(void **state)
{
    (void)state;
    RObject *a = range_list(10);
    RObject *s = slice_of(NONE, NONE, I(2)), *one = L(1, I(1)), *five = I(5);
    assert_int_equal(r_setitem(a, s, one), -1);
    assert_raised(r_exc_ValueError,
                  "attempt to assign sequence of size 1 to extended slice of size 5");
    assert_int_equal(r_setitem(a, s, five), -1);
    assert_raised(r_exc_TypeError, "must assign iterable to extended slice");
    R_DECREF(s);
    s = slice_of(I(2), I(4), NONE);
    assert_int_equal(r_setitem(a, s, five), -1);
    assert_raised(r_exc_TypeError, "can only assign an iterable");
    R_DECREF(s);
    RObject *k = I(-11);
    assert_int_equal(r_delitem(a, k), -1);
    assert_raised(r_exc_IndexError, "list assignment index out of range");
    R_DECREF(k);
    k = I(10);
    assert_int_equal(r_setitem(a, k, five), -1);
    assert_raised(r_exc_IndexError, "list assignment index out of range");
    assert_null(r_getitem(a, k));
    assert_raised(r_exc_IndexError, "list index out of range");
    R_DECREF(k);
    k = S("a");
    assert_int_equal(r_setitem(a, k, five), -1);
    assert_raised(r_exc_TypeError, "list indices must be integers or slices, not str");
    assert_null(r_getitem(a, k));
    assert_raised(r_exc_TypeError, "list indices must be integers or slices, not str");
    s = slice_of(I(1), S("a"), NONE);
    assert_null(r_getitem(a, s));
    assert_raised(r_exc_TypeError,
                  "slice indices must be integers or None or have an __index__ method");
    R_DECREF(s);
    R_DECREF(k);
    k = big_power(2, 70);
    assert_null(r_getitem(a, k));
    assert_raised(r_exc_IndexError, "cannot fit 'int' into an index-sized integer");
    /* huge slice bounds clamp */
    s = check(r_slice_new(NULL, k, NULL));
    assert_repr(r_getitem(a, s), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    R_DECREF(s);
    R_DECREF(k);
    s = slice_of(I(-3), NONE, I(-3));
    assert_repr(r_getitem(a, s), "[7, 4, 1]");
    R_DECREF(s);
    R_DECREF(one);
    R_DECREF(five);
    R_DECREF(a);
}

static void act_insert(RObject *a)
{
    R_DECREF(check(call_method(a, "insert", 2, I(-100), I(5))));
    R_DECREF(check(call_method(a, "insert", 2, I(100), I(6))));
    R_DECREF(check(call_method(a, "insert", 2, I(-1), I(7))));
}
static void act_extend_self(RObject *a)
{
    R_DECREF(check(call_method(a, "extend", 1, r_incref(a))));
}
static void act_iadd(RObject *a)
{
    RObject *t = T(2, I(1), I(2));
    RObject *r = check(r_list_inplace_concat(a, t));
    assert_ptr_equal(r, a);
    R_DECREF(r);
    R_DECREF(t);
}
static void act_imul2(RObject *a)
{
    RObject *n = I(2);
    R_DECREF(check(r_list_inplace_repeat(a, n)));
    R_DECREF(n);
}
static void act_imul0(RObject *a)
{
    RObject *n = I(0);
    R_DECREF(check(r_list_inplace_repeat(a, n)));
    R_DECREF(n);
}
static void act_pops(RObject *a)
{
    RObject *v = check(call_method(a, "pop", 1, I(3)));
    assert_int_equal(as_i64(v), 3);
    R_DECREF(v);
    v = check(call_method(a, "pop", 0));
    assert_int_equal(as_i64(v), 9);
    R_DECREF(v);
    v = check(call_method(a, "pop", 1, I(-2)));
    assert_int_equal(as_i64(v), 7);
    R_DECREF(v);
}
static void act_remove_reverse(RObject *a)
{
    R_DECREF(check(call_method(a, "remove", 1, I(4))));
    R_DECREF(check(call_method(a, "reverse", 0)));
}

static void test_methods(void **state)
{
    (void)state;
    check_after(act_insert, "[5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 6]");
    check_after(act_extend_self, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_iadd, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2]");
    check_after(act_imul2, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    check_after(act_imul0, "[]");
    check_after(act_pops, "[0, 1, 2, 4, 5, 6, 8]");
    check_after(act_remove_reverse, "[9, 8, 7, 6, 5, 3, 2, 1, 0]");

    RObject *a = L(5, I(1), I(2), I(1), S("a"), I(1));
    RObject *r = check(call_method(a, "index", 1, I(1)));
    assert_int_equal(as_i64(r), 0);
    R_DECREF(r);
    r = check(call_method(a, "index", 2, I(1), I(-3)));
    assert_int_equal(as_i64(r), 2);
    R_DECREF(r);
    r = check(call_method(a, "count", 1, I(1)));
    assert_int_equal(as_i64(r), 3);
    R_DECREF(r);
    assert_null(call_method(a, "index", 1, I(7)));
    assert_raised(r_exc_ValueError, "7 is not in list");
    assert_null(call_method(a, "index", 1, S("b")));
    assert_raised(r_exc_ValueError, "'b' is not in list");
    assert_null(call_method(a, "remove", 1, I(3)));
    assert_raised(r_exc_ValueError, "list.remove(x): x not in list");
    assert_null(call_method(a, "pop", 1, I(5)));
    assert_raised(r_exc_IndexError, "pop index out of range");
    assert_null(call_method(a, "pop", 1, S("a")));
    assert_raised(r_exc_TypeError, "'str' object cannot be interpreted as an integer");
    assert_null(call_method(a, "insert", 1, I(1)));
    assert_raised(r_exc_TypeError, "insert expected 2 arguments, got 1");
    assert_null(call_method(a, "insert", 2, big_power(2, 70), I(1)));
    assert_raised(r_exc_OverflowError, "Python int too large to convert to C ssize_t");
    assert_null(call_method(a, "append", 0));
    assert_raised(r_exc_TypeError, "list.append() takes exactly one argument (0 given)");
    assert_null(call_method(a, "reverse", 1, I(1)));
    assert_raised(r_exc_TypeError, "list.reverse() takes no arguments (1 given)");
    assert_null(call_method(a, "extend", 1, I(1)));
    assert_raised(r_exc_TypeError, "'int' object is not iterable");
    RObject *copy = check(call_method(a, "copy", 0));
    assert_true(copy != a);
    assert_repr(copy, "[1, 2, 1, 'a', 1]");
    R_DECREF(check(call_method(a, "clear", 0)));
    assert_null(call_method(a, "pop", 0));
    assert_raised(r_exc_IndexError, "pop from empty list");
    R_DECREF(a);
}

static bool cmp(RObject *a, RObject *b, r_cmpop op)
{
    bool r = truth(r_richcompare(a, b, op));
    R_DECREF(a);
    R_DECREF(b);
    return r;
}

static void test_compare_concat(void **state)
{
    (void)state;
    assert_true(cmp(L(2, I(1), I(2)), L(3, I(1), I(2), I(3)), R_LT));
    assert_true(cmp(L(1, I(2)), L(2, I(1), I(5)), R_GT));
    assert_true(cmp(L(2, I(1), I(2)), L(2, I(1), I(2)), R_EQ));
    assert_false(cmp(L(2, I(1), S("a")), L(2, I(1), I(2)), R_EQ));
    /* lengths differ: not equal, without comparing items */
    assert_true(cmp(L(1, S("a")), L(2, I(1), I(2)), R_NE));
    RObject *a = L(1, I(1)), *t = T(1, I(1));
    assert_null(r_richcompare(a, t, R_LT));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'list' and 'tuple'");
    assert_null(ADD(a, t));
    assert_raised(r_exc_TypeError, "can only concatenate list (not \"tuple\") to list");
    RObject *two = I(2), *f = S("s");
    assert_repr(ADD(a, a), "[1, 1]");
    assert_repr(MUL(a, two), "[1, 1]");
    assert_repr(MUL(two, a), "[1, 1]");
    assert_null(MUL(a, f));
    assert_raised(r_exc_TypeError, "can't multiply sequence by non-int of type 'str'");
    RObject *big = big_power(2, 70);
    assert_null(MUL(a, big));
    assert_raised(r_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
    assert_int_equal(r_hash(a), -1);
    assert_raised(r_exc_TypeError, "unhashable type: 'list'");
    R_DECREF(big);
    R_DECREF(two);
    R_DECREF(f);
    R_DECREF(a);
    R_DECREF(t);
}

static void test_constructor_and_iterators(void **state)
{
    (void)state;
    RObject *type = (RObject *)&r_list_type;
    RObject *t = T(3, I(1), I(2), I(3));
    RObject *l = check(r_call(type, &t, 1, NULL));
    assert_repr(r_incref(l), "[1, 2, 3]");
    RObject *args[2] = {t, t};
    assert_null(r_call(type, args, 2, NULL));
    assert_raised(r_exc_TypeError, "list expected at most 1 argument, got 2");
    assert_null(call_kw(type, NULL, 0, "x", I(1)));
    assert_raised(r_exc_TypeError, "list() takes no keyword arguments");
    RObject *one = I(1);
    assert_null(r_call(type, &one, 1, NULL));
    assert_raised(r_exc_TypeError, "'int' object is not iterable");
    R_DECREF(one);
    static const int64_t fwd[] = {1, 2, 3}, back[] = {3, 2, 1};
    assert_ints(l, fwd, 3);
    RObject *rev = check(call_method(l, "__reversed__", 0));
    assert_ints(rev, back, 3);
    R_DECREF(rev);
    /* an iterator sees items appended meanwhile */
    RObject *it = check(r_get_iter(l));
    RObject *x = check(r_iter_next(it));
    R_DECREF(x);
    RObject *four = I(4);
    assert_int_equal(r_list_append(l, four), 0);
    R_DECREF(four);
    static const int64_t rest[] = {2, 3, 4};
    assert_ints(it, rest, 3);
    R_DECREF(it);
    R_DECREF(l);
    R_DECREF(t);
}

/* ---- sort ---- */

typedef struct {
    RObject ob;
    int v;
    int i;
} Probe;

static uint64_t log_hash;
static int64_t log_count;

static void log_comparison(int a, int b)
{
    log_hash = (log_hash ^ (uint64_t)a) * 0x100000001b3ULL;
    log_hash = (log_hash ^ (uint64_t)b) * 0x100000001b3ULL;
    log_count++;
}

static RType probe_type;

static RObject *probe_richcompare(RObject *a, RObject *b, r_cmpop op)
{
    if (op != R_LT || R_TYPE(b) != &probe_type)
        return r_incref(R_NOTIMPLEMENTED);
    log_comparison(((Probe *)a)->i, ((Probe *)b)->i);
    return r_bool_from_long(((Probe *)a)->v < ((Probe *)b)->v);
}

static void probe_dealloc(RObject *o)
{
    r_free(o);
}

static RType probe_type = {
    .ob = R_STATIC_HEAD(&r_type_type),
    .name = "P",
    .basicsize = sizeof(Probe),
    .dealloc = probe_dealloc,
    .richcompare = probe_richcompare,
};

static RObject *probe_new(int v, int i)
{
    Probe *p = (Probe *)check(r_alloc(&probe_type));
    p->v = v;
    p->i = i;
    return (RObject *)p;
}

static int key_modulus;

/* key=lambda p: P(p.v % k, p.i) */
static RObject *probe_key(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)nargs;
    (void)kw;
    Probe *p = (Probe *)args[0];
    return probe_new(p->v % key_modulus, p->i);
}

static const r_method_def probe_key_def = {"key", probe_key, 0, NULL};

typedef struct {
    const int *values;
    int n;
    int key_modulus; /* 0: no key */
    int reverse;
    int64_t comparisons;
    uint64_t log_hash;
    const int *order; /* the indices, sorted */
} sort_case;

#include "expected_sort.h"

static void test_sort_matches_cpython_comparisons(void **state)
{
    (void)state;
    assert_int_equal(r_type_ready(&probe_type), 0);
    RObject *keyfunc = check(r_cfunction_new(&probe_key_def, NULL, NULL));
    for (size_t c = 0; c < sizeof sort_cases / sizeof sort_cases[0]; c++) {
        const sort_case *sc = &sort_cases[c];
        RObject *l = check(r_list_new(sc->n));
        for (int i = 0; i < sc->n; i++)
            R_LIST_ITEMS(l)[i] = probe_new(sc->values[i], i);
        log_hash = 0xcbf29ce484222325ULL;
        log_count = 0;
        key_modulus = sc->key_modulus;
        assert_int_equal(r_list_sort(l, sc->key_modulus ? keyfunc : NULL, sc->reverse), 0);
        assert_int_equal(log_count, sc->comparisons);
        assert_true(log_hash == sc->log_hash);
        for (int i = 0; i < sc->n; i++)
            assert_int_equal(((Probe *)R_LIST_ITEMS(l)[i])->i, sc->order[i]);
        R_DECREF(l);
    }
    R_DECREF(keyfunc);
}

static void test_sort_method_and_errors(void **state)
{
    (void)state;
    /* [3, 1, 'a', 2].sort(): 'a' < 1 fails while the first run is counted,
     * and the list is left as it was */
    RObject *l = L(4, I(3), I(1), S("a"), I(2));
    assert_null(call_method(l, "sort", 0));
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    assert_repr(r_incref(l), "[3, 1, 'a', 2]");
    R_DECREF(l);
    /* reverse=True reverses back on failure */
    l = L(6, I(5), I(4), S("a"), I(3), I(2), I(1));
    RObject *sort = check(r_getattr_cstr(l, "sort"));
    RObject *res = call_kw(sort, NULL, 0, "reverse", r_bool_from_long(1));
    assert_null(res);
    assert_raised(r_exc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    assert_repr(r_incref(l), "[5, 4, 'a', 3, 2, 1]");
    RObject *one = I(1);
    assert_null(r_call(sort, &one, 1, NULL));
    assert_raised(r_exc_TypeError, "sort() takes no positional arguments");
    assert_null(call_kw(sort, NULL, 0, "foo", I(1)));
    assert_raised(r_exc_TypeError, "'foo' is an invalid keyword argument for sort()");
    R_DECREF(one);
    R_DECREF(sort);
    R_DECREF(l);
    /* stable with reverse: sorted by the first item only */
    l = L(4, T(2, I(1), S("b")), T(2, I(0), S("z")), T(2, I(1), S("a")), T(2, I(0), S("y")));
    assert_int_equal(r_list_sort(l, NULL, false), 0);
    assert_repr(r_incref(l), "[(0, 'y'), (0, 'z'), (1, 'a'), (1, 'b')]");
    R_DECREF(l);
}

static RObject *list_being_sorted;

/* key=lambda x: l.append(x) or x */
static RObject *appending_key(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)nargs;
    (void)kw;
    if (r_list_append(list_being_sorted, args[0]) < 0)
        return NULL;
    return r_incref(args[0]);
}

/* key that raises KeyError(2) for 2 */
static RObject *raising_key(RObject *self, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)self;
    (void)nargs;
    (void)kw;
    if (as_i64(args[0]) == 2) {
        r_err_set_object(r_exc_KeyError, args[0]);
        return NULL;
    }
    return r_incref(args[0]);
}

static const r_method_def appending_key_def = {"appending_key", appending_key, 0, NULL};
static const r_method_def raising_key_def = {"raising_key", raising_key, 0, NULL};

static void test_sort_key_failures(void **state)
{
    (void)state;
    /* the list looks empty during the sort; a key that changes it makes the
     * sort fail afterwards, with the sorted items put back */
    list_being_sorted = L(3, I(3), I(2), I(1));
    RObject *key = check(r_cfunction_new(&appending_key_def, NULL, NULL));
    assert_int_equal(r_list_sort(list_being_sorted, key, false), -1);
    assert_raised(r_exc_ValueError, "list modified during sort");
    assert_repr(list_being_sorted, "[1, 2, 3]");
    R_DECREF(key);
    /* an error from the key function leaves the list as it was */
    RObject *l = L(3, I(1), I(2), I(3));
    key = check(r_cfunction_new(&raising_key_def, NULL, NULL));
    assert_int_equal(r_list_sort(l, key, true), -1);
    assert_raised(r_exc_KeyError, "2");
    assert_repr(l, "[1, 2, 3]");
    R_DECREF(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repr),
        cmocka_unit_test(test_slice_assignment),
        cmocka_unit_test(test_subscript_errors),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_compare_concat),
        cmocka_unit_test(test_constructor_and_iterators),
        cmocka_unit_test(test_sort_matches_cpython_comparisons),
        cmocka_unit_test(test_sort_method_and_errors),
        cmocka_unit_test(test_sort_key_failures),
    };
    return cmocka_run_group_tests_name("list", tests, setup_objects, NULL);
}
