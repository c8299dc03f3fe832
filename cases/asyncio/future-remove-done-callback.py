# ---
# title: Future.remove_done_callback() removes every registration of the callback and returns how many it removed
# clauses: [aio.future.4]
# source: "cpython-docs: asyncio — Future Object"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "remove_done_callback(noisy) -> 2"
#         - "again -> 0"
#         - "kept ran with 42"
#         - "end"
# ---
import asyncio


def noisy(fut):
    print("noisy ran")


def kept(fut):
    print(f"kept ran with {fut.result()}")


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(noisy)
    fut.add_done_callback(kept)
    fut.add_done_callback(noisy)
    print(f"remove_done_callback(noisy) -> {fut.remove_done_callback(noisy)}")
    print(f"again -> {fut.remove_done_callback(noisy)}")
    fut.set_result(42)
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
