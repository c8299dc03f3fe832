# ---
# title: a target that never exits, in a case that expects it to complete
# clauses: [harness.fake.2]
# source: "cpython-docs: none - harness self-test"
# timeout: 1
# expect:
#   - completes: true
# ---
echo started
exec sleep 313102
