# ---
# title: wait() given the same finished future twice returns it once (3.9+) and blocks forever on 3.8
# clauses: [cf.wait.5, targets.deadlock.2]
# source: "cpython-docs: concurrent.futures — Module Functions"
# expect:
#   - python: "<3.9"
#     hangs: {after: 1.0}
#     stdout: {exact: ["calling wait"]}
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["calling wait", "done=1 not_done=0"]}
# ---
import concurrent.futures

fut = concurrent.futures.Future()
fut.set_result("once")
print("calling wait", flush=True)
done, not_done = concurrent.futures.wait([fut, fut])
print(f"done={len(done)} not_done={len(not_done)}")
