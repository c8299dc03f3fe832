# ---
# title: the never-retrieved report comes when the last reference to the failed task goes, not at exit
# clauses: [aio.task.6]
# source: "cpython-docs: asyncio — Developing with asyncio: Detect never-retrieved exceptions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["unreferenced task failed", "referenced task failed", "main returns"]}
#     stderr:
#       order: [["marker A", "Task exception was never retrieved"], ["Task exception was never retrieved", "marker B"], ["marker B", "ValueError: kept"], ["marker C", "ValueError: kept"]]
#       contains: ["Task exception was never retrieved", "Task exception was never retrieved", "ValueError: dropped", "ValueError: kept", "marker A", "marker B", "marker C"]
#     warns: []
# ---
import asyncio
import sys


async def fail(text, label):
    print(label)
    raise ValueError(text)


async def main():
    print("marker A", file=sys.stderr)
    asyncio.create_task(fail("dropped", "unreferenced task failed"))
    await asyncio.sleep(0.01)
    print("marker B", file=sys.stderr)
    kept = asyncio.create_task(fail("kept", "referenced task failed"))
    await asyncio.sleep(0.01)
    print("marker C", file=sys.stderr)
    print("main returns")


asyncio.run(main())
