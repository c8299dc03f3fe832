# ---
# title: as_completed() and wait() on an empty list yield nothing and return two empty sets, without error
# clauses: [cf.as-completed.4]
# source: "cpython-docs: concurrent.futures — Module Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "as_completed([]) yielded 0 futures"
#         - "wait([]) -> done=0 not_done=0"
# ---
import concurrent.futures

yielded = list(concurrent.futures.as_completed([]))
print(f"as_completed([]) yielded {len(yielded)} futures")
done, not_done = concurrent.futures.wait([])
print(f"wait([]) -> done={len(done)} not_done={len(not_done)}")
