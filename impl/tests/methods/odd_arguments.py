# Calls every method of a spread of builtin, threading, concurrent.futures,
# contextvars and asyncio objects with odd arguments (none, None, ints,
# strings, too many). Exceptions are expected; the run must end, print its
# count and exit 0: a crash, or under ASan a memory error, fails the test.
# Each call is named on stderr first, so a failure shows the last one.
import asyncio
import concurrent.futures as cf
import contextvars
import functools
import gc
import os
import random
import sys
import threading
import time
import warnings

ARGS = [(), (None,), (1,), ("x",), (None, None), (1, 2, 3), ([],), ({},), (-1,), (2**70,)]
# methods that block, or that the loop under test needs to keep running
SKIP = {"wait", "acquire", "__enter__", "_acquire_restore", "wait_for", "send", "__next__",
        "join", "result", "exception", "__init_subclass__", "__subclasses__", "mro",
        "__new__", "__init__", "run_forever", "run_until_complete", "close", "stop", "get",
        "put", "run_in_executor", "shutdown_default_executor", "shutdown_asyncgens",
        "set_exception_handler", "set_task_factory", "set_debug", "add_signal_handler",
        "remove_signal_handler", "getaddrinfo", "getnameinfo", "create_connection",
        "create_server", "create_unix_connection", "create_unix_server", "connect_read_pipe",
        "subprocess_exec", "subprocess_shell", "sendfile", "sock_recv", "sock_recvfrom",
        "sock_sendall", "sock_connect", "sock_accept", "start_tls",
        # module functions that end, sleep, fork or change the process
        "exit", "_exit", "sleep", "collect", "disable", "enable", "set_threshold",
        "setrecursionlimit", "setswitchinterval", "settrace", "setprofile", "excepthook",
        "simplefilter", "filterwarnings", "resetwarnings", "warn", "seed", "fork", "kill",
        "abort", "set_event_loop", "new_event_loop", "get_event_loop", "set_event_loop_policy",
        "run", "shutdown", "submit", "map", "gather", "shield", "to_thread", "start",
        "run_coroutine_threadsafe", "_shutdown", "_register_atexit", "set_default_executor"}
calls = 0


def gen():
    yield 1


async def coro():
    pass


def call_all(objects):
    global calls
    for o in objects:
        names = []
        for klass in type(o).__mro__:
            names.extend(klass.__dict__.keys())
        if type(o) is type(sys):
            names = [n for n in o.__dict__.keys() if not isinstance(getattr(o, n), type)]
        for name in names:
            if name in SKIP:
                continue
            try:
                method = getattr(o, name)
            except BaseException:
                continue
            if not callable(method):
                continue
            for args in ARGS:
                print("CALL", type(o).__name__, name, args, file=sys.stderr, flush=True)
                try:
                    result = method(*args)
                    if asyncio.iscoroutine(result):
                        result.close()
                except BaseException:
                    pass
                calls += 1


call_all(["abc", b"abc", [1, 2], {"a": 1}, {1, 2}, frozenset([1]), 5, 2.5, (1, 2), range(3),
          True, None, threading.Lock(), threading.Event(), threading.RLock(),
          threading.Condition(), gen(), iter([1]), {}.keys(), {}.items(), {}.values(),
          cf.Future(), contextvars.Context(), slice(1, 2), ValueError("x"), print, len,
          object(), type, Exception])
call_all([functools, gc, os, random, sys, threading, time, warnings, cf])
executor = cf.ThreadPoolExecutor(1)
call_all([executor])
executor.shutdown()


async def main():
    loop = asyncio.get_running_loop()
    var = contextvars.ContextVar("v")
    unstarted = coro()
    call_all([loop.create_future(), loop.create_task(coro()), asyncio.Event(), asyncio.Lock(),
              asyncio.Queue(), asyncio.Semaphore(), asyncio.Condition(), loop.call_soon(print),
              loop.call_later(10, print), var, var.set(1), contextvars.copy_context(), loop,
              unstarted, asyncio.BoundedSemaphore(), asyncio.LifoQueue(),
              asyncio.PriorityQueue(), asyncio.get_event_loop_policy()])
    unstarted.close()


asyncio.run(main())
print("calls survived:", calls)
