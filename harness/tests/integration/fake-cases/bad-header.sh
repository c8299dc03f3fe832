# ---
# title: a header with a mistake
# clauses: [harness.fake.10]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - completes: true
#     stdout: {exactly: ["x"]}
# ---
echo x
