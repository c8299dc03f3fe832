# ---
# title: call_soon() callbacks run in FIFO order, and a callback scheduled while a batch runs waits for the next iteration
# clauses: [aio.sched.2]
# source: "cpython-docs: asyncio — Event Loop: Scheduling callbacks"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["main queues A and B", "A", "B", "main after first sleep(0)", "A2 (queued by A)", "main after second sleep(0)"]}
#     stderr: {empty: true}
# ---
import asyncio


def a(loop):
    print("A")
    loop.call_soon(print, "A2 (queued by A)")


async def main():
    loop = asyncio.get_running_loop()
    print("main queues A and B")
    loop.call_soon(a, loop)
    loop.call_soon(print, "B")
    await asyncio.sleep(0)
    print("main after first sleep(0)")
    await asyncio.sleep(0)
    print("main after second sleep(0)")


asyncio.run(main())
