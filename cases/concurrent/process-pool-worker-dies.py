# ---
# title: a worker process that dies (os._exit) breaks the pool; its job's future and the queued one fail with BrokenProcessPool
# clauses: [cf.process.7]
# source: "cpython-docs: concurrent.futures — ProcessPoolExecutor"
# flags: [processes]
# expect:
#   - python: "*"
#     raises:
#       type: concurrent.futures.process.BrokenProcessPool
#       message: "A process in the process pool was terminated abruptly while the future was running or pending."
#     stdout:
#       exact:
#         - "is BrokenProcessPool: True"
#         - "is BrokenExecutor: True"
#         - "queued job: BrokenProcessPool"
#         - "submit() afterwards: BrokenProcessPool: A child process terminated abruptly, the process pool is not usable anymore"
# ---
import concurrent.futures
import concurrent.futures.process
import os
import time


def die():
    # Give the parent time to queue its second job: a death noticed before
    # that submit would break the pool first and make the submit itself fail.
    time.sleep(0.2)
    os._exit(1)


def double(x):
    return 2 * x


if __name__ == "__main__":
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)
    fut = pool.submit(die)
    queued = pool.submit(double, 3)
    err = fut.exception()
    print(f"is BrokenProcessPool: {isinstance(err, concurrent.futures.process.BrokenProcessPool)}")
    print(f"is BrokenExecutor: {isinstance(err, concurrent.futures.BrokenExecutor)}")
    print(f"queued job: {type(queued.exception()).__name__}")
    try:
        pool.submit(double, 3)
    except concurrent.futures.BrokenExecutor as later:
        print(f"submit() afterwards: {type(later).__name__}: {later}")
    pool.shutdown()
    fut.result()
