# map over a two-process pool, 20k items in chunks of 100; prints items
# per second
import concurrent.futures
import time


def square(x):
    return x * x


N = 20000
if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(square, range(100)))
        start = time.perf_counter()
        total = sum(pool.map(square, range(N), chunksize=100))
        elapsed = time.perf_counter() - start
    assert total == sum(i * i for i in range(N))
    print(round(N / elapsed))
