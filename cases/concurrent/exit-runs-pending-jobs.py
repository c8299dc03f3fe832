# ---
# title: jobs still queued or running in thread and process pools that were never shut down run to completion before the interpreter exits
# clauses: [cf.exit.1]
# source: "asyncio-guide: Executors"
# flags: [threads, processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       unordered:
#         - "end of the program"
#         - "thread job 0 done"
#         - "thread job 1 done"
#         - "process job 0 done"
#         - "process job 1 done"
#       order:
#         - ["end of the program", "thread job 0 done"]
#         - ["end of the program", "process job 0 done"]
#         - ["thread job 0 done", "thread job 1 done"]
#         - ["process job 0 done", "process job 1 done"]
#     stderr: {empty: true}
# ---
import concurrent.futures
import time


def thread_job(n):
    time.sleep(0.1)
    print(f"thread job {n} done", flush=True)


def process_job(n):
    time.sleep(0.1)
    print(f"process job {n} done", flush=True)


if __name__ == "__main__":
    # One worker each: job 0 runs while job 1 waits in the queue.
    threads = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    processes = concurrent.futures.ProcessPoolExecutor(max_workers=1)
    for n in range(2):
        threads.submit(thread_job, n)
        processes.submit(process_job, n)
    # No shutdown(), no result(), no with block: the program simply ends here.
    print("end of the program", flush=True)
