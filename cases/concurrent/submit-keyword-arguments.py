# ---
# title: submit(fn, *args, **kwargs) passes positional and keyword arguments on to the call
# clauses: [cf.submit.1]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "hello, world."
#         - "goodbye, futures!"
# ---
import concurrent.futures


def describe(name, *, greeting="hello", punctuation="."):
    return f"{greeting}, {name}{punctuation}"


with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    plain = pool.submit(describe, "world")
    keywords = pool.submit(describe, "futures", greeting="goodbye", punctuation="!")
    print(plain.result())
    print(keywords.result())
