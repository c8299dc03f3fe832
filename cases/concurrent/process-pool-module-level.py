# ---
# title: a ProcessPoolExecutor created at module level and never shut down works and makes the interpreter print nothing at exit
# clauses: [cf.process.6]
# source: "asyncio-guide: Executors"
# flags: [processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "results: [0, 1, 4, 9]"
#         - "end of the program; the pool is never shut down"
#     stderr: {empty: true}
# ---
import concurrent.futures


def square(x):
    return x * x


pool = concurrent.futures.ProcessPoolExecutor(max_workers=2)

if __name__ == "__main__":
    futures = [pool.submit(square, n) for n in range(4)]
    print("results:", [f.result() for f in futures])
    print("end of the program; the pool is never shut down")
