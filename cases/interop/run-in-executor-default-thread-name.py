# ---
# title: the default executor's first worker thread is named ThreadPoolExecutor-0_0 on 3.8 and asyncio_0 from 3.9
# clauses: [interop.run-in-executor.2]
# source: "asyncio-guide: Executors"
# flags: [threads]
# expect:
#   - python: "==3.8"
#     completes: true
#     stdout: {exact: ["worker: ThreadPoolExecutor-0_0"]}
#     warns: []
#   - python: ">=3.9"
#     completes: true
#     stdout: {exact: ["worker: asyncio_0"]}
#     warns: []
# ---
import asyncio
import threading


def thread_name():
    return threading.current_thread().name


async def main():
    loop = asyncio.get_running_loop()
    name = await loop.run_in_executor(None, thread_name)
    print(f"worker: {name}")


asyncio.run(main())
