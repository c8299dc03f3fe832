# ---
# title: a target killed by a signal of its own
# clauses: [harness.fake.5]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - completes: true
# ---
echo "about to die"
kill -SEGV $$
