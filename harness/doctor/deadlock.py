# ---
# title: two threads each wait for good on an event nobody sets; the target hangs or reports the deadlock
# clauses: [targets.deadlock.1, targets.deadlock.2, targets.doctor.3]
# source: "cpython-docs: threading — Event Objects"
# flags: [threads]
# expect:
#   - hangs: {after: 0.5}
#     stdout: {exact: ["both wait"]}
# ---
import threading

never = threading.Event()
started = threading.Event()


def worker():
    started.set()
    never.wait()


threading.Thread(target=worker).start()
started.wait()
print("both wait", flush=True)
never.wait()
print("never")
