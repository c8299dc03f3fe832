# ---
# title: an awaited coroutine runs to completion before the awaiting coroutine continues
# clauses: [aio.run.5]
# source: "asyncio-guide: Running an asyncio program"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["greeting starts", "Bar!", "Hello again!", "greeting ends"]}
#     warns: []
# ---
import asyncio


async def bar():
    print("Bar!")


async def greeting():
    print("greeting starts")
    await bar()
    print("Hello again!")
    print("greeting ends")


asyncio.run(greeting())
