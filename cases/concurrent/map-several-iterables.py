# ---
# title: Executor.map() with several iterables calls fn with one item of each and stops at the shortest
# clauses: [cf.map.4]
# source: "cpython-docs: concurrent.futures — Executor Objects"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["['a!', 'bb?', 'ccc.']"]}
# ---
import concurrent.futures


def combine(word, count, mark):
    return f"{word * count}{mark}"


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    results = pool.map(combine, ["a", "b", "c", "d"], [1, 2, 3], "!?.")
    print(list(results))
