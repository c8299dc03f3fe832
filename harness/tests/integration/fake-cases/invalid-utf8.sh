# ---
# title: a target that writes bytes that are not UTF-8
# clauses: [harness.fake.7]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - completes: true
#     stdout: {exact: ["ok \uFFFD\uFFFD bad", "nul:\uFFFD:"]}
# ---
printf 'ok \377\376 bad\n'
printf 'nul:\000:\n'
