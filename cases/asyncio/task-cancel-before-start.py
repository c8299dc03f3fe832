# ---
# title: cancelling a task before its first step ends it cancelled without running any of its body
# clauses: [aio.cancel.3]
# source: "cpython-docs: asyncio — Task Cancellation"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["cancel: True", "second cancel: True", "CancelledError seen by main", "cancelled: True", "body ran: False"]}
#     warns: []
# ---
import asyncio

ran = []


async def body():
    ran.append(True)
    print("body runs")


async def main():
    task = asyncio.create_task(body())
    print(f"cancel: {task.cancel()}")
    print(f"second cancel: {task.cancel()}")
    try:
        await task
    except asyncio.CancelledError:
        print("CancelledError seen by main")
    print(f"cancelled: {task.cancelled()}")
    print(f"body ran: {bool(ran)}")


asyncio.run(main())
