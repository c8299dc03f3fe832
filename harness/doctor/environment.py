# ---
# title: the harness runs targets without the caller's PYTHON* variables
# clauses: [targets.doctor.4]
# source: "cpython-docs: the interpreter — environment variables"
# expect:
#   - completes: true
#     stdout: {exact: ["PYTHON variables: []"]}
# ---
import os

print("PYTHON variables:", sorted(k for k in os.environ if k.startswith("PYTHON")))
