# ---
# title: CancelledError, InvalidStateError and BrokenExecutor exist with their documented bases
# clauses: [cf.exc.2]
# source: "cpython-docs: concurrent.futures — Exception classes"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "CancelledError is an Exception: True"
#         - "InvalidStateError is an Exception: True"
#         - "BrokenExecutor is a RuntimeError: True"
#         - "CancelledError from result(), str: ''"
# ---
import concurrent.futures

cf = concurrent.futures
print("CancelledError is an Exception:", issubclass(cf.CancelledError, Exception))
print("InvalidStateError is an Exception:", issubclass(cf.InvalidStateError, Exception))
print("BrokenExecutor is a RuntimeError:", issubclass(cf.BrokenExecutor, RuntimeError))

fut = cf.Future()
fut.cancel()
try:
    fut.result()
except cf.CancelledError as exc:
    print(f"CancelledError from result(), str: {str(exc)!r}")
