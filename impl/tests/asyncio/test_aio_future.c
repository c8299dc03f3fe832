/* asyncio.Future's state machine (_asynciomodule.c's FutureObj): pending
 * to finished or cancelled once, InvalidStateError with the C texts, done
 * callbacks scheduled with call_soon in registration order (never called
 * at once), remove_done_callback's count, and FutureIter's
 * _asyncio_future_blocking protocol. */
#include "aio_coro.h"
#include "aio_test_util.h"
#include "exceptions.h"
#include "intobject.h"

static RObject *new_future(RObject **loop)
{
    *loop = aio_loop_new();
    assert_non_null(*loop);
    RObject *fut = aio_future_new(*loop);
    assert_non_null(fut);
    return fut;
}

static void drop(RObject *loop, RObject *fut)
{
    /* a retrieved or unset exception: no "never retrieved" log */
    ((AioFuture *)fut)->log_tb = false;
    R_DECREF(fut);
    aio_loop_close(loop);
    R_DECREF(loop);
}

static void assert_error(RType *type, const char *message)
{
    RObject *exc = r_err_fetch();
    assert_non_null(exc);
    assert_true(r_typecheck(exc, type));
    RObject *s = r_str(exc);
    assert_string_equal(r_str_utf8(s), message);
    R_DECREF(s);
    R_DECREF(exc);
}

static void test_result_before_it_is_set(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    assert_int_equal(aio_future_done(fut), 0);
    assert_null(aio_future_result(fut));
    assert_error(r_aio_InvalidStateError, "Result is not set.");
    assert_null(aio_future_exception(fut));
    assert_error(r_aio_InvalidStateError, "Exception is not set.");
    drop(loop, fut);
}

static void test_set_result_once(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    RObject *v = r_int_from_i64(7);
    assert_int_equal(aio_future_set_result(fut, v), 0);
    assert_int_equal(aio_future_done(fut), 1);
    assert_int_equal(aio_future_cancelled(fut), 0);
    RObject *r = aio_future_result(fut);
    assert_ptr_equal(r, v);
    R_DECREF(r);
    RObject *e = aio_future_exception(fut);
    assert_ptr_equal(e, R_NONE);
    R_DECREF(e);
    assert_int_equal(aio_future_set_result(fut, v), -1);
    assert_error(r_aio_InvalidStateError, "invalid state");
    assert_int_equal(aio_future_cancel(fut, NULL), 0); /* done: cancel() is False */
    R_DECREF(v);
    drop(loop, fut);
}

static void test_set_exception(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    /* a class is instantiated; a non-exception is refused */
    RObject *five = r_int_from_i64(5);
    assert_int_equal(aio_future_set_exception(fut, five), -1);
    assert_error(r_exc_TypeError, "invalid exception object");
    assert_int_equal(aio_future_set_exception(fut, (RObject *)r_exc_KeyError), 0);
    assert_true(((AioFuture *)fut)->log_tb);
    RObject *e = aio_future_exception(fut);
    assert_true(r_typecheck(e, r_exc_KeyError));
    assert_false(((AioFuture *)fut)->log_tb); /* retrieved */
    assert_null(aio_future_result(fut));
    RObject *raised = r_err_fetch();
    assert_ptr_equal(raised, e);
    R_DECREF(raised);
    R_DECREF(e);
    R_DECREF(five);
    drop(loop, fut);
}

static void test_cancel(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    assert_int_equal(aio_future_cancel(fut, NULL), 1);
    assert_int_equal(aio_future_cancelled(fut), 1);
    assert_int_equal(aio_future_done(fut), 1);
    assert_int_equal(aio_future_cancel(fut, NULL), 0);
    assert_null(aio_future_result(fut));
    RObject *exc = r_err_fetch();
    assert_true(r_typecheck(exc, r_aio_CancelledError));
    assert_false(r_typecheck(exc, r_exc_Exception)); /* a BaseException */
    R_DECREF(exc);
    drop(loop, fut);
}

static void test_callbacks_are_scheduled_in_order(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    RObject *log = r_list_new(0);
    RObject *a = recorder(log, "a"), *b = recorder(log, "b"), *c = recorder(log, "c");
    assert_int_equal(aio_future_add_done_callback(fut, a, NULL), 0);
    assert_int_equal(aio_future_add_done_callback(fut, b, NULL), 0);
    assert_int_equal(aio_future_add_done_callback(fut, a, NULL), 0);
    assert_int_equal(aio_future_add_done_callback(fut, c, NULL), 0);
    /* remove_done_callback removes every registration and counts them */
    RObject *n = r_call_method(fut, "remove_done_callback", &a, 1);
    assert_int_equal(r_int_as_i64(n), 2);
    R_DECREF(n);
    call_soon_rec(loop, log, "before");
    assert_int_equal(aio_future_set_result(fut, R_NONE), 0);
    assert_int_equal(R_LIST_SIZE(log), 0); /* nothing runs at once */
    run_once(loop);
    assert_log(log, "before b c");
    /* on a done future a new callback is scheduled, not called */
    assert_int_equal(aio_future_add_done_callback(fut, a, NULL), 0);
    assert_log(log, "before b c");
    run_once(loop);
    assert_log(log, "before b c a");
    R_DECREF(a);
    R_DECREF(b);
    R_DECREF(c);
    R_DECREF(log);
    drop(loop, fut);
}

static void test_future_iter_protocol(void **state)
{
    (void)state;
    RObject *loop, *fut = new_future(&loop);
    RObject *it = aio_future_iter_new(fut), *res;
    /* pending and not blocking: set blocking and yield the future itself */
    assert_int_equal(aio_future_iter_send(it, &res), 1);
    assert_ptr_equal(res, fut);
    assert_true(((AioFuture *)fut)->blocking);
    R_DECREF(res);
    /* pending and blocking: the await was not driven by a Task */
    assert_int_equal(aio_future_iter_send(it, &res), -1);
    assert_error(r_exc_RuntimeError, "await wasn't used with future");
    RObject *v = r_int_from_i64(3);
    aio_future_set_result(fut, v);
    /* done: the send returns the result (StopIteration for Python) */
    RObject *it2 = aio_future_iter_new(fut);
    assert_int_equal(aio_future_iter_send(it2, &res), 0);
    assert_ptr_equal(res, v);
    R_DECREF(res);
    R_DECREF(v);
    R_DECREF(it2);
    R_DECREF(it);
    drop(loop, fut);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_before_it_is_set),
        cmocka_unit_test(test_set_result_once),
        cmocka_unit_test(test_set_exception),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_callbacks_are_scheduled_in_order),
        cmocka_unit_test(test_future_iter_protocol),
    };
    return cmocka_run_group_tests_name("asyncio.future", tests, aio_test_setup,
                                       aio_test_teardown);
}
