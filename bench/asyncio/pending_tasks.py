# 100k tasks pending on one event at the same time; the runner reads the
# peak resident memory of the process. Prints the number of tasks.
import asyncio

N = 100_000


async def waiter(event):
    await event.wait()


async def main():
    event = asyncio.Event()
    tasks = [asyncio.ensure_future(waiter(event)) for _ in range(N)]
    await asyncio.sleep(0)
    event.set()
    await asyncio.gather(*tasks)
    return len(tasks)


print(asyncio.run(main()))
