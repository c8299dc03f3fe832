# submit-and-result round trips through a one-worker thread pool; prints
# round trips per second
import concurrent.futures
import time


def echo(x):
    return x


N = 20000
with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    pool.submit(echo, 0).result()
    start = time.perf_counter()
    for i in range(N):
        pool.submit(echo, i).result()
    elapsed = time.perf_counter() - start
print(round(N / elapsed))
