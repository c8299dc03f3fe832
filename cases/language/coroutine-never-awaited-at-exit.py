# ---
# title: a never-awaited coroutine still referenced by a module global is reported at interpreter shutdown, without a source line
# clauses: [lang.coro.3]
# source: "cpython-docs: asyncio — Detect never-awaited coroutines"
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout: {exact: ["created", "end"]}
#     stderr: {contains: ["sys:1: RuntimeWarning: coroutine 'work' was never awaited"]}
#     warns:
#       - {category: RuntimeWarning, message: "coroutine 'work' was never awaited"}
#   - python: ">=3.13"
#     completes: true
#     stdout: {exact: ["created", "end"]}
#     stderr: {contains: ["<sys>:0: RuntimeWarning: coroutine 'work' was never awaited"]}
#     warns:
#       - {category: RuntimeWarning, message: "coroutine 'work' was never awaited"}
# ---
async def work():
    return 1


pending = work()
print("created")
print("end")
