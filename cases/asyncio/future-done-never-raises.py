# ---
# title: Future.done() returns False while the future is pending and never raises
# clauses: [aio.future.3]
# source: "asyncio-guide: Futures"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["pending: done=False cancelled=False", "set later: done=True result=ready", "cancelled: done=True cancelled=True", "failed: done=True exception=KeyError('k')"]}
#     warns: []
# ---
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"pending: done={fut.done()} cancelled={fut.cancelled()}")
    loop.call_later(0.01, fut.set_result, "ready")
    await fut
    print(f"set later: done={fut.done()} result={fut.result()}")
    other = loop.create_future()
    other.cancel()
    print(f"cancelled: done={other.done()} cancelled={other.cancelled()}")
    bad = loop.create_future()
    bad.set_exception(KeyError("k"))
    print(f"failed: done={bad.done()} exception={bad.exception()!r}")


asyncio.run(main())
