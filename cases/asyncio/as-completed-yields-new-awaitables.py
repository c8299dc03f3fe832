# ---
# title: plain iteration over as_completed() yields new coroutine objects, never the tasks passed in
# clauses: [aio.ascompleted.2]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["item 0: coroutine, one of the tasks: False, is future: False, result: fast", "item 1: coroutine, one of the tasks: False, is future: False, result: slow"]}
#     stderr: {empty: true}
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(job("slow", 0.05)), asyncio.create_task(job("fast", 0.01))]
    for i, item in enumerate(asyncio.as_completed(tasks)):
        known = any(item is t for t in tasks)
        print(f"item {i}: {type(item).__name__}, one of the tasks: {known}, is future: {asyncio.isfuture(item)}, result: {await item}")


asyncio.run(main())
