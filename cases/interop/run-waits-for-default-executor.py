# ---
# title: asyncio.run() waits for jobs still running in the default executor from 3.9; 3.8 returns first and the late result hits a closed loop
# clauses: [interop.run-in-executor.5]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["main returns", "run returned", "job finished"]}
#     stderr: {contains: ["RuntimeError: Event loop is closed"], regex: "^exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned str>$"}
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["main returns", "job finished", "run returned"]}
#     stderr: {empty: true}
# ---
import asyncio
import time


def slow_job():
    time.sleep(0.15)
    print("job finished", flush=True)
    return "late"


async def main():
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, slow_job)
    print("main returns", flush=True)


asyncio.run(main())
print("run returned", flush=True)
