# ---
# title: asyncio.sleep(delay, result) returns result when it ends; without one it returns None
# clauses: [aio.sleep.1]
# source: "cpython-docs: asyncio — Sleeping"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "sleep(0.01, 'payload') -> 'payload'"
#         - "sleep(0, result=[1, 2]) -> [1, 2]"
#         - "sleep(0) -> None"
# ---
import asyncio


async def main():
    value = await asyncio.sleep(0.01, "payload")
    print(f"sleep(0.01, 'payload') -> {value!r}")
    value = await asyncio.sleep(0, result=[1, 2])
    print(f"sleep(0, result=[1, 2]) -> {value!r}")
    value = await asyncio.sleep(0)
    print(f"sleep(0) -> {value!r}")


asyncio.run(main())
