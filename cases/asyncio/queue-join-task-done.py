# ---
# title: Queue.join() returns once task_done() has been called for every item put; one call too many raises ValueError
# clauses: [aio.queue.2]
# source: "cpython-docs: asyncio — Queues"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "processed 0"
#         - "processed 1"
#         - "processed 2"
#         - "join() returned, qsize 0"
#         - "one task_done() too many: ValueError: task_done() called too many times"
#         - "worker cancelled"
# ---
import asyncio


async def worker(queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.01)
        print(f"processed {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for item in range(3):
        queue.put_nowait(item)
    task = asyncio.create_task(worker(queue))
    await queue.join()
    print(f"join() returned, qsize {queue.qsize()}")
    try:
        queue.task_done()
    except ValueError as err:
        print(f"one task_done() too many: ValueError: {err}")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("worker cancelled")


asyncio.run(main())
