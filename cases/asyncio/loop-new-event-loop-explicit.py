# ---
# title: new_event_loop() + set_event_loop() + run_until_complete() runs without any warning
# clauses: [aio.loop.2]
# source: "cpython-docs: asyncio — Event Loop"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["work on the current loop: True", "result: 7", "closed: True"]}
#     warns: []
# ---
import asyncio


async def work():
    running = asyncio.get_running_loop()
    print(f"work on the current loop: {running is loop}")
    return 7


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    print(f"result: {loop.run_until_complete(work())}")
finally:
    asyncio.set_event_loop(None)
    loop.close()
print(f"closed: {loop.is_closed()}")
