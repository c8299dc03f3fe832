# ---
# title: asyncio.wrap_future() turns thread-pool futures into asyncio futures that gather() collects in argument order
# clauses: [interop.wrap-future.1]
# source: "asyncio-guide: asyncio.wrap_future"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["submitted slow", "submitted fast", "wrapped: Future Future", "gathered: ['slow done', 'fast done']"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import time


def delayed_echo(text, delay):
    time.sleep(delay)
    return f"{text} done"


async def submit_wrapped(pool, text, delay):
    inner = pool.submit(delayed_echo, text, delay)
    outer = asyncio.wrap_future(inner)
    print(f"submitted {text}")
    return outer


async def main():
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    slow = await submit_wrapped(pool, "slow", 0.1)
    fast = await submit_wrapped(pool, "fast", 0.02)
    print(f"wrapped: {type(slow).__name__} {type(fast).__name__}")
    results = await asyncio.gather(slow, fast)
    print(f"gathered: {results}")
    pool.shutdown()


asyncio.run(main())
