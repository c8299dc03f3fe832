# ---
# title: two tasks that each await sleep(0) between steps alternate strictly
# clauses: [aio.sched.1]
# source: "cpython-docs: asyncio — Sleeping"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["a0", "b0", "a1", "b1", "a2", "b2", "a done", "b done"]}
#     stderr: {empty: true}
# ---
import asyncio


async def worker(name):
    for i in range(3):
        print(f"{name}{i}")
        await asyncio.sleep(0)
    print(f"{name} done")


async def main():
    await asyncio.gather(worker("a"), worker("b"))


asyncio.run(main())
