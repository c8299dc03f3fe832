# ---
# title: worker threads are named after thread_name_prefix with a counter suffix
# clauses: [cf.thread.2]
# source: "cpython-docs: concurrent.futures — ThreadPoolExecutor"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["job 0 ran in fetch_0", "job 1 ran in fetch_0"]}
# ---
import concurrent.futures
import threading


def whoami(n):
    return f"job {n} ran in {threading.current_thread().name}"


with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="fetch") as pool:
    for line in pool.map(whoami, range(2)):
        print(line)
