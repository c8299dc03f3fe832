# ---
# title: a CPU-bound job in a process pool returns an int wider than 64 bits intact
# clauses: [cf.process.2]
# source: "asyncio-guide: Executors"
# flags: [processes]
# expect:
#   - python: "*"
#     completes: true
#     stdout:
#       exact:
#         - "sum of cubes: 24999500002500000000"
#         - "wider than 64 bits: True"
#         - "matches closed form: True"
# ---
import concurrent.futures


def sum_of_cubes(n):
    return sum(i * i * i for i in range(n))


if __name__ == "__main__":
    n = 10 ** 5
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        total = pool.submit(sum_of_cubes, n).result()
    print("sum of cubes:", total)
    print("wider than 64 bits:", total >= 2 ** 64)
    print("matches closed form:", total == (n * (n - 1) // 2) ** 2)
