# ---
# title: result() raises the exception stored by set_exception, exception() returns it
# clauses: [cf.future.3]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     raises: {type: KeyError, message: "'missing'"}
#     stdout:
#       exact:
#         - "done=True cancelled=False"
#         - "exception() -> KeyError('missing')"
#         - "same object: True"
# ---
import concurrent.futures

fut = concurrent.futures.Future()
err = KeyError("missing")
fut.set_exception(err)
print(f"done={fut.done()} cancelled={fut.cancelled()}")
print("exception() ->", repr(fut.exception()))
print("same object:", fut.exception() is err)
fut.result()
