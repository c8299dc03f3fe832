# ---
# title: cancelling the future returned by gather() cancels every child that has not finished
# clauses: [aio.gather.4]
# source: "asyncio-guide: Concurrent Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["quick done", "cancel returned True", "child slow-1 cancelled", "child slow-2 cancelled", "awaiting gather raised CancelledError", "quick: cancelled=False result=quick", "slow-1: cancelled=True", "slow-2: cancelled=True"]}
#     stderr: {empty: true}
# ---
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"child {name} cancelled")
        raise
    print(f"{name} done")
    return name


async def main():
    names = ["quick", "slow-1", "slow-2"]
    delays = [0.01, 1, 1]
    tasks = [asyncio.create_task(child(n, d)) for n, d in zip(names, delays)]
    group = asyncio.gather(*tasks)
    await tasks[0]
    print(f"cancel returned {group.cancel()}")
    try:
        await group
    except asyncio.CancelledError:
        print("awaiting gather raised CancelledError")
    print(f"quick: cancelled={tasks[0].cancelled()} result={tasks[0].result()}")
    for name, t in zip(names[1:], tasks[1:]):
        print(f"{name}: cancelled={t.cancelled()}")


asyncio.run(main())
