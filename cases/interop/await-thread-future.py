# ---
# title: awaiting a thread-pool future directly raises TypeError (it has no __await__)
# clauses: [interop.await.1]
# source: "asyncio-guide: asyncio.Future vs concurrent.futures.Future"
# flags: [threads]
# expect:
#   - python: "*"
#     raises: {type: TypeError, message: "object Future can't be used in 'await' expression"}
#     stdout: {exact: ["has __await__: False", "awaiting"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


def job():
    return 42


async def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(job)
        print(f"has __await__: {hasattr(fut, '__await__')}")
        print("awaiting")
        value = await fut
        print(f"value: {value}")


asyncio.run(main())
