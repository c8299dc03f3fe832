/* asyncio.Task's state machine (_asynciomodule.c's task_step_impl and
 * task_wakeup): the first step runs an iteration after creation, a
 * yielded future with _asyncio_future_blocking gets the task's wakeup, a
 * bare yield reschedules the step, cancel() before the first step or while
 * waiting ends the task cancelled, an exception ends it with the exception
 * to be retrieved; names come from one Task-N counter. */
#include "aio_coro.h"
#include "aio_test_util.h"
#include "exceptions.h"
#include "intobject.h"

/* a coroutine that logs "<tag>:start", awaits fut (when given), logs
 * "<tag>:end" and returns tag; with raise_at_end it raises ValueError */
typedef struct {
    AioCoro base;
    RObject *log, *tag, *fut;
    bool raise_at_end;
} Logger;

static void log_event(Logger *l, const char *what)
{
    RObject *s = r_str_from_format("%U:%s", l->tag, what);
    assert_non_null(s);
    r_list_append(l->log, s);
    R_DECREF(s);
}

static aio_step logger_step(AioCoro *c, RObject *value, RObject *exc, RObject **out)
{
    (void)value;
    Logger *l = (Logger *)c;
    if (c->state == 0) {
        log_event(l, "start");
        if (l->fut) {
            c->state = 1;
            *out = r_incref(l->fut);
            return AIO_AWAIT;
        }
    }
    if (exc) {
        log_event(l, "error");
        r_err_restore(r_incref(exc));
        return AIO_RAISE;
    }
    log_event(l, "end");
    if (l->raise_at_end) {
        r_err_set_string(r_exc_ValueError, "boom");
        return AIO_RAISE;
    }
    *out = r_incref(l->tag);
    return AIO_RETURN;
}

static const aio_coro_def logger_def = {"logger", "logger", sizeof(Logger), logger_step,
                                        AIO_CORO_REFS(Logger, fut), NULL};

static RObject *logger(RObject *log, const char *tag, RObject *fut)
{
    Logger *l = (Logger *)aio_coro_new(&logger_def);
    assert_non_null(l);
    l->log = r_incref(log);
    l->tag = r_str_from_cstr(tag);
    l->fut = fut ? r_incref(fut) : NULL;
    return (RObject *)l;
}

static RObject *new_task(RObject *loop, RObject *coro)
{
    RObject *t = aio_task_new(coro, loop, NULL, NULL);
    assert_non_null(t);
    R_DECREF(coro);
    return t;
}

static void test_first_step_runs_an_iteration_later(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *t = new_task(loop, logger(log, "t", NULL));
    call_soon_rec(loop, log, "soon");
    assert_int_equal(R_LIST_SIZE(log), 0);
    assert_int_equal(aio_future_done(t), 0);
    run_once(loop);
    /* the step was queued before "soon" */
    assert_log(log, "t:start t:end soon");
    RObject *r = aio_future_result(t);
    assert_string_equal(r_str_utf8(r), "t");
    R_DECREF(r);
    R_DECREF(t);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_awaited_future_wakes_the_task(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *fut = aio_future_new(loop);
    RObject *t = new_task(loop, logger(log, "t", fut));
    run_once(loop);
    assert_log(log, "t:start");
    /* the task waits: the future holds its wakeup and is its _fut_waiter */
    assert_ptr_equal(((AioTask *)t)->fut_waiter, fut);
    assert_non_null(((AioFuture *)fut)->callback0);
    assert_false(((AioFuture *)fut)->blocking);
    assert_int_equal(((AioLoop *)loop)->ready_len, 0); /* nothing to run until it is set */
    aio_future_set_result(fut, R_NONE);
    run_once(loop); /* the wakeup runs the next step */
    assert_log(log, "t:start t:end");
    assert_int_equal(aio_future_done(t), 1);
    R_DECREF(t);
    R_DECREF(fut);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_bare_yield_gives_up_one_iteration(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *zero = r_int_from_i64(0);
    RObject *t = new_task(loop, aio_sleep_new(zero, R_NONE));
    RObject *other = new_task(loop, logger(log, "o", NULL));
    run_once(loop); /* sleep(0) yields None: its step is rescheduled */
    assert_int_equal(aio_future_done(t), 0);
    assert_log(log, "o:start o:end");
    run_once(loop);
    assert_int_equal(aio_future_done(t), 1);
    R_DECREF(other);
    R_DECREF(t);
    R_DECREF(zero);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_cancel_before_the_first_step(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *t = new_task(loop, logger(log, "t", NULL));
    assert_int_equal(aio_task_cancel(t, NULL), 1);
    assert_int_equal(aio_task_cancel(t, NULL), 1);
    assert_true(((AioTask *)t)->fut.must_cancel);
    run_once(loop);
    /* CancelledError thrown into the unstarted coroutine: no body ran */
    assert_int_equal(R_LIST_SIZE(log), 0);
    assert_int_equal(aio_future_cancelled(t), 1);
    assert_int_equal(aio_task_cancel(t, NULL), 0);
    R_DECREF(t);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_cancel_while_waiting(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *fut = aio_future_new(loop);
    RObject *t = new_task(loop, logger(log, "t", fut));
    run_once(loop);
    assert_int_equal(aio_task_cancel(t, NULL), 1); /* cancels the future waited on */
    assert_int_equal(aio_future_cancelled(fut), 1);
    assert_int_equal(aio_future_cancelled(t), 0); /* not before the coroutine ends */
    run_once(loop);
    assert_log(log, "t:start t:error");
    assert_int_equal(aio_future_cancelled(t), 1);
    R_DECREF(t);
    R_DECREF(fut);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_exception_ends_the_task(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *coro = logger(log, "t", NULL);
    ((Logger *)coro)->raise_at_end = true;
    RObject *t = new_task(loop, coro);
    run_once(loop);
    assert_int_equal(aio_future_done(t), 1);
    assert_true(((AioFuture *)t)->log_tb); /* to be logged unless retrieved */
    RObject *e = aio_future_exception(t);
    assert_true(r_typecheck(e, r_exc_ValueError));
    assert_false(((AioFuture *)t)->log_tb);
    R_DECREF(e);
    R_DECREF(t);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_default_names_count_up(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *a = new_task(loop, logger(log, "a", NULL));
    RObject *b = new_task(loop, logger(log, "b", NULL));
    RObject *na = r_call_method(a, "get_name", NULL, 0);
    RObject *nb = r_call_method(b, "get_name", NULL, 0);
    int ia = atoi(r_str_utf8(na) + 5), ib = atoi(r_str_utf8(nb) + 5);
    assert_int_equal(strncmp(r_str_utf8(na), "Task-", 5), 0);
    assert_int_equal(ib, ia + 1);
    R_DECREF(na);
    R_DECREF(nb);
    run_once(loop);
    R_DECREF(a);
    R_DECREF(b);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_step_runs_an_iteration_later),
        cmocka_unit_test(test_awaited_future_wakes_the_task),
        cmocka_unit_test(test_bare_yield_gives_up_one_iteration),
        cmocka_unit_test(test_cancel_before_the_first_step),
        cmocka_unit_test(test_cancel_while_waiting),
        cmocka_unit_test(test_exception_ends_the_task),
        cmocka_unit_test(test_default_names_count_up),
    };
    return cmocka_run_group_tests_name("asyncio.task", tests, aio_test_setup, aio_test_teardown);
}
