/* The event loop's ordering rules (base_events.py's _run_once): call_soon
 * is FIFO, a callback scheduled during an iteration runs in the next one,
 * timers run by deadline (equal delays given one after the other come out
 * in insertion order; equal deadlines in heapq's order); cancelled handles are
 * skipped; call_soon_threadsafe wakes a loop blocked with no timer, a
 * plain call_soon from another thread does not. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "aio_test_util.h"
#include "floatobject.h"
#include "gil.h"
#include "thread.h"

/* a callback that schedules another one (the second runs an iteration
 * later): cells log, loop, tag of the second */
static RObject *schedule_next(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    if (r_list_append(cells[0], r_str_intern("first")) < 0)
        return NULL;
    call_soon_rec(cells[1], cells[0], r_str_utf8(cells[2]));
    R_RETURN_NONE;
}

static void test_call_soon_is_fifo(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    for (int i = 0; i < 5; i++) {
        char tag[8];
        snprintf(tag, sizeof tag, "c%d", i);
        call_soon_rec(loop, log, tag);
    }
    run_once(loop);
    assert_log(log, "c0 c1 c2 c3 c4");
    assert_int_equal(aio_loop_close(loop), 0);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_callbacks_scheduled_during_a_batch_wait_for_the_next(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *tag = r_str_from_cstr("second");
    RObject *cells[3] = {log, loop, tag};
    RObject *first = aio_closure_new("schedule_next", schedule_next, 3, cells);
    RObject *h = aio_call_soon(loop, first, NULL, 0, NULL);
    R_DECREF(h);
    call_soon_rec(loop, log, "after");
    run_once(loop);
    assert_log(log, "first after");
    run_once(loop);
    assert_log(log, "first after second");
    aio_loop_close(loop);
    R_DECREF(first);
    R_DECREF(tag);
    R_DECREF(log);
    R_DECREF(loop);
}

static void call_at_rec(RObject *loop, RObject *log, double when, const char *tag)
{
    RObject *rec = recorder(log, tag);
    RObject *w = r_float_from_double(when);
    RObject *h = aio_call_at(loop, w, rec, NULL, 0);
    assert_non_null(h);
    R_DECREF(h);
    R_DECREF(w);
    R_DECREF(rec);
}

static void test_timers_run_by_deadline(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    double now = aio_time();
    /* all already due, pushed out of order */
    call_at_rec(loop, log, now - 0.3, "t3");
    call_at_rec(loop, log, now - 0.5, "t5");
    call_at_rec(loop, log, now - 0.1, "t1");
    call_at_rec(loop, log, now - 0.4, "t4");
    call_at_rec(loop, log, now - 0.2, "t2");
    call_soon_rec(loop, log, "soon");
    run_once(loop);
    /* the ready handles were queued before the due timers moved in */
    assert_log(log, "soon t5 t4 t3 t2 t1");
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

/* call_later(d) twice gives two deadlines in insertion order: the later
 * call reads a later clock */
static void test_equal_delays_run_in_insertion_order(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    const char *tags[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (int i = 0; i < 7; i++) {
        RObject *rec = recorder(log, tags[i]);
        RObject *h = aio_call_later(loop, 0.01, rec, NULL, 0);
        R_DECREF(h);
        R_DECREF(rec);
    }
    while (R_LIST_SIZE(log) < 7)
        run_once(loop);
    assert_log(log, "a b c d e f g");
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

/* equal deadlines have no order of their own: they leave the heap in
 * heapq's order, as CPython's (measured with heapq on CPython 3.12) */
static void test_equal_deadlines_leave_in_heapq_order(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    double when = aio_time() - 1;
    const char *tags[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (int i = 0; i < 7; i++)
        call_at_rec(loop, log, when, tags[i]);
    run_once(loop);
    assert_log(log, "a c f g e b d");
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_future_timer_waits_for_its_deadline(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    double start = aio_time();
    call_at_rec(loop, log, start + 0.05, "late");
    call_at_rec(loop, log, start + 0.02, "early");
    run_once(loop); /* blocks until the first deadline */
    assert_log(log, "early");
    assert_true(aio_time() >= start + 0.02);
    run_once(loop);
    assert_log(log, "early late");
    assert_true(aio_time() >= start + 0.05);
    aio_loop_close(loop);
    R_DECREF(log);
    R_DECREF(loop);
}

static void test_cancelled_handles_are_skipped(void **state)
{
    (void)state;
    RObject *loop = aio_loop_new(), *log = r_list_new(0);
    RObject *rec = recorder(log, "cancelled");
    RObject *h = aio_call_soon(loop, rec, NULL, 0, NULL);
    RObject *w = r_float_from_double(aio_time() - 1);
    RObject *t = aio_call_at(loop, w, rec, NULL, 0);
    call_soon_rec(loop, log, "kept");
    assert_int_equal(aio_handle_cancel((AioHandle *)h), 0);
    assert_int_equal(aio_handle_cancel((AioHandle *)t), 0);
    assert_int_equal(((AioLoop *)loop)->timer_cancelled_count, 1);
    run_once(loop);
    assert_log(log, "kept");
    /* the cancelled timer left the heap from its head */
    assert_int_equal(((AioLoop *)loop)->nscheduled, 0);
    assert_int_equal(((AioLoop *)loop)->timer_cancelled_count, 0);
    aio_loop_close(loop);
    R_DECREF(t);
    R_DECREF(w);
    R_DECREF(h);
    R_DECREF(rec);
    R_DECREF(log);
    R_DECREF(loop);
}

/* ---- another thread ---- */

static RObject *stop_loop(RObject **cells, RObject *const *args, size_t nargs, RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    return r_call_method(cells[0], "stop", NULL, 0);
}

/* after 50 ms, loop.<method>(stop) from this thread: cells loop, method */
static RObject *later_from_thread(RObject **cells, RObject *const *args, size_t nargs,
                                  RObject *kw)
{
    (void)args;
    (void)nargs;
    (void)kw;
    r_gil_release();
    usleep(50000);
    r_gil_acquire();
    RObject *stop = aio_closure_new("stop", stop_loop, 1, cells);
    RObject *h = stop ? r_call_method(cells[0], r_str_utf8(cells[1]), &stop, 1) : NULL;
    R_XDECREF(stop);
    return h;
}

static double run_forever_with_thread(const char *method, double safety_timer)
{
    RObject *loop = aio_loop_new();
    RObject *m = r_str_from_cstr(method);
    RObject *cells[2] = {loop, m};
    RObject *target = aio_closure_new("later", later_from_thread, 2, cells);
    RObject *stop = aio_closure_new("stop", stop_loop, 1, cells);
    if (safety_timer > 0) {
        RObject *h = aio_call_later(loop, safety_timer, stop, NULL, 0);
        R_DECREF(h);
    }
    unsigned long ident;
    assert_int_equal(r_thread_start(target, NULL, NULL, &ident), 0);
    double start = aio_time();
    RObject *r = r_call_method(loop, "run_forever", NULL, 0);
    assert_non_null(r);
    R_DECREF(r);
    double elapsed = aio_time() - start;
    aio_loop_close(loop);
    R_DECREF(stop);
    R_DECREF(target);
    R_DECREF(m);
    R_DECREF(loop);
    return elapsed;
}

static void test_call_soon_threadsafe_wakes_a_blocked_loop(void **state)
{
    (void)state;
    /* nothing scheduled: the loop sleeps until the thread's write */
    double elapsed = run_forever_with_thread("call_soon_threadsafe", 0);
    assert_true(elapsed >= 0.045);
    assert_true(elapsed < 1.0);
}

static void test_call_soon_from_a_thread_does_not_wake_the_loop(void **state)
{
    (void)state;
    /* the stop queued at 50 ms runs only when the 300 ms timer wakes the loop */
    double elapsed = run_forever_with_thread("call_soon", 0.3);
    assert_true(elapsed >= 0.29);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_call_soon_is_fifo),
        cmocka_unit_test(test_callbacks_scheduled_during_a_batch_wait_for_the_next),
        cmocka_unit_test(test_timers_run_by_deadline),
        cmocka_unit_test(test_equal_delays_run_in_insertion_order),
        cmocka_unit_test(test_equal_deadlines_leave_in_heapq_order),
        cmocka_unit_test(test_future_timer_waits_for_its_deadline),
        cmocka_unit_test(test_cancelled_handles_are_skipped),
        cmocka_unit_test(test_call_soon_threadsafe_wakes_a_blocked_loop),
        cmocka_unit_test(test_call_soon_from_a_thread_does_not_wake_the_loop),
    };
    return cmocka_run_group_tests_name("asyncio.loop", tests, aio_test_setup, aio_test_teardown);
}
