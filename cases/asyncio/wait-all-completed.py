# ---
# title: wait() with the default ALL_COMPLETED returns every task in the done set, failed ones included, without raising
# clauses: [aio.wait.3]
# source: "cpython-docs: asyncio — Waiting Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["done: 3 pending: 0", "results: ['a', 'b']", "exceptions: ['ValueError']"]}
#     stderr: {empty: true}
# ---
import asyncio


async def value(v, delay):
    await asyncio.sleep(delay)
    return v


async def fail():
    await asyncio.sleep(0.02)
    raise ValueError("no")


async def main():
    tasks = [asyncio.create_task(value("b", 0.05)), asyncio.create_task(fail()), asyncio.create_task(value("a", 0.01))]
    done, pending = await asyncio.wait(tasks)
    print(f"done: {len(done)} pending: {len(pending)}")
    print(f"results: {sorted(t.result() for t in done if t.exception() is None)}")
    print(f"exceptions: {sorted(type(t.exception()).__name__ for t in done if t.exception() is not None)}")


asyncio.run(main())
