# ---
# title: Event.set() wakes every task waiting in Event.wait(), in the order they started waiting; wait() on a set event returns True at once
# clauses: [aio.sync.1]
# source: "cpython-docs: asyncio — Synchronization Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "a waiting"
#         - "b waiting"
#         - "is_set before set(): False"
#         - "is_set after set(): True"
#         - "a woke, wait() returned True"
#         - "b woke, wait() returned True"
#         - "wait() on a set event returns True"
# ---
import asyncio


async def waiter(event, name):
    print(f"{name} waiting")
    got = await event.wait()
    print(f"{name} woke, wait() returned {got}")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, name)) for name in ("a", "b")]
    await asyncio.sleep(0.05)
    print(f"is_set before set(): {event.is_set()}")
    event.set()
    print(f"is_set after set(): {event.is_set()}")
    await asyncio.gather(*tasks)
    again = await event.wait()
    print(f"wait() on a set event returns {again}")


asyncio.run(main())
