# ---
# title: asyncio.isfuture() returns False for a thread-pool future
# clauses: [interop.isfuture.1]
# source: "futures-not-compatible: concurrent.futures.Future and asyncio.isfuture()"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["job ran", "type: Future", "isfuture: False", "result: 7"]}
#     warns: []
# ---
import asyncio
import concurrent.futures


def job(x):
    print("job ran")
    return x + 4


pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
fut = pool.submit(job, 3)
value = fut.result()
print(f"type: {type(fut).__name__}")
print(f"isfuture: {asyncio.isfuture(fut)}")
print(f"result: {value}")
pool.shutdown()
