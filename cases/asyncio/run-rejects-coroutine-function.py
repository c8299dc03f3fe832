# ---
# title: asyncio.run() given the coroutine function instead of a coroutine object raises ValueError
# clauses: [aio.run.3]
# source: "asyncio-guide: Tasks"
# expect:
#   - python: "*"
#     raises: {type: ValueError, message_re: "a coroutine was expected, got <function main at 0x[0-9a-fA-F]+>"}
#     stdout: {exact: ["before run"]}
#     warns: []
# ---
import asyncio


async def main():
    print("main body runs")
    return 1


print("before run")
asyncio.run(main)
print("not reached")
