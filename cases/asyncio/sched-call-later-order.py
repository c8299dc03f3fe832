# ---
# title: call_later() callbacks run in order of their delays, after call_soon() callbacks
# clauses: [aio.sched.3]
# source: "cpython-docs: asyncio — Event Loop: Scheduling delayed callbacks"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["soon", "after 0.01", "after 0.05", "after 0.1", "all fired"]}
#     stderr: {empty: true}
# ---
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_later(0.1, print, "after 0.1")
    loop.call_later(0.01, print, "after 0.01")
    loop.call_later(0.05, print, "after 0.05")
    loop.call_later(0.15, done.set_result, None)
    loop.call_soon(print, "soon")
    await done
    print("all fired")


asyncio.run(main())
