# a chain of a million callbacks, each scheduling the next with call_soon;
# prints callbacks per second
import asyncio
import time

N = 1_000_000


def main():
    loop = asyncio.new_event_loop()
    left = [N]

    def step():
        left[0] -= 1
        if left[0]:
            loop.call_soon(step)
        else:
            loop.stop()

    loop.call_soon(step)
    start = time.perf_counter()
    loop.run_forever()
    elapsed = time.perf_counter() - start
    loop.close()
    return N / elapsed


print(round(main()))
