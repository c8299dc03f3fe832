# ---
# title: an exception raised in a process-pool worker is re-raised by result() with its type and message
# clauses: [cf.process.3]
# source: "cpython-docs: concurrent.futures — ProcessPoolExecutor"
# flags: [processes]
# expect:
#   - python: "*"
#     raises: {type: ValueError, message: "bad input 9"}
#     stdout: {exact: ["cause: _RemoteTraceback"]}
#     stderr:
#       regex: "^concurrent\\.futures\\.process\\._RemoteTraceback: $"
# ---
import concurrent.futures


def check(x):
    raise ValueError(f"bad input {x}")


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(check, 9)
        print("cause:", type(fut.exception().__cause__).__name__)
        fut.result()
