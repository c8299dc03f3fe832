# ---
# title: concurrent.futures.wait() on asyncio tasks raises AttributeError; the tasks still take their first step
# clauses: [interop.cf-wait.1]
# source: "futures-not-compatible: asyncio.Future and concurrent.futures.wait()"
# expect:
#   - python: "*"
#     raises: {type: AttributeError, message: "'_asyncio.Task' object has no attribute '_condition'"}
#     stdout: {exact: ["created 3 tasks", "task 0 started", "task 1 started", "task 2 started"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


async def work(n):
    print(f"task {n} started")
    await asyncio.sleep(0.1)
    print(f"task {n} finished")
    return n


async def main():
    tasks = [asyncio.create_task(work(n)) for n in range(3)]
    print(f"created {len(tasks)} tasks")
    done, not_done = concurrent.futures.wait(tasks)
    print("not reached")


asyncio.run(main())
