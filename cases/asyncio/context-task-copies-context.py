# ---
# title: a task runs in a copy of the context it was created in; what it sets stays in it, and what asyncio.run's main coroutine sets is gone after run()
# clauses: [aio.context.1]
# source: "cpython-docs: contextvars — asyncio support"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["a: saw main, now a", "b: saw main, now b", "main still sees main", "after run: unset"]}
# ---
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="unset")


async def handler(name):
    before = request.get()
    request.set(name)
    await asyncio.sleep(0)
    return f"{name}: saw {before}, now {request.get()}"


async def main():
    request.set("main")
    for line in await asyncio.gather(handler("a"), handler("b")):
        print(line)
    print(f"main still sees {request.get()}")


asyncio.run(main())
print(f"after run: {request.get()}")
