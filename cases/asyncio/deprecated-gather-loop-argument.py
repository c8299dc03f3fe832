# ---
# title: asyncio.gather(loop=) is accepted silently on 3.8, warns on 3.9 and is a TypeError from 3.10
# clauses: [aio.deprecated.3]
# source: "asyncio-guide: Deprecated functions"
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["gather returned [1, 2]"]}
#     warns: []
#   - python: "==3.9"
#     completes: true
#     stdout: {exact: ["gather returned [1, 2]"]}
#     warns: [{category: DeprecationWarning, message: "The loop argument is deprecated since Python 3.8, and scheduled for removal in Python 3.10.", line: 30}]
#   - python: ">=3.10"
#     completes: true
#     stdout: {exact: ["TypeError: gather() got an unexpected keyword argument 'loop'"]}
#     warns: [{category: RuntimeWarning, message: "coroutine 'value' was never awaited", line: 30}]
# ---
import asyncio


async def value(v):
    await asyncio.sleep(0.01)
    return v


async def main():
    loop = asyncio.get_running_loop()
    try:
        results = await asyncio.gather(value(1), value(2), loop=loop)
        print(f"gather returned {results}")
    except TypeError as e:
        print(f"{type(e).__name__}: {e}")


asyncio.run(main())
