# ---
# title: at shutdown a never-awaited coroutine held only by a garbage cycle is reported before one held by a module global
# clauses: [lang.coro.5, lang.coro.3]
# source: "cpython-docs: asyncio — Detect never-awaited coroutines"
# expect:
#   - python: "<3.13"
#     completes: true
#     stdout: {exact: ["end of main"]}
#     stderr: {regex: "(?s)sys:1: RuntimeWarning: coroutine 'in_cycle' was never awaited\\n.*sys:1: RuntimeWarning: coroutine 'in_global' was never awaited"}
#     warns:
#       - {category: RuntimeWarning, message: "coroutine 'in_cycle' was never awaited"}
#       - {category: RuntimeWarning, message: "coroutine 'in_global' was never awaited"}
#   - python: ">=3.13"
#     completes: true
#     stdout: {exact: ["end of main"]}
#     stderr: {regex: "(?s)<sys>:0: RuntimeWarning: coroutine 'in_cycle' was never awaited\\n.*<sys>:0: RuntimeWarning: coroutine 'in_global' was never awaited"}
#     warns:
#       - {category: RuntimeWarning, message: "coroutine 'in_cycle' was never awaited"}
#       - {category: RuntimeWarning, message: "coroutine 'in_global' was never awaited"}
# ---
import gc


async def in_cycle():
    pass


async def in_global():
    pass


class Holder:
    pass


gc.collect()  # no automatic collection comes before the end
h = Holder()
h.self = h
h.coro = in_cycle()
del h
kept = in_global()
print("end of main")
