# ---
# title: a coroutine object dropped without being awaited gives a RuntimeWarning at the line where it dies
# clauses: [lang.coro.2]
# source: "cpython-docs: asyncio — Detect never-awaited coroutines"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["before", "after call", "after del", "end"]}
#     warns:
#       - {category: RuntimeWarning, message: "coroutine 'fetch' was never awaited", line: 23}
#       - {category: RuntimeWarning, message: "coroutine 'Client.get' was never awaited", line: 26}
# ---
async def fetch():
    return 1


class Client:
    async def get(self):
        return 2


print("before")
fetch()
print("after call")
c = Client().get()
del c
print("after del")
print("end")
