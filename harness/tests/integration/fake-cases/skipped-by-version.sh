# ---
# title: a case whose only expectation is for other versions
# clauses: [harness.fake.11]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - python: "<3.9"
#     completes: true
# ---
echo x
