# ---
# title: asyncio.shield() given a thread-pool future raises TypeError
# clauses: [interop.rejects.1]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.Future Are Not Compatible"
# flags: [threads]
# expect:
#   - python: "*"
#     raises: {type: TypeError, message: "An asyncio.Future, a coroutine or an awaitable is required"}
#     stdout: {exact: ["job result: 5", "calling shield"]}
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
        print("calling shield")
        outcome = await asyncio.shield(fut)
        print(f"outcome: {outcome}")


asyncio.run(main())
