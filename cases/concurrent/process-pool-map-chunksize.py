# ---
# title: ProcessPoolExecutor.map with chunksize runs each chunk in one worker and keeps input order
# clauses: [cf.process.5]
# source: "cpython-docs: concurrent.futures — ProcessPoolExecutor"
# flags: [processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100]"
#         - "items 0-2 in one process: True"
#         - "items 3-5 in one process: True"
# ---
import concurrent.futures
import os


def square(n):
    return n * n


def pid_of(n):
    return os.getpid()


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(square, range(11), chunksize=4)))
        pids = list(pool.map(pid_of, range(6), chunksize=3))
    print("items 0-2 in one process:", len(set(pids[0:3])) == 1)
    print("items 3-5 in one process:", len(set(pids[3:6])) == 1)
