# ---
# title: asyncio.sleep(loop=) warns on 3.8-3.9 and is a TypeError from 3.10
# clauses: [aio.deprecated.2]
# source: "asyncio-guide: Deprecated functions"
# expect:
#   - python: "<3.10"
#     completes: true
#     stdout: {exact: ["sleep returned slept"]}
#     warns: [{category: DeprecationWarning, message: "The loop argument is deprecated since Python 3.8, and scheduled for removal in Python 3.10.", line: 21}]
#   - python: ">=3.10"
#     completes: true
#     stdout: {exact: ["TypeError: sleep() got an unexpected keyword argument 'loop'"]}
#     warns: []
# ---
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        result = await asyncio.sleep(0.01, "slept", loop=loop)
        print(f"sleep returned {result}")
    except TypeError as e:
        print(f"{type(e).__name__}: {e}")


asyncio.run(main())
