# ---
# title: wait() given bare coroutines wraps them in tasks (3.8), warns (3.9-3.10) or raises TypeError (3.11+)
# clauses: [aio.wait.5]
# source: "asyncio-guide: wait"
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["done: [1, 2] pending: 0", "main ends"]}
#     warns: []
#   - python: ">=3.9,<3.11"
#     completes: true
#     stdout: {exact: ["done: [1, 2] pending: 0", "main ends"]}
#     warns: [{category: DeprecationWarning, message: "The explicit passing of coroutine objects to asyncio.wait() is deprecated since Python 3.8, and scheduled for removal in Python 3.11.", line: 30}]
#   - python: ">=3.11"
#     completes: true
#     stdout: {exact: ["TypeError: Passing coroutines is forbidden, use tasks explicitly.", "main ends"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'foo' was never awaited", line: 34}]
# ---
import asyncio


async def foo(n):
    await asyncio.sleep(0.01 * n)
    return n


async def main():
    coros = [foo(1), foo(2)]
    try:
        done, pending = await asyncio.wait(coros)
        print(f"done: {sorted(t.result() for t in done)} pending: {len(pending)}")
    except TypeError as e:
        print(f"{type(e).__name__}: {e}")
        del coros
    print("main ends")


asyncio.run(main())
