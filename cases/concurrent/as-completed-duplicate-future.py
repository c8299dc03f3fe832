# ---
# title: as_completed() given the same future several times yields it once
# clauses: [cf.as-completed.3]
# source: "cpython-docs: concurrent.futures — Module Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["yielded 2 futures: ['once', 'other']"]}
# ---
import concurrent.futures

fut = concurrent.futures.Future()
fut.set_result("once")
other = concurrent.futures.Future()
other.set_result("other")
yielded = [f.result() for f in concurrent.futures.as_completed([fut, fut, other, fut])]
print(f"yielded {len(yielded)} futures: {sorted(yielded)}")
