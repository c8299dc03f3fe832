# ---
# title: asyncio.as_completed() on thread-pool futures raises TypeError (at the first iteration before 3.13, at the call from 3.13)
# clauses: [interop.as-completed.1]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.as_completed()"
# flags: [threads]
# expect:
#   - python: "<3.13"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 1]", "calling as_completed", "iterating"]}
#     warns: []
#   - python: ">=3.13"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["results: [0, 1]", "calling as_completed"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


def job(n):
    return n


async def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(job, n) for n in range(2)]
        print(f"results: {[f.result() for f in futures]}")
        print("calling as_completed")
        iterator = asyncio.as_completed(futures)
        print("iterating")
        for next_done in iterator:
            print(await next_done)


asyncio.run(main())
