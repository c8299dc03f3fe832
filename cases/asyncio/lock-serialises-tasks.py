# ---
# title: two tasks entering "async with lock" run their critical sections one after the other
# clauses: [aio.sync.2]
# source: "cpython-docs: asyncio — Synchronization Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "a holds the lock"
#         - "locked while a sleeps: True"
#         - "a releases the lock"
#         - "b holds the lock"
#         - "b releases the lock"
#         - "locked at the end: False"
# ---
import asyncio


async def worker(lock, name):
    async with lock:
        print(f"{name} holds the lock")
        await asyncio.sleep(0.05)
        print(f"{name} releases the lock")


async def main():
    lock = asyncio.Lock()
    first = asyncio.create_task(worker(lock, "a"))
    second = asyncio.create_task(worker(lock, "b"))
    await asyncio.sleep(0.02)
    print(f"locked while a sleeps: {lock.locked()}")
    await asyncio.gather(first, second)
    print(f"locked at the end: {lock.locked()}")


asyncio.run(main())
