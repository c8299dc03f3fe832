# ---
# title: an exception in one map() call is raised when iteration reaches that item
# clauses: [cf.map.2]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     raises: {type: ZeroDivisionError, message: "integer division or modulo by zero"}
#     stdout: {exact: ["map returned", "got 30", "got 15"]}
# ---
import concurrent.futures


def divide(d):
    return 60 // d


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    results = pool.map(divide, [2, 4, 0, 5])
    print("map returned")
    for value in results:
        print("got", value)
