# ---
# title: the TimeoutError of wait_for() is chained from the inner CancelledError from 3.9, unchained on 3.8
# clauses: [aio.waitfor.6]
# source: "asyncio-guide: wait_for"
# expect:
#   - python: "<3.9"
#     completes: true
#     stdout:
#       exact:
#         - "__cause__: NoneType"
#         - "__context__: NoneType"
#         - "__suppress_context__: False"
#   - python: ">=3.9"
#     completes: true
#     stdout:
#       exact:
#         - "__cause__: CancelledError"
#         - "__context__: CancelledError"
#         - "__suppress_context__: True"
#         - "cause is context: True"
# ---
import asyncio


async def slow():
    await asyncio.sleep(1)


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.05)
    except asyncio.TimeoutError as err:
        print(f"__cause__: {type(err.__cause__).__name__}")
        print(f"__context__: {type(err.__context__).__name__}")
        print(f"__suppress_context__: {err.__suppress_context__}")
        if err.__cause__ is not None:
            print(f"cause is context: {err.__cause__ is err.__context__}")


asyncio.run(main())
