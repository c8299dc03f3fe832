# ---
# title: Executor.map yields results in input order even when a later item finishes first
# clauses: [cf.map.1]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "FIRST"
#         - "MIDDLE"
#         - "LAST"
#         - "last finished before first: True"
# ---
import concurrent.futures
import threading

finished = []
lock = threading.Lock()
last_done = threading.Event()


def shout(word):
    if word == "first":
        last_done.wait(5)
    with lock:
        finished.append(word)
    if word == "last":
        last_done.set()
    return word.upper()


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    for value in pool.map(shout, ["first", "middle", "last"]):
        print(value)
print("last finished before first:", finished.index("last") < finished.index("first"))
