# ---
# title: loop.call_at() with times computed from loop.time() runs the callbacks in order of their times, none before its time
# clauses: [aio.loop.3]
# source: "cpython-docs: asyncio — Event Loop: Scheduling delayed callbacks"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "when() is the given time: True True"
#         - "early fired, not before its time: True"
#         - "late fired, not before its time: True"
# ---
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    start = loop.time()

    def fire(name, when):
        print(f"{name} fired, not before its time: {loop.time() >= when}")
        if name == "late":
            done.set_result(None)

    # Scheduled late first: the order of the calls does not matter, the times do.
    late = loop.call_at(start + 0.1, fire, "late", start + 0.1)
    early = loop.call_at(start + 0.05, fire, "early", start + 0.05)
    print(f"when() is the given time: {late.when() == start + 0.1} {early.when() == start + 0.05}")
    await done


asyncio.run(main())
