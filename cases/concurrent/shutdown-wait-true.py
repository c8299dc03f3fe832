# ---
# title: shutdown() with the default wait=True returns only after the submitted jobs finished
# clauses: [cf.shutdown.1]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "before shutdown: done=False"
#         - "after shutdown: done=True cancelled=False"
#         - "result length: 5000"
# ---
import concurrent.futures
import time


def build(n):
    time.sleep(0.1)
    return "x" * n


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
fut = pool.submit(build, 5000)
print(f"before shutdown: done={fut.done()}")
pool.shutdown()
print(f"after shutdown: done={fut.done()} cancelled={fut.cancelled()}")
print("result length:", len(fut.result()))
