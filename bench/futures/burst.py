# a burst of 100k submits drained by four workers; prints submits per
# second, from the first submit to the last result
import concurrent.futures
import time


def echo(x):
    return x


N = 100000
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    start = time.perf_counter()
    futures = [pool.submit(echo, i) for i in range(N)]
    for f in futures:
        f.result()
    elapsed = time.perf_counter() - start
print(round(N / elapsed))
