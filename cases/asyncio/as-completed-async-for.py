# ---
# title: async for over as_completed() yields the original tasks from 3.13 and raises TypeError before
# clauses: [aio.ascompleted.3]
# source: "cpython-docs: asyncio — Waiting Primitives"
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout: {exact: ["TypeError: 'async for' requires an object with __aiter__ method, got generator"]}
#     stderr: {empty: true}
#   - python: ">=3.13"
#     completes: true
#     stdout: {exact: ["got task fast: True", "got task slow: True"]}
#     stderr: {empty: true}
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(job("slow", 0.05)), asyncio.create_task(job("fast", 0.01))]
    try:
        async for item in asyncio.as_completed(tasks):
            print(f"got task {item.result()}: {any(item is t for t in tasks)}")
    except TypeError as e:
        print(f"{type(e).__name__}: {e}")
        await asyncio.wait(tasks)


asyncio.run(main())
