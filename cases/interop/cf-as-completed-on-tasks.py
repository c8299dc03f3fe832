# ---
# title: concurrent.futures.as_completed() on asyncio tasks raises AttributeError at the first iteration; the tasks still take their first step
# clauses: [interop.cf-as-completed.1]
# source: "futures-not-compatible: asyncio.Future and concurrent.futures.as_completed()"
# expect:
#   - python: "*"
#     raises: {type: AttributeError, message: "'_asyncio.Task' object has no attribute '_condition'"}
#     stdout: {exact: ["created 3 tasks", "iterating", "task 0 started", "task 1 started", "task 2 started"]}
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
    iterator = concurrent.futures.as_completed(tasks)
    print("iterating")
    for fut in iterator:
        print(fut.result())


asyncio.run(main())
