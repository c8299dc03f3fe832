# ---
# title: asyncio.iscoroutine() counts a plain generator object as a coroutine on 3.8-3.11 and not from 3.12
# clauses: [aio.coro.2]
# source: "cpython-docs: asyncio — Coroutines"
# expect:
#   - python: "<3.12"
#     completes: true
#     stdout: {exact: ["generator object: True", "generator function: False"]}
#   - python: ">=3.12"
#     completes: true
#     stdout: {exact: ["generator object: False", "generator function: False"]}
# ---
import asyncio


def numbers():
    yield 1


print(f"generator object: {asyncio.iscoroutine(numbers())}")
print(f"generator function: {asyncio.iscoroutine(numbers)}")
