# ---
# title: in debug mode, asyncio.wait(thread futures, timeout=) hangs from 3.11 even with a timeout; the worker thread's callback fails the thread check
# clauses: [interop.wait.2, interop.wait.6]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads, slow]
# expect:
#   - python: "<3.11"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["job 0 started"]}
#   - python: ">=3.11"
#     hangs: {after: 1.0}
#     stdout: {exact: ["job 0 started"]}
#     stderr: {contains: ["RuntimeError: Non-thread-safe operation invoked on an event loop other than the current one"], regex: "^exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned int>$"}
# ---
import asyncio
import concurrent.futures
import time


def job(n):
    print(f"job {n} started", flush=True)
    time.sleep(0.05)
    return n


async def main():
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    futures = [pool.submit(job, 0)]
    done, pending = await asyncio.wait(futures, timeout=0.2)
    print(f"done {len(done)} pending {len(pending)}", flush=True)


asyncio.run(main(), debug=True)
