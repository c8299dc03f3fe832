/* ProcessPoolExecutor driven from snippets: the paths the cases take
 * (submit, map with chunks, an exception and its remote traceback, a
 * callable pickle refuses, a worker that dies) and a few they cannot
 * reach (the thread callbacks run in, the weak reference to the executor,
 * cancel_futures), each checked under the profiles whose process.py
 * differs there. */
#include "futures_test_util.h"

#include "profile.h"

/* repr(out) of a snippet run under profile 3.minor */
static char *outcome(int minor, const char *source)
{
    int saved = r_profile.minor;
    r_profile.minor = minor;
    RObject *out = run_snippet(source);
    r_profile.minor = saved;
    char *s = repr_of(out);
    R_DECREF(out);
    return s;
}

static void check(int minor, const char *source, const char *expected)
{
    char *got = outcome(minor, source);
    if (strcmp(got, expected) != 0)
        fail_msg("3.%d: got %s, expected %s", minor, got, expected);
    free(got);
}

static const char *const defs =
    "import concurrent.futures, concurrent.futures.process, os, threading, time\n"
    "def square(x):\n"
    "    return x * x\n"
    "def pid_of(x):\n"
    "    return os.getpid()\n"
    "def check(x):\n"
    "    raise ValueError(f'bad input {x}')\n"
    "def die():\n"
    "    time.sleep(0.2)\n"
    "    os._exit(1)\n"
    "def slow(x):\n"
    "    time.sleep(0.2)\n"
    "    return x\n";

static char *with_defs(const char *body)
{
    size_t n = strlen(defs) + strlen(body) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", defs, body);
    return s;
}

static void submit_and_map_come_back_in_order(void **state)
{
    (void)state;
    char *src = with_defs(
        "with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:\n"
        "    big = pool.submit(square, 2 ** 40).result()\n"
        "    squares = list(pool.map(square, range(11), chunksize=4))\n"
        "    pids = list(pool.map(pid_of, range(6), chunksize=3))\n"
        "out = (big, squares, len(set(pids[:3])), len(set(pids[3:])), os.getpid() in pids)\n");
    for (int minor = 8; minor <= 13; minor++)
        check(minor, src, "(1208925819614629174706176, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100], "
                          "1, 1, False)");
    free(src);
}

static void an_exception_comes_back_with_the_remote_traceback(void **state)
{
    (void)state;
    char *src = with_defs(
        "with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:\n"
        "    e = pool.submit(check, 9).exception()\n"
        "cause = e.__cause__\n"
        "out = (type(e).__name__, str(e), type(cause).__name__,\n"
        "       str(cause).startswith('\\n\"\"\"\\nTraceback (most recent call last):\\n'),\n"
        "       str(cause).endswith('ValueError: bad input 9\\n\"\"\"'),\n"
        "       e.__suppress_context__)\n");
    for (int minor = 8; minor <= 13; minor++)
        check(minor, src, "('ValueError', 'bad input 9', '_RemoteTraceback', True, True, True)");
    free(src);
}

static void a_lambda_fails_in_the_feeder_not_in_submit(void **state)
{
    (void)state;
    char *src = with_defs(
        "with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:\n"
        "    f = pool.submit(lambda: 1)\n"
        "    e = f.exception()\n"
        "    later = pool.submit(square, 3).result()\n"
        "out = (type(e).__module__, type(e).__name__, str(e).split(' at ')[0],\n"
        "       type(e.__cause__).__name__, later)\n");
    for (int minor = 8; minor <= 13; minor++)
        check(minor, src, "('_pickle', 'PicklingError', \"Can't pickle <function <lambda>\", "
                          "'_RemoteTraceback', 9)");
    free(src);
}

static void a_dead_worker_breaks_the_pool(void **state)
{
    (void)state;
    char *src = with_defs(
        "pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)\n"
        "fut = pool.submit(die)\n"
        "queued = pool.submit(square, 3)\n"
        "err = fut.exception()\n"
        "try:\n"
        "    pool.submit(square, 3)\n"
        "except concurrent.futures.BrokenExecutor as e:\n"
        "    later = str(e)\n"
        "pool.shutdown()\n"
        "out = (isinstance(err, concurrent.futures.process.BrokenProcessPool), str(err),\n"
        "       type(queued.exception()).__name__, later)\n");
    for (int minor = 8; minor <= 13; minor++)
        check(minor, src,
              "(True, 'A process in the process pool was terminated abruptly while the future "
              "was running or pending.', 'BrokenProcessPool', 'A child process terminated "
              "abruptly, the process pool is not usable anymore')");
    free(src);
}

static void callbacks_run_in_the_manager_thread(void **state)
{
    (void)state;
    char *src = with_defs(
        "names = []\n"
        "with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:\n"
        "    f = pool.submit(slow, 1)\n"
        "    f.add_done_callback(lambda f: names.append(threading.current_thread().name))\n"
        "    f.result()\n"
        "time.sleep(0.05)\n"
        "out = names[0].startswith('Thread-') or names[0]\n");
    /* 3.8: threading.Thread(..., name="QueueManagerThread"); 3.9+: an
     * _ExecutorManagerThread, named by threading's counter */
    check(8, src, "'QueueManagerThread'");
    check(12, src, "True");
    free(src);
}

static void cancel_futures_cancels_what_no_worker_has(void **state)
{
    (void)state;
    char *src = with_defs(
        "pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)\n"
        "futs = [pool.submit(slow, i) for i in range(8)]\n"
        "time.sleep(0.1)\n"
        "pool.shutdown(cancel_futures=True)\n"
        "states = [f.cancelled() for f in futs]\n"
        "out = (states[0], states[-1], all(f.done() for f in futs))\n");
    check(9, src, "(False, True, True)");
    check(13, src, "(False, True, True)");
    free(src);
    src = with_defs("pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)\n"
                    "try:\n"
                    "    pool.shutdown(cancel_futures=True)\n"
                    "except TypeError as e:\n"
                    "    out = str(e)\n"
                    "pool.shutdown()\n");
    check(8, src, "\"shutdown() got an unexpected keyword argument 'cancel_futures'\"");
    free(src);
}

static void a_collected_executor_lets_its_manager_finish(void **state)
{
    (void)state;
    char *src = with_defs("def run():\n"
                          "    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)\n"
                          "    return [pool.submit(slow, i) for i in range(3)]\n"
                          "futs = run()\n"
                          "out = [f.result() for f in futs]\n");
    check(8, src, "[0, 1, 2]");
    check(12, src, "[0, 1, 2]");
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(submit_and_map_come_back_in_order),
        cmocka_unit_test(an_exception_comes_back_with_the_remote_traceback),
        cmocka_unit_test(a_lambda_fails_in_the_feeder_not_in_submit),
        cmocka_unit_test(a_dead_worker_breaks_the_pool),
        cmocka_unit_test(callbacks_run_in_the_manager_thread),
        cmocka_unit_test(cancel_futures_cancels_what_no_worker_has),
        cmocka_unit_test(a_collected_executor_lets_its_manager_finish),
    };
    return cmocka_run_group_tests_name("futures_process_pool", tests, futures_setup, futures_teardown);
}
