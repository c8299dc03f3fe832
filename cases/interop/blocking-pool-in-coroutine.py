# ---
# title: a with-ThreadPoolExecutor block inside a coroutine blocks the event loop, so a due timer of another task fires only after the block
# clauses: [interop.blocking.1]
# source: "asyncio-guide: Pools"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["tick 0", "ticker started", "jobs submitted", "pool closed: 3 results", "tick 1", "tick 2", "ticker done"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import time


def job(n):
    time.sleep(0.1)
    return n


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.01)


async def main():
    tick_task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    print("ticker started")
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(job, n) for n in range(3)]
        print("jobs submitted")
    print(f"pool closed: {sum(1 for f in futures if f.done())} results")
    await tick_task
    print("ticker done")


asyncio.run(main())
