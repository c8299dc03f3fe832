/* The process pool's serialisation: what it carries comes back equal (and
 * shared where it was shared), and what pickle refuses it refuses with
 * pickle's type and message (measured on CPython 3.8-3.13). */
#include "futures_test_util.h"

#include "bytesobject.h"
#include "cf_pickle.h"
#include "listobject.h"
#include "profile.h"
#include "tupleobject.h"

/* loads(dumps(o)), asserting both work */
static RObject *round_trip(RObject *o)
{
    RObject *data = r_cf_pickle_dumps(o);
    if (!data)
        print_pending_error();
    assert_non_null(data);
    RObject *back = r_cf_pickle_loads(R_BYTES_DATA(data), (size_t)R_BYTES_SIZE(data));
    R_DECREF(data);
    if (!back)
        print_pending_error();
    assert_non_null(back);
    return back;
}

/* the error dumps(out) raises, as "Type: message" with the address of out
 * replaced by ADDR */
static char *dumps_error(RObject *o)
{
    assert_null(r_cf_pickle_dumps(o));
    char *line = error_line();
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    char *at = strstr(line, addr);
    if (at) {
        memcpy(at, "ADDR", 4);
        memmove(at + 4, at + strlen(addr), strlen(at + strlen(addr)) + 1);
    }
    return line;
}

static void values_come_back_equal(void **state)
{
    (void)state;
    RObject *out = run_snippet(
        "out = [None, True, False, 0, -1, 2 ** 63, -(2 ** 100) + 7, 24999500002500000000,\n"
        "       1.5, -0.0, float('inf'), 'h\\xe9llo \\u20ac', '', b'\\x00\\xff', (), (1, (2,)),\n"
        "       [1, [2, []]], {'a': 1, 2: (3,), None: [4]}, {1, 2, 3}, frozenset({'x'}),\n"
        "       range(1, 10, 2), slice(1, None, -1), ValueError('bad input', 9),\n"
        "       NotImplemented, ..., int, ValueError, len]\n");
    RObject *back = round_trip(out);
    char *a = repr_of(out), *b = repr_of(back);
    assert_string_equal(a, b);
    free(a);
    free(b);
    R_DECREF(back);
    R_DECREF(out);
}

static void shared_and_recursive_references_are_kept(void **state)
{
    (void)state;
    RObject *out = run_snippet("a = [1]\n"
                               "l = [a, a]\n"
                               "l.append(l)\n"
                               "t = (l,)\n"
                               "l.append(t)\n"
                               "out = t\n");
    RObject *back = round_trip(out);
    RObject *l = R_TUPLE_GET(back, 0);
    assert_ptr_equal(R_LIST_ITEMS(l)[0], R_LIST_ITEMS(l)[1]);
    assert_ptr_equal(R_LIST_ITEMS(l)[2], l);
    assert_ptr_equal(R_LIST_ITEMS(l)[3], back);
    R_DECREF(back);
    R_DECREF(out);
}

static void functions_and_classes_travel_by_reference(void **state)
{
    (void)state;
    RObject *out = run_snippet("import functools\n"
                               "def square(x):\n"
                               "    return x * x\n"
                               "class Point:\n"
                               "    def __init__(self, x):\n"
                               "        self.x = x\n"
                               "    def norm(self):\n"
                               "        return abs(self.x)\n"
                               "p = Point(-3)\n"
                               "out = (square, Point, Point.norm, functools.partial(square, 4),\n"
                               "       p, p.norm)\n");
    RObject *back = round_trip(out);
    for (ssize_t i = 0; i < 3; i++)
        assert_ptr_equal(R_TUPLE_GET(back, i), R_TUPLE_GET(out, i));
    RObject *r = r_call0(R_TUPLE_GET(back, 3));
    assert_non_null(r);
    assert_repr_equal(r, "16");
    R_DECREF(r);
    RObject *x = r_getattr_cstr(R_TUPLE_GET(back, 4), "x");
    assert_non_null(x);
    assert_repr_equal(x, "-3");
    R_DECREF(x);
    r = r_call0(R_TUPLE_GET(back, 5));
    assert_non_null(r);
    assert_repr_equal(r, "3");
    R_DECREF(r);
    R_DECREF(back);
    R_DECREF(out);
}

static void exceptions_keep_their_attributes(void **state)
{
    (void)state;
    RObject *out = run_snippet("class Failure(Exception):\n"
                               "    pass\n"
                               "e = Failure('no luck', 3)\n"
                               "e.detail = 'kept'\n"
                               "out = e\n");
    RObject *back = round_trip(out);
    assert_ptr_equal(R_TYPE(back), R_TYPE(out));
    char *a = repr_of(back);
    assert_string_equal(a, "Failure('no luck', 3)");
    free(a);
    RObject *detail = r_getattr_cstr(back, "detail");
    assert_non_null(detail);
    assert_string_equal(r_str_utf8(detail), "kept");
    R_DECREF(detail);
    R_DECREF(back);
    R_DECREF(out);
}

static void an_exception_that_cannot_be_rebuilt_fails_on_loading(void **state)
{
    (void)state;
    RObject *out = run_snippet("class Bad(Exception):\n"
                               "    def __init__(self, a, b):\n"
                               "        super().__init__(a)\n"
                               "out = Bad(1, 2)\n");
    RObject *data = r_cf_pickle_dumps(out);
    assert_non_null(data);
    assert_null(r_cf_pickle_loads(R_BYTES_DATA(data), (size_t)R_BYTES_SIZE(data)));
    char *line = error_line();
    assert_string_equal(line, "TypeError: Bad.__init__() missing 1 required positional "
                              "argument: 'b'");
    free(line);
    R_DECREF(data);
    R_DECREF(out);
}

static void refusals_match_pickle(void **state)
{
    (void)state;
    struct {
        const char *source;
        int minor;
        const char *expected;
    } cases[] = {
        {"out = lambda: 1\n", 12,
         "_pickle.PicklingError: Can't pickle <function <lambda> at ADDR>: attribute lookup "
         "<lambda> on __main__ failed"},
        {"def outer():\n    def inner():\n        pass\n    return inner\nout = outer()\n", 12,
         "AttributeError: Can't pickle local object 'outer.<locals>.inner'"},
        {"def outer():\n    def inner():\n        pass\n    return inner\nout = outer()\n", 13,
         "AttributeError: Can't get local object 'outer.<locals>.inner'"},
        {"def f():\n    pass\ng = f\ndef f():\n    pass\nout = g\n", 12,
         "_pickle.PicklingError: Can't pickle <function f at ADDR>: it's not the same object "
         "as __main__.f"},
        {"import threading\nout = [1, threading.Lock()]\n", 12,
         "TypeError: cannot pickle '_thread.lock' object"},
        {"import threading\nout = threading.Event()\n", 12,
         "TypeError: cannot pickle '_thread.lock' object"},
        {"import concurrent.futures\nout = concurrent.futures.Future()\n", 12,
         "TypeError: cannot pickle '_thread.RLock' object"},
        {"def gen():\n    yield 1\nout = gen()\n", 12,
         "TypeError: cannot pickle 'generator' object"},
        {"import sys\nout = sys\n", 12, "TypeError: cannot pickle 'module' object"},
        {"out = {}.keys()\n", 12, "TypeError: cannot pickle 'dict_keys' object"},
        {"class A:\n    def __reduce__(self):\n        return 5\nout = A()\n", 12,
         "_pickle.PicklingError: __reduce__ must return a string or tuple"},
        {"class A:\n    def __reduce__(self):\n        return (len,)\nout = A()\n", 12,
         "_pickle.PicklingError: tuple returned by __reduce__ must contain 2 through 6 "
         "elements"},
    };
    int saved = r_profile.minor;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r_profile.minor = cases[i].minor;
        RObject *out = run_snippet(cases[i].source);
        char *line = dumps_error(out);
        if (strcmp(line, cases[i].expected) != 0)
            fail_msg("case %zu: got %s", i, line);
        free(line);
        R_DECREF(out);
    }
    r_profile.minor = saved;
}

static void a_missing_global_fails_on_loading_as_pickle_does(void **state)
{
    (void)state;
    RObject *out = run_snippet("def later():\n    pass\nout = later\n");
    RObject *data = r_cf_pickle_dumps(out);
    assert_non_null(data);
    RObject *none = run_snippet("del later\nout = None\n");
    R_DECREF(none);
    assert_null(r_cf_pickle_loads(R_BYTES_DATA(data), (size_t)R_BYTES_SIZE(data)));
    char *line = error_line();
    assert_string_equal(line, "AttributeError: Can't get attribute 'later' on <module '__main__'>");
    free(line);
    R_DECREF(data);
    R_DECREF(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_come_back_equal),
        cmocka_unit_test(shared_and_recursive_references_are_kept),
        cmocka_unit_test(functions_and_classes_travel_by_reference),
        cmocka_unit_test(exceptions_keep_their_attributes),
        cmocka_unit_test(an_exception_that_cannot_be_rebuilt_fails_on_loading),
        cmocka_unit_test(refusals_match_pickle),
        cmocka_unit_test(a_missing_global_fails_on_loading_as_pickle_does),
    };
    return cmocka_run_group_tests_name("futures_pickle", tests, futures_setup, futures_teardown);
}
