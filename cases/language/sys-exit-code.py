# ---
# title: sys.exit(3) raises SystemExit, which except Exception does not catch; the program exits with status 3 and no traceback
# clauses: [lang.mod.sys.1]
# source: "cpython-docs: sys — sys.exit"
# expect:
#   - python: "*"
#     exits: {code: 3}
#     stdout: {exact: ["caught SystemExit 3", "cleanup"]}
#     stderr: {empty: true}
# ---
import sys

try:
    sys.exit(3)
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    try:
        sys.exit(3)
    finally:
        print("cleanup")
except Exception:
    print("SystemExit is not an Exception")
print("never")
