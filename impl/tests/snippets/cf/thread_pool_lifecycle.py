# ThreadPoolExecutor: names, idle-worker reuse, map order, shutdown with
# cancel_futures, submit after shutdown, a failing initializer
import concurrent.futures as cf
import threading
import time

out = []
pool = cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="unit")
name = lambda: threading.current_thread().name
out.append(pool.submit(name).result())
time.sleep(0.05)
out.append(pool.submit(name).result())
out.append(list(pool.map(lambda x: x * x, range(5))))
gate, running = threading.Event(), threading.Event()


def hold():
    running.set()
    return gate.wait()


blockers = [pool.submit(hold)]
running.wait()
running.clear()
blockers.append(pool.submit(hold))
running.wait()
queued = [pool.submit(name) for _ in range(3)]
pool.shutdown(wait=False, cancel_futures=True)
gate.set()
out.append([f.cancelled() for f in queued])
out.append([f.result() for f in blockers])
try:
    pool.submit(name)
except RuntimeError as e:
    out.append(str(e))
pool.shutdown()


def broken_init():
    raise OSError("no")


bad = cf.ThreadPoolExecutor(max_workers=1, initializer=broken_init)
f = bad.submit(name)
err = f.exception()
out.append(type(err).__name__)
out.append(str(err))
try:
    bad.submit(name)
except cf.BrokenExecutor as e:
    out.append(type(e).__name__)

# the default worker count and the per-pool state thread.py keeps
import os

default = cf.ThreadPoolExecutor()
out.append(default._max_workers == min(32, (os.cpu_count() or 1) + 4))
out.append(default._thread_name_prefix.startswith("ThreadPoolExecutor-"))
out += [default._shutdown, default._broken, len(default._threads)]
default.submit(name).result()
out.append(len(default._threads))
default.shutdown()
out.append(default._shutdown)
