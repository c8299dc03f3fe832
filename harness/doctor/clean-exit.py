# ---
# title: the target runs a file and exits 0 with its output on stdout
# clauses: [targets.doctor.1]
# source: "cpython-docs: the interpreter — running a script"
# expect:
#   - completes: true
#     stdout: {exact: ["hello from the target", "3"]}
#     stderr: {empty: true}
# ---
print("hello from the target")
print(1 + 2)
