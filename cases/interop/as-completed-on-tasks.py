# ---
# title: asyncio.as_completed() on asyncio tasks yields awaitables that give the results in completion order
# clauses: [interop.working.2]
# source: "futures-not-compatible: asyncio.Future and concurrent.futures.as_completed()"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["task 0 started", "task 1 started", "task 2 started", "result 2", "result 0", "result 1"]}
#     warns: []
# ---
import asyncio

DELAYS = [0.08, 0.14, 0.02]


async def work(n):
    print(f"task {n} started")
    await asyncio.sleep(DELAYS[n])
    return n


async def main():
    tasks = [asyncio.create_task(work(n)) for n in range(3)]
    for next_done in asyncio.as_completed(tasks):
        print(f"result {await next_done}")


asyncio.run(main())
