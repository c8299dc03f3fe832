# ---
# title: a target that closes its stdout early and goes on
# clauses: [harness.fake.6]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - completes: true
#     stdout: {exact: ["before close"]}
#     stderr: {exact: ["still running"]}
# ---
echo "before close"
exec 1>&-
sleep 0.3
echo "still running" >&2
