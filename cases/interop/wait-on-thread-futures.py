# ---
# title: awaiting asyncio.wait() on thread-pool futures raises TypeError before 3.11 and hangs from 3.11
# clauses: [interop.wait.2, interop.wait.3]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads, slow]
# expect:
#   - python: "<3.11"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {unordered: ["job 0 started", "job 1 started", "job 2 started"]}
#     warns: []
#   - python: ">=3.11"
#     hangs: {after: 1.0}
#     stdout: {unordered: ["job 0 started", "job 1 started", "job 2 started"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import time


def job(n):
    print(f"job {n} started", flush=True)
    time.sleep(0.05)
    return n


async def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(job, n) for n in range(3)]
        done, pending = await asyncio.wait(futures)
        print(f"done {len(done)} pending {len(pending)}", flush=True)


asyncio.run(main())
print("not reached", flush=True)
