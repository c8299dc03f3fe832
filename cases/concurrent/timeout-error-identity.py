# ---
# title: concurrent.futures.TimeoutError is its own class before 3.11 and the builtin from 3.11
# clauses: [cf.exc.1]
# source: "cpython-docs: concurrent.futures — Exception classes"
# expect:
#   - python: "<3.11"
#     completes: true
#     stdout:
#       exact:
#         - "is builtin TimeoutError: False"
#         - "subclass of OSError: False"
#         - "except TimeoutError caught it: False"
#   - python: ">=3.11"
#     completes: true
#     stdout:
#       exact:
#         - "is builtin TimeoutError: True"
#         - "subclass of OSError: True"
#         - "except TimeoutError caught it: True"
# ---
import concurrent.futures

cls = concurrent.futures.TimeoutError
print("is builtin TimeoutError:", cls is TimeoutError)
print("subclass of OSError:", issubclass(cls, OSError))

fut = concurrent.futures.Future()
caught = False
try:
    try:
        fut.result(timeout=0)
    except TimeoutError:
        caught = True
except concurrent.futures.TimeoutError:
    pass
print("except TimeoutError caught it:", caught)
