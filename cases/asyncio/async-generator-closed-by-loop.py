# ---
# title: an async generator left unfinished is closed by the event loop, by a task after it dies or by shutdown_asyncgens() at the end of run()
# clauses: [aio.loop.6]
# source: "cpython-docs: asyncio — Event Loop (loop.shutdown_asyncgens)"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "got 1"
#         - "after the loop"
#         - "after one sleep(0)"
#         - "letters: finally"
#         - "after two"
#         - "kept a"
#         - "main returns"
#         - "kept: finally"
#         - "run returned"
# ---
import asyncio


async def letters(label):
    try:
        yield 1
        yield 2
    finally:
        print(f"{label}: finally")


kept = []


async def main():
    async for x in letters("letters"):
        print("got", x)
        break
    # the generator died at the break: its aclose() runs in a task the loop
    # schedules, not at once
    print("after the loop")
    await asyncio.sleep(0)
    print("after one sleep(0)")
    await asyncio.sleep(0)
    print("after two")
    g = letters("kept")
    await g.__anext__()
    kept.append(g)
    print("kept a" if kept else "nothing kept")
    print("main returns")


asyncio.run(main())
print("run returned")
