# ---
# title: exit status 3 without a traceback
# clauses: [harness.fake.9]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - exits: {code: 3}
# ---
exit 3
