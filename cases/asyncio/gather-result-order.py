# ---
# title: gather() returns results in the order of its arguments, whatever order they finish in
# clauses: [aio.gather.1]
# source: "asyncio-guide: gather"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["c finished", "b finished", "a finished", "results: ['a', 'b', 'c']"]}
#     warns: []
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    results = await asyncio.gather(job("a", 0.15), job("b", 0.1), job("c", 0.05))
    print(f"results: {results}")


asyncio.run(main())
