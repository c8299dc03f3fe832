# ---
# title: asyncio.isfuture() returns True for an asyncio Future, a Task and a wrapped thread future
# clauses: [interop.isfuture.2]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.isfuture()"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["Future: True", "Task: True", "wrapped Future: True", "coroutine: False"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


async def child():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    plain = loop.create_future()
    task = asyncio.create_task(child())
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    wrapped = asyncio.wrap_future(pool.submit(int, "5"))
    coro = child()
    print(f"{type(plain).__name__}: {asyncio.isfuture(plain)}")
    print(f"{type(task).__name__}: {asyncio.isfuture(task)}")
    print(f"wrapped {type(wrapped).__name__}: {asyncio.isfuture(wrapped)}")
    print(f"coroutine: {asyncio.isfuture(coro)}")
    coro.close()
    plain.set_result(None)
    await task
    await wrapped
    pool.shutdown()


asyncio.run(main())
