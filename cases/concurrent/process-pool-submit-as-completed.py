# ---
# title: a job submitted to a process pool comes back through as_completed with its result
# clauses: [cf.process.1]
# source: "asyncio-guide: Executors"
# flags: [processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "program started"
#         - "done=True cancelled=False"
#         - "result: ('a', 'b', 'c', 123)"
#         - "program complete"
# ---
import concurrent.futures
import time


def slow_call(*args):
    time.sleep(0.1)
    return args + (123,)


def run():
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        fut = pool.submit(slow_call, "a", "b", "c")
        for finished in concurrent.futures.as_completed([fut]):
            print(f"done={fut.done()} cancelled={fut.cancelled()}")
            print("result:", finished.result())


if __name__ == "__main__":
    print("program started")
    run()
    print("program complete")
