# ---
# title: awaiting asyncio.wait() on asyncio tasks returns every task in the done set
# clauses: [interop.working.1]
# source: "futures-not-compatible: asyncio.Future and concurrent.futures.wait()"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["task 0 started", "task 1 started", "task 2 started", "task 0 finished", "task 1 finished", "task 2 finished", "done 3 pending 0", "results: [0, 10, 20]"]}
#     warns: []
# ---
import asyncio


async def work(n):
    print(f"task {n} started")
    await asyncio.sleep(0.02 * (n + 1))
    print(f"task {n} finished")
    return n * 10


async def main():
    tasks = [asyncio.create_task(work(n)) for n in range(3)]
    done, pending = await asyncio.wait(tasks)
    print(f"done {len(done)} pending {len(pending)}")
    print(f"results: {sorted(t.result() for t in done)}")


asyncio.run(main())
