/* collections.deque's ring buffer against a plain array doing the same
 * operations: appends at both ends, pops at both ends and removals from the
 * middle, across many wrap-arounds and growths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dequeobject.h"
#include "errors.h"
#include "exceptions.h"
#include "intobject.h"
#include "objects_init.h"
#include "strobject.h"

static int objects_setup(void **state)
{
    (void)state;
    return r_objects_init();
}

enum { MODEL_MAX = 4096 };

typedef struct {
    long items[MODEL_MAX];
    int size;
} model;

static long item_value(RObject *o)
{
    long v = (long)r_int_as_i64(o);
    assert_false(r_err_occurred());
    return v;
}

static void assert_same(RObject *d, const model *m)
{
    assert_int_equal(R_DEQUE_SIZE(d), m->size);
    for (int i = 0; i < m->size; i++)
        assert_int_equal(item_value(r_deque_item(d, i)), m->items[i]);
}

static RObject *deque_call(RObject *d, const char *name, RObject *arg)
{
    RObject *res = r_call_method(d, name, &arg, arg ? 1 : 0);
    assert_non_null(res);
    return res;
}

static void test_matches_an_array(void **state)
{
    (void)state;
    RObject *d = r_deque_new();
    model m = {.size = 0};
    unsigned seed = 12345;
    long next = 0;
    for (int step = 0; step < 200000; step++) {
        seed = seed * 1103515245u + 12345u;
        unsigned op = (seed >> 16) % 6;
        if (m.size > 3000)
            op = 2 + op % 4; /* shrink */
        if (op <= 1 || m.size == 0) {
            RObject *v = r_int_from_i64(next);
            if (op == 0 || m.size == 0) {
                assert_int_equal(r_deque_append(d, v), 0);
                m.items[m.size++] = next;
            } else {
                R_DECREF(deque_call(d, "appendleft", v));
                memmove(m.items + 1, m.items, (size_t)m.size * sizeof m.items[0]);
                m.items[0] = next;
                m.size++;
            }
            R_DECREF(v);
            next++;
        } else if (op == 2) {
            RObject *v = r_deque_popleft(d);
            assert_int_equal(item_value(v), m.items[0]);
            R_DECREF(v);
            memmove(m.items, m.items + 1, (size_t)--m.size * sizeof m.items[0]);
        } else if (op == 3) {
            RObject *v = deque_call(d, "pop", NULL);
            assert_int_equal(item_value(v), m.items[--m.size]);
            R_DECREF(v);
        } else {
            int at = (int)((seed >> 8) % (unsigned)m.size);
            RObject *v = r_int_from_i64(m.items[at]);
            assert_int_equal(r_deque_remove(d, v), 0);
            R_DECREF(v);
            memmove(m.items + at, m.items + at + 1, (size_t)(--m.size - at) * sizeof m.items[0]);
        }
        if (step % 997 == 0)
            assert_same(d, &m);
    }
    assert_same(d, &m);
    R_DECREF(d);
}

static void test_errors_and_repr(void **state)
{
    (void)state;
    RObject *d = r_deque_new();
    assert_null(r_deque_popleft(d));
    assert_true(r_err_matches(r_exc_IndexError));
    r_err_clear();
    RObject *one = r_int_from_i64(1), *two = r_int_from_i64(2);
    assert_int_equal(r_deque_append(d, one), 0);
    assert_int_equal(r_deque_append(d, two), 0);
    RObject *s = r_repr(d);
    assert_string_equal(r_str_utf8(s), "deque([1, 2])");
    R_DECREF(s);
    assert_int_equal(r_deque_remove(d, one), 0);
    assert_int_equal(r_deque_remove(d, one), -1);
    assert_true(r_err_matches(r_exc_ValueError));
    r_err_clear();
    R_DECREF(one);
    R_DECREF(two);
    R_DECREF(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_an_array),
        cmocka_unit_test(test_errors_and_repr),
    };
    return cmocka_run_group_tests_name("deque", tests, objects_setup, NULL);
}
