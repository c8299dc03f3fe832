# ---
# title: a traceback on stderr and exit status 1 are read as an exception
# clauses: [harness.fake.8]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - raises: {type: asyncio.TimeoutError, message: ""}
#     warns: [{category: RuntimeWarning, message: "coroutine 'wait' was never awaited"}]
# ---
cat >&2 <<'TB'
/x/case.py:7: RuntimeWarning: coroutine 'wait' was never awaited
  asyncio.wait(futures)
RuntimeWarning: Enable tracemalloc to get the object allocation traceback
Traceback (most recent call last):
  File "/x/case.py", line 3, in <module>
    raise KeyError
KeyError

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/x/case.py", line 5, in <module>
    raise X
asyncio.exceptions.TimeoutError
TB
exit 1
