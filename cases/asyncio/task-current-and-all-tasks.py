# ---
# title: current_task() is the task running the code; all_tasks() holds the loop's unfinished tasks
# clauses: [aio.task.4]
# source: "asyncio-guide: Tasks"
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["main is current: True", "pending tasks: 3", "names: ['Task-1', 'Task-2', 'Task-3']", "worker is current in worker: True", "worker is current in worker: True", "pending tasks after: 1", "outside a callback task: None"]}
#     warns: []
# ---
import asyncio


async def worker(registry):
    registry.append(asyncio.current_task())
    await asyncio.sleep(0.01)
    print(f"worker is current in worker: {asyncio.current_task() is registry[-1]}")


def plain_callback(done):
    done.set_result(asyncio.current_task())


async def main():
    me = asyncio.current_task()
    print(f"main is current: {me is asyncio.current_task()}")
    workers = [asyncio.create_task(worker([])) for i in range(2)]
    tasks = asyncio.all_tasks()
    print(f"pending tasks: {len(tasks)}")
    print(f"names: {sorted(t.get_name() for t in tasks)}")
    await asyncio.gather(*workers)
    print(f"pending tasks after: {len(asyncio.all_tasks())}")
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(plain_callback, fut)
    print(f"outside a callback task: {await fut}")


asyncio.run(main())
