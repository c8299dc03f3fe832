# ---
# title: async with calls __aenter__/__aexit__, async for drives __aiter__/__anext__ and async generators
# clauses: [lang.coro.4]
# source: "cpython-docs: reference — The async with statement"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "aenter"
#         - "inside with conn"
#         - "aexit None"
#         - "countdown 3"
#         - "countdown 2"
#         - "countdown 1"
#         - "agen [0, 10, 20]"
#         - "comprehension [0, 10]"
#         - "aenter"
#         - "aexit ValueError('boom')"
#         - "caught ValueError('boom')"
# ---
import asyncio


class Conn:
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("aenter")
        return "conn"

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print(f"aexit {exc!r}")
        return False


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.n -= 1
        return self.n + 1


async def tens(limit):
    for i in range(limit):
        await asyncio.sleep(0)
        yield i * 10


async def main():
    async with Conn() as c:
        print("inside with", c)
    async for v in Countdown(3):
        print("countdown", v)
    got = []
    async for v in tens(3):
        got.append(v)
    print("agen", got)
    print("comprehension", [v async for v in tens(2)])
    try:
        async with Conn():
            raise ValueError("boom")
    except ValueError as e:
        print(f"caught {e!r}")


asyncio.run(main())
