# ---
# title: shield() lets the inner task run on when the task awaiting the shield is cancelled
# clauses: [aio.shield.1]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["waiter cancelled", "waiter task cancelled: True", "inner done: False", "inner finished", "inner result: precious"]}
#     stderr: {empty: true}
# ---
import asyncio


async def inner():
    await asyncio.sleep(0.1)
    print("inner finished")
    return "precious"


async def waiter(task):
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    inner_task = asyncio.create_task(inner())
    waiting = asyncio.create_task(waiter(inner_task))
    await asyncio.sleep(0.02)
    waiting.cancel()
    try:
        await waiting
    except asyncio.CancelledError:
        pass
    print(f"waiter task cancelled: {waiting.cancelled()}")
    print(f"inner done: {inner_task.done()}")
    print(f"inner result: {await inner_task}")


asyncio.run(main())
