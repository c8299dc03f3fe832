# ---
# title: loop.run_in_executor() with a ThreadPoolExecutor runs the function in that pool's thread
# clauses: [interop.run-in-executor.3]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["worker: reader_0", "result: 'line 1|line 2'", "pool closed"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import threading


def read_lines(lines):
    return (threading.current_thread().name, "|".join(lines))


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader") as pool:
        name, text = await loop.run_in_executor(pool, read_lines, ["line 1", "line 2"])
        print(f"worker: {name}")
        print(f"result: {text!r}")
    print("pool closed")


asyncio.run(main())
