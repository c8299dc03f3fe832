# ---
# title: each asyncio.run() call creates a new event loop and closes it afterwards
# clauses: [aio.run.2]
# source: "asyncio-guide: Running an asyncio program"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["inside: running=True closed=False", "inside: running=True closed=False", "after: first closed=True, second closed=True", "same loop: False"]}
#     warns: []
# ---
import asyncio

loops = []


async def main():
    loop = asyncio.get_running_loop()
    loops.append(loop)
    print(f"inside: running={loop.is_running()} closed={loop.is_closed()}")


asyncio.run(main())
asyncio.run(main())
first, second = loops
print(f"after: first closed={first.is_closed()}, second closed={second.is_closed()}")
print(f"same loop: {first is second}")
