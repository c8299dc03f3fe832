# ---
# title: a target that writes 100 MB to stdout
# clauses: [harness.fake.4]
# source: "cpython-docs: none - harness self-test"
# timeout: 30
# expect:
#   - completes: true
#     stdout: {regex: "^xxxxxxxx"}
# ---
head -c 100000000 /dev/zero | tr '\000' 'x'
