import asyncio

async def main():
    await asyncio.sleep(1)
    async with lock:
        pass
    async with a as b, c as d:
        pass
    async for x in y:
        pass
    else:
        pass
    result = [x async for x in aiter()]
    result = [await x for x in y]
    result = {x: y async for x, y in z if await w}
    result = (x async for x in y)
    return await asyncio.gather(*[f() for f in fs])

async def agen():
    yield 1
    yield
    x = yield 2
    await x

def gen():
    yield from range(3)
    x = yield from other()
    y = yield
    yield a, b
    yield *a, b

@asyncio.coroutine
def old():
    yield from asyncio.sleep(0)

class Awaitable:
    def __await__(self):
        return (yield self)

asyncio.run(main())
