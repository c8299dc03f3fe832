# 50k round trips through the default executor, one at a time; prints
# round trips per second
import asyncio
import time

N = 50_000


def work(x):
    return x


async def main():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, work, 0)
    start = time.perf_counter()
    for i in range(N):
        await loop.run_in_executor(None, work, i)
    return N / (time.perf_counter() - start)


print(round(asyncio.run(main())))
