# ---
# title: gather(return_exceptions=True) puts exceptions in the result list in argument order
# clauses: [aio.gather.2]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["0: int 1", "1: ValueError bad two", "2: int 3", "3: KeyError 'four'"]}
#     warns: []
#     stderr: {empty: true}
# ---
import asyncio


async def ok(n):
    await asyncio.sleep(0.01)
    return n


async def fail(exc):
    await asyncio.sleep(0.01)
    raise exc


async def main():
    results = await asyncio.gather(ok(1), fail(ValueError("bad two")), ok(3), fail(KeyError("four")), return_exceptions=True)
    for i, r in enumerate(results):
        print(f"{i}: {type(r).__name__} {r}")


asyncio.run(main())
