# ---
# title: a target that leaves a grandchild behind (one in its group, one in a new session) and exits
# clauses: [harness.fake.3]
# source: "cpython-docs: none - harness self-test"
# expect:
#   - completes: true
#     stdout: {exact: ["parent done"]}
# ---
sleep 313103 &
setsid sleep 313104 > /dev/null 2>&1 &
echo "parent done"
