# ---
# title: asyncio.CancelledError is a BaseException, so "except Exception" does not catch a cancellation
# clauses: [aio.cancel.2]
# source: "cpython-docs: asyncio — Exceptions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["Exception subclass: False", "BaseException subclass: True", "except Exception did not catch it", "task cancelled: True", "task done: True"]}
#     warns: []
# ---
import asyncio


async def guarded():
    try:
        await asyncio.sleep(1)
    except Exception:
        print("except Exception caught the cancellation")
    finally:
        print("except Exception did not catch it")


async def main():
    print(f"Exception subclass: {issubclass(asyncio.CancelledError, Exception)}")
    print(f"BaseException subclass: {issubclass(asyncio.CancelledError, BaseException)}")
    task = asyncio.create_task(guarded())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(f"task cancelled: {task.cancelled()}")
    print(f"task done: {task.done()}")


asyncio.run(main())
