# ---
# title: a target that proves the hang and exits with its declared deadlock status
# clauses: [harness.fake.1]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - hangs: {after: 30}
#     stdout: {exact: ["started"]}
# ---
echo started
echo "deadlock: every thread waits" >&2
exit 86
