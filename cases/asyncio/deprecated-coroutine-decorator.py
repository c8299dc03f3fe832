# ---
# title: "@asyncio.coroutine works with a DeprecationWarning on 3.8-3.10 and is gone from 3.11"
# clauses: [aio.deprecated.1]
# source: "asyncio-guide: Deprecated functions"
# expect:
#   - python: "<3.11"
#     completes: true
#     stdout: {exact: ["defining", "old style result"]}
#     warns: [{category: DeprecationWarning, message: "\"@coroutine\" decorator is deprecated since Python 3.8, use \"async def\" instead", line: 21}]
#   - python: ">=3.11"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'coroutine'. Did you mean: 'coroutines'?"}
#     stdout: {exact: ["defining"]}
#     warns: []
# ---
import asyncio

print("defining")


@asyncio.coroutine
def old_style():
    yield from asyncio.sleep(0.01)
    return "old style result"


async def main():
    print(await old_style())


asyncio.run(main())
