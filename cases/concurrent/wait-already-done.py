# ---
# title: wait() on futures that are already finished returns at once for every return_when
# clauses: [cf.wait.4]
# source: "cpython-docs: concurrent.futures — Module Functions"
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "FIRST_COMPLETED: done=2 not_done=0"
#         - "FIRST_EXCEPTION: done=2 not_done=0"
#         - "ALL_COMPLETED: done=2 not_done=0"
#         - "with a pending one, timeout=0: done=2 not_done=1"
# ---
import concurrent.futures

ok = concurrent.futures.Future()
ok.set_result("ok")
failed = concurrent.futures.Future()
failed.set_exception(OSError("gone"))
pending = concurrent.futures.Future()

for name in ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]:
    when = getattr(concurrent.futures, name)
    done, not_done = concurrent.futures.wait([ok, failed], return_when=when)
    print(f"{name}: done={len(done)} not_done={len(not_done)}")

done, not_done = concurrent.futures.wait([ok, pending, failed], timeout=0)
print(f"with a pending one, timeout=0: done={len(done)} not_done={len(not_done)}")
