# an async tree: every inner node gathers ten children, five levels deep
# (100k leaves); prints leaves per second
import asyncio
import time

FANOUT, DEPTH = 10, 5


async def node(depth):
    if depth == 0:
        return 1
    counts = await asyncio.gather(*[node(depth - 1) for _ in range(FANOUT)])
    return sum(counts)


async def main():
    start = time.perf_counter()
    leaves = await node(DEPTH)
    assert leaves == FANOUT ** DEPTH
    return leaves / (time.perf_counter() - start)


print(round(asyncio.run(main())))
