# ---
# title: wait(return_when=FIRST_COMPLETED) returns as soon as one task finishes, leaving the others pending and running
# clauses: [aio.wait.1]
# source: "asyncio-guide: wait"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["n: 3!", "done: ['3']", "pending: ['1', '2']", "pending cancelled: [False, False]", "n: 2!", "n: 1!", "later results: ['1', '2']"]}
#     stderr: {empty: true}
# ---
import asyncio


async def foo(n, delay):
    await asyncio.sleep(delay)
    print(f"n: {n}!")
    return str(n)


async def main():
    tasks = [asyncio.create_task(foo(1, 0.15)), asyncio.create_task(foo(2, 0.1)), asyncio.create_task(foo(3, 0.02))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"done: {sorted(t.result() for t in done)}")
    print(f"pending: {sorted(str(tasks.index(t) + 1) for t in pending)}")
    print(f"pending cancelled: {[t.cancelled() for t in pending]}")
    print(f"later results: {sorted(await asyncio.gather(*pending))}")


asyncio.run(main())
