# ---
# title: submitting a lambda to a process pool fails with a pickling error on result()
# clauses: [cf.process.4]
# source: "cpython-docs: concurrent.futures — ProcessPoolExecutor"
# flags: [processes]
# expect:
#   - python: "*"
#     raises:
#       type: _pickle.PicklingError
#       message_re: "Can't pickle <function <lambda> at 0x[0-9a-f]+>: attribute lookup <lambda> on __main__ failed"
#     stdout: {exact: ["submit returned a Future"]}
# ---
import concurrent.futures

if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(lambda: 1)
        print("submit returned a", type(fut).__name__)
        fut.result()
