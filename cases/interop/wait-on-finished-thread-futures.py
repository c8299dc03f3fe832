# ---
# title: asyncio.wait() on thread-pool futures that already finished fails on remove_done_callback (3.11+)
# clauses: [interop.wait.2, interop.wait.5]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.wait()"
# flags: [threads]
# expect:
#   - python: "<3.11"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 1]", "calling wait"]}
#     warns: []
#   - python: ">=3.11"
#     raises: {type: AttributeError, message: "'Future' object has no attribute 'remove_done_callback'. Did you mean: 'add_done_callback'?"}
#     stdout: {exact: ["results: [0, 1]", "calling wait"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


def job(n):
    return n


async def main():
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    futures = [pool.submit(job, n) for n in range(2)]
    pool.shutdown()
    print(f"results: {[f.result() for f in futures]}")
    print("calling wait")
    done, pending = await asyncio.wait(futures)
    print(f"done {len(done)} pending {len(pending)}")


asyncio.run(main())
