# ---
# title: a cancelled gather() future ends finished with a CancelledError exception, so cancelled() is False
# clauses: [aio.gather.5]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["cancel returned True", "done: True", "cancelled: False", "exception(): CancelledError", "child cancelled: True"]}
#     stderr: {empty: true}
# ---
import asyncio


async def main():
    child = asyncio.create_task(asyncio.sleep(1))
    group = asyncio.gather(child)
    await asyncio.sleep(0.01)
    print(f"cancel returned {group.cancel()}")
    try:
        await group
    except asyncio.CancelledError:
        pass
    print(f"done: {group.done()}")
    print(f"cancelled: {group.cancelled()}")
    print(f"exception(): {type(group.exception()).__name__}")
    print(f"child cancelled: {child.cancelled()}")


asyncio.run(main())
