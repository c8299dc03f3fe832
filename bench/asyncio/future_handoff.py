# two tasks handing a turn back and forth through futures, a million
# hand-offs in all; prints hand-offs per second
import asyncio
import time

ROUNDS = 500_000


async def player(mine, theirs, loop):
    for _ in range(ROUNDS):
        await mine[0]
        mine[0] = loop.create_future()
        theirs[0].set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    a, b = [loop.create_future()], [loop.create_future()]
    tasks = [asyncio.ensure_future(player(a, b, loop)), asyncio.ensure_future(player(b, a, loop))]
    start = time.perf_counter()
    a[0].set_result(None)
    await asyncio.gather(*tasks)
    return 2 * ROUNDS / (time.perf_counter() - start)


print(round(asyncio.run(main())))
