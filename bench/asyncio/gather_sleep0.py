# 100k tasks, each awaiting asyncio.sleep(0) once, gathered; prints tasks
# per second
import asyncio
import time

N = 100_000


async def one():
    await asyncio.sleep(0)


async def main():
    start = time.perf_counter()
    await asyncio.gather(*[one() for _ in range(N)])
    return time.perf_counter() - start


print(round(N / asyncio.run(main())))
