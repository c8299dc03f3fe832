# ---
# title: without return_exceptions, gather() raises the first exception in the awaiting coroutine and the other awaitables keep running
# clauses: [aio.gather.3]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["caught ValueError: early failure", "slow finished", "slow task cancelled: False, result: slow", "late failure retrieved: KeyError('late')"]}
#     stderr: {empty: true}
# ---
import asyncio


async def fail(exc, delay):
    await asyncio.sleep(delay)
    raise exc


async def slow():
    await asyncio.sleep(0.1)
    print("slow finished")
    return "slow"


async def main():
    slow_task = asyncio.create_task(slow())
    late = asyncio.create_task(fail(KeyError("late"), 0.05))
    try:
        await asyncio.gather(fail(ValueError("early failure"), 0.01), slow_task, late)
    except ValueError as e:
        print(f"caught {type(e).__name__}: {e}")
    await asyncio.sleep(0.15)
    print(f"slow task cancelled: {slow_task.cancelled()}, result: {slow_task.result()}")
    print(f"late failure retrieved: {late.exception()!r}")


asyncio.run(main())
