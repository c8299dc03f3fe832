# ---
# title: asyncio.run() runs a coroutine to completion and returns its value
# clauses: [aio.run.1]
# source: "asyncio-guide: Running an asyncio program"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["main starts", "main ends", "run returned 42"]}
#     warns: []
# ---
import asyncio


async def main():
    print("main starts")
    await asyncio.sleep(0.01)
    print("main ends")
    return 42


value = asyncio.run(main())
print(f"run returned {value}")
