# ---
# title: Semaphore(2) lets two tasks in at a time; each release admits the next waiting task
# clauses: [aio.sync.3]
# source: "cpython-docs: asyncio — Synchronization Primitives"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "job 0 starts"
#         - "job 1 starts"
#         - "job 0 ends"
#         - "job 2 starts"
#         - "job 1 ends"
#         - "job 3 starts"
#         - "job 2 ends"
#         - "job 3 ends"
#         - "at most 2 jobs at once"
# ---
import asyncio

running = 0
most = 0


async def job(sem, n):
    global running, most
    async with sem:
        running += 1
        most = max(most, running)
        print(f"job {n} starts")
        # Job n holds its slot for 0.05 * (n + 1) s: job 0 ends at 0.05, job 1 at 0.10,
        # job 2 (admitted at 0.05) at 0.20, job 3 (admitted at 0.10) at 0.30.
        await asyncio.sleep(0.05 * (n + 1))
        print(f"job {n} ends")
        running -= 1


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[job(sem, n) for n in range(4)])
    print(f"at most {most} jobs at once")


asyncio.run(main())
