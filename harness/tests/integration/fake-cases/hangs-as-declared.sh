# ---
# title: a target that never exits, in a case that declares the hang
# clauses: [harness.fake.1]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - hangs: {after: 0.5}
#     stdout: {exact: ["started"]}
# ---
echo started
exec sleep 313101
