# ---
# title: asyncio.wait_for() given a thread-pool future raises TypeError, with a different message from 3.12
# clauses: [interop.rejects.2]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.Future Are Not Compatible"
# flags: [threads]
# expect:
#   - python: "<3.12"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["job result: 5", "calling wait_for"]}
#     warns: []
#   - python: ">=3.12"
#     raises: {type: TypeError, message: "object Future can't be used in 'await' expression"}
#     stdout: {exact: ["job result: 5", "calling wait_for"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


def job():
    return 5


async def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(job)
        print(f"job result: {fut.result()}")
        print("calling wait_for")
        outcome = await asyncio.wait_for(fut, timeout=1)
        print(f"outcome: {outcome}")


asyncio.run(main())
