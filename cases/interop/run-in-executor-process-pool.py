# ---
# title: loop.run_in_executor() with a ProcessPoolExecutor returns a CPU-bound result wider than 64 bits
# clauses: [interop.run-in-executor.4]
# source: "asyncio-guide: Executors"
# flags: [processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout: {exact: ["result: 24999500002500000000", "wider than 64 bits: True", "other process: True"]}
#     warns: []
# ---
import asyncio
import concurrent.futures
import os


def sum_of_cubes(limit):
    total = 0
    for i in range(limit):
        total += i * i * i
    return (total, os.getpid())


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        total, pid = await loop.run_in_executor(pool, sum_of_cubes, 10 ** 5)
    print(f"result: {total}")
    print(f"wider than 64 bits: {total > 2 ** 64}")
    print(f"other process: {pid != os.getpid()}")


if __name__ == "__main__":
    asyncio.run(main())
