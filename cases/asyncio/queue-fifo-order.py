# ---
# title: items put on an asyncio.Queue by one task are got by another in the order they were put
# clauses: [aio.queue.1]
# source: "cpython-docs: asyncio — Queues"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "put first, qsize 1"
#         - "put second, qsize 2"
#         - "put third, qsize 3"
#         - "got first"
#         - "got second"
#         - "got third"
#         - "qsize at the end: 0"
# ---
import asyncio


async def consumer(queue):
    for _ in range(3):
        item = await queue.get()
        print(f"got {item}")


async def main():
    queue = asyncio.Queue()
    task = asyncio.create_task(consumer(queue))
    await asyncio.sleep(0.01)
    for item in ("first", "second", "third"):
        await queue.put(item)
        print(f"put {item}, qsize {queue.qsize()}")
    await task
    print(f"qsize at the end: {queue.qsize()}")


asyncio.run(main())
