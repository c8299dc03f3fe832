# ---
# title: wait(return_when=FIRST_EXCEPTION) returns when a task raises; the exception stays in the task
# clauses: [aio.wait.2]
# source: "cpython-docs: asyncio — Waiting Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["fast ok", "done: 2 pending: 1", "failed task exception: RuntimeError('broken')", "slow ok"]}
#     stderr: {empty: true}
# ---
import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} ok")
    return name


async def broken():
    await asyncio.sleep(0.05)
    raise RuntimeError("broken")


async def main():
    failing = asyncio.create_task(broken())
    others = [asyncio.create_task(ok("fast", 0.01)), asyncio.create_task(ok("slow", 0.15))]
    done, pending = await asyncio.wait([failing] + others, return_when=asyncio.FIRST_EXCEPTION)
    print(f"done: {len(done)} pending: {len(pending)}")
    print(f"failed task exception: {failing.exception()!r}")
    await asyncio.wait(pending)


asyncio.run(main())
