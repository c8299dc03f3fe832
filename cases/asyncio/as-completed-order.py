# ---
# title: iterating as_completed() gives awaitables that produce the results in completion order
# clauses: [aio.ascompleted.1]
# source: "asyncio-guide: as_completed"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["the quickest result was: b!", "the next quickest result was: a!", "the next quickest result was: c!"]}
#     stderr: {empty: true}
# ---
import asyncio


async def foo(n, delay):
    await asyncio.sleep(delay)
    return f"{n}!"


async def main():
    counter = 0
    tasks = [asyncio.create_task(foo("a", 0.05)), asyncio.create_task(foo("b", 0.01)), asyncio.create_task(foo("c", 0.1))]
    for aw in asyncio.as_completed(tasks):
        label = "quickest" if counter == 0 else "next quickest"
        counter += 1
        print(f"the {label} result was: {await aw}")


asyncio.run(main())
