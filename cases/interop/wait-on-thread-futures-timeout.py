# ---
# title: asyncio.wait(thread futures, timeout=) wakes at the timeout and then fails on remove_done_callback (3.11+)
# clauses: [interop.wait.2, interop.wait.4]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads]
# expect:
#   - python: "<3.11"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["jobs finished: 2"]}
#     warns: []
#   - python: ">=3.11"
#     raises: {type: AttributeError, message: "'Future' object has no attribute 'remove_done_callback'. Did you mean: 'add_done_callback'?"}
#     stdout: {exact: ["jobs finished: 2"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import time


def job(n):
    time.sleep(0.02)
    return n


async def main():
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    futures = [pool.submit(job, n) for n in range(2)]
    try:
        done, pending = await asyncio.wait(futures, timeout=0.2)
        print(f"done {len(done)} pending {len(pending)}")
    finally:
        pool.shutdown()
        print(f"jobs finished: {sum(1 for f in futures if f.done())}")


asyncio.run(main())
