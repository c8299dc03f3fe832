# ---
# title: wait(timeout=) returns the unfinished tasks in the pending set without cancelling them or raising
# clauses: [aio.wait.4]
# source: "cpython-docs: asyncio — Waiting Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["quick finished", "done: ['quick'] pending: 1", "pending cancelled: False", "slow finished", "slow result after all: slow"]}
#     stderr: {empty: true}
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    quick = asyncio.create_task(job("quick", 0))
    slow = asyncio.create_task(job("slow", 0.15))
    done, pending = await asyncio.wait([quick, slow], timeout=0.05)
    print(f"done: {[t.result() for t in done]} pending: {len(pending)}")
    print(f"pending cancelled: {slow.cancelled()}")
    print(f"slow result after all: {await slow}")


asyncio.run(main())
