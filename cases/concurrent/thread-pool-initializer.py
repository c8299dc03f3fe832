# ---
# title: the initializer runs once in each worker thread with initargs before any job
# clauses: [cf.thread.3]
# source: "cpython-docs: concurrent.futures — ThreadPoolExecutor"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "initializer calls: 1"
#         - "init thread: w_0 args: ('db', 5)"
#         - "jobs saw: ['db:5:0', 'db:5:1', 'db:5:2']"
# ---
import concurrent.futures
import threading

calls = []
config = {}


def init(name, size):
    calls.append((threading.current_thread().name, name, size))
    config[threading.current_thread().name] = f"{name}:{size}"


def job(n):
    return f"{config[threading.current_thread().name]}:{n}"


with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="w",
                                           initializer=init, initargs=("db", 5)) as pool:
    results = list(pool.map(job, range(3)))
print("initializer calls:", len(calls))
print("init thread:", calls[0][0], "args:", (calls[0][1], calls[0][2]))
print("jobs saw:", results)
