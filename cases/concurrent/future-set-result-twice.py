# ---
# title: a second set_result on a finished Future raises InvalidStateError
# clauses: [cf.future.2]
# source: "cpython-docs: concurrent.futures — Future Objects"
# expect:
#   - python: "*"
#     raises:
#       type: concurrent.futures.InvalidStateError
#       message_re: "FINISHED: <Future at 0x[0-9a-f]+ state=finished returned int>"
#     stdout: {exact: ["first result: 1"]}
# ---
import concurrent.futures

fut = concurrent.futures.Future()
fut.set_result(1)
print("first result:", fut.result())
fut.set_result(2)
print("not reached")
