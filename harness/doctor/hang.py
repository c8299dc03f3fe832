# ---
# title: a run still going at its deadline is killed and judged a hang
# clauses: [targets.doctor.3]
# source: "cpython-docs: time — sleep"
# expect:
#   - hangs: {after: 0.5}
#     stdout: {exact: ["sleeping"]}
# ---
import time

print("sleeping", flush=True)
time.sleep(60)
print("never")
