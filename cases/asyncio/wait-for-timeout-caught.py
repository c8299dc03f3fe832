# ---
# title: wait_for() past its timeout cancels the inner coroutine and raises asyncio.TimeoutError, whose str() is empty
# clauses: [aio.waitfor.1]
# source: "asyncio-guide: wait_for"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["inner sees CancelledError", "timeout!", "str: ''", "args: ()", "is asyncio.TimeoutError: True"]}
#     stderr: {empty: true}
# ---
import asyncio


async def foo():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner sees CancelledError")
        raise
    print("inner finished")


async def main():
    try:
        await asyncio.wait_for(foo(), timeout=0.05)
    except asyncio.TimeoutError as err:
        print("timeout!")
        print(f"str: {str(err)!r}")
        print(f"args: {err.args}")
        print(f"is asyncio.TimeoutError: {isinstance(err, asyncio.TimeoutError)}")


asyncio.run(main())
