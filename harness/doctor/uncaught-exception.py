# ---
# title: an uncaught exception ends the run with a traceback whose last line is read
# clauses: [targets.doctor.2]
# source: "cpython-docs: the interpreter — uncaught exceptions"
# expect:
#   - raises: {type: ValueError, message: "doctor says no"}
#     stdout: {exact: ["before"]}
# ---
print("before")
raise ValueError("doctor says no")
