# ---
# title: with eager_task_factory a new task runs its first step inside create_task(), as the current task, before create_task() names it; a coroutine that never suspends is done on return (3.12+; missing before)
# clauses: [aio.new312.1]
# source: "cpython-docs: asyncio — Eager Task Factory"
# expect:
#   - python: "<3.12"
#     raises: {type: AttributeError, message: "module 'asyncio' has no attribute 'eager_task_factory'"}
#     stdout: {empty: true}
#   - python: ">=3.12"
#     completes: true
#     stdout:
#       exact:
#         - "child 1 starts in task Task-2"
#         - "created c1, done: False, current: Task-1"
#         - "quick runs"
#         - "quick done at creation: True 'q'"
#         - "pending tasks: ['Task-1', 'c1']"
#         - "child 1 ends"
#         - "1"
#         - "quick runs"
#         - "child 2 starts in task Task-5"
#         - "child 2 ends"
#         - "['q', 2]"
#         - "without the factory, done at creation: False"
#         - "quick runs"
# ---
import asyncio


async def child(n):
    print(f"child {n} starts in task {asyncio.current_task().get_name()}")
    await asyncio.sleep(0)
    print(f"child {n} ends")
    return n


async def quick():
    print("quick runs")
    return "q"


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(child(1), name="c1")
    print(f"created {t.get_name()}, done: {t.done()}, current: {asyncio.current_task().get_name()}")
    q = asyncio.create_task(quick())
    print(f"quick done at creation: {q.done()} {q.result()!r}")
    print(f"pending tasks: {sorted(x.get_name() for x in asyncio.all_tasks())}")
    print(await t)
    print(await asyncio.gather(quick(), child(2)))
    loop.set_task_factory(None)
    plain = asyncio.create_task(quick())
    print(f"without the factory, done at creation: {plain.done()}")
    await plain


asyncio.run(main())
