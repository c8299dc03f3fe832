# ---
# title: add_done_callback() on an asyncio Future that is already done schedules the callback with call_soon instead of calling it
# clauses: [aio.future.5]
# source: "cpython-docs: asyncio — Future Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "add_done_callback returned"
#         - "callback ran with ready"
#         - "after one loop iteration"
# ---
import asyncio


def callback(fut):
    print(f"callback ran with {fut.result()}")


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("ready")
    fut.add_done_callback(callback)
    print("add_done_callback returned")
    await asyncio.sleep(0)
    print("after one loop iteration")


asyncio.run(main())
