#!/usr/bin/env bash
# Runs fspec on a fake target that misbehaves in every way a real one can
# (never exits, forks and leaves grandchildren, floods stdout, dies of a
# signal, closes stdout early, writes invalid UTF-8) and checks that each
# gets the right verdict, the harness stays up, its reports are well formed,
# and no process survives.
set -u
fspec=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
# Every process this run starts carries this tag in its environment, so the
# checks and the cleanup below touch only them, never another run's.
export FSPEC_SELF_TEST_RUN="$$.$RANDOM"
ours() { # the fake cases' sleeps started by this run, by pid
    local p
    for p in $(pgrep -f "sleep 31310"); do
        tr '\0' '\n' < "/proc/$p/environ" 2> /dev/null | grep -qx "FSPEC_SELF_TEST_RUN=$FSPEC_SELF_TEST_RUN" &&
            echo "$p"
    done
}
trap 'rm -rf "$work"; kill -KILL $(ours) 2> /dev/null' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$fspec" run --root "$root" --no-progress --target "$here/sh-target.yaml" \
    --reports "$work/reports" -j 4 "$here"/fake-cases/*.sh > "$work/out" 2> "$work/err"
rc=$?
[ "$rc" = 1 ] || fail "fspec run exited $rc, expected 1 (some fake cases must fail)"
grep -q "bad-header.sh:7:16: unknown key 'exactly' in stdout" "$work/err" ||
    fail "the header error is not reported with file:line:col"
tail -n 1 "$work/out" | grep -Eq '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' ||
    fail "the last line is not 'N passed, N failed, N skipped'"
for f in results.json junit.xml matrix.html tap/fake-sh.tap; do
    [ -s "$work/reports/$f" ] || fail "report $f missing"
done

python3 - "$work/reports/results.json" <<'PY' || failures=$((failures + 1))
import json, sys
data = json.load(open(sys.argv[1]))
got = {r["case"].split("/")[-1]: r for r in data["results"]}
want = {
    "hangs-as-declared": "pass",
    "never-exits": "fail",
    "forks-grandchild": "pass",
    "writes-100mb": "pass",
    "killed-by-signal": "fail",
    "closes-stdout-early": "pass",
    "invalid-utf8": "pass",
    "fake-traceback": "pass",
    "exits-three": "pass",
    "bad-header": "fail",
    "skipped-by-version": "skip",
    "reports-deadlock": "fail",
}
bad = 0
for name, verdict in want.items():
    r = got.get(name)
    if r is None or r["verdict"] != verdict:
        print(f"FAIL: {name}: verdict {r and r['verdict']}, expected {verdict}", r and r["mismatches"])
        bad += 1
def check(cond, what):
    global bad
    if not cond:
        print("FAIL:", what)
        bad += 1
check(got["never-exits"]["got"]["outcome"] == "hangs", "never-exits is classified as a hang")
check(got["killed-by-signal"]["got"]["outcome"] == "signal" and got["killed-by-signal"]["got"]["signal"] == 11,
      "killed-by-signal is classified as signal 11")
flood = got["writes-100mb"]["got"]
check(len(flood["stdout"]) == 1024 * 1024, "100 MB flood kept at the 1 MiB cap")
check(flood["stdout_bytes_dropped"] == 100000000 - 1024 * 1024, "the excess of the flood is counted")
check(got["forks-grandchild"]["got"]["leftover_processes_killed"] >= 1, "the grandchild in the session was killed")
check(got["fake-traceback"]["got"]["type"] == "asyncio.exceptions.TimeoutError", "the last traceback's type is read")
check("header_errors" in got["bad-header"], "the header error is in the JSON results")
check(got["reports-deadlock"]["got"]["outcome"] == "exits",
      "exit 86 from a target that declares no deadlock_exit is a plain exit")
sys.exit(1 if bad else 0)
PY

if command -v xmllint > /dev/null; then
    xmllint --noout "$work/reports/junit.xml" || fail "junit.xml is not well-formed XML"
else
    fail "xmllint is missing (scripts/setup.sh installs libxml2-utils)"
fi
prove -e cat "$work/reports/tap/fake-sh.tap" > "$work/prove.out" 2>&1
grep -q "Parse errors" "$work/prove.out" && fail "prove reports parse errors in the TAP file"
grep -Eq "Failed 4/12 subtests" "$work/prove.out" || fail "prove does not count 4 failures of 12: $(tail -3 "$work/prove.out")"

# nothing the fake target started may survive
sleep 0.2
left=$(ours)
[ -z "$left" ] || fail "processes survived: $(ps -o pid=,args= -p "$(echo $left | tr ' ' ,)" | tr '\n' ';')"

# an interrupted run kills what it started and still writes its reports
"$fspec" run --root "$root" --no-progress --target "$here/sh-target.yaml" \
    --reports "$work/interrupted" --time-scale 60 "$here/fake-cases/hangs-as-declared.sh" \
    > "$work/int.out" 2>&1 &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" = 130 ] || fail "an interrupted run exited $rc, expected 130"
grep -q '"interrupted": true' "$work/interrupted/results.json" 2> /dev/null ||
    fail "the interrupted run's results.json does not say so"
sleep 0.2
[ -z "$(ours)" ] || fail "the interrupted run left processes behind"

# a case outside a target's declared scope is skipped, with the reason
"$fspec" tap --root "$root" --target "$here/scoped-target.yaml" "$here/fake-cases/exits-three.sh" \
    > "$work/scope.tap" 2>&1
grep -q "^ok 1 - fake-cases/exits-three \[fake-scoped\] # SKIP outside the target's declared scope (language)" \
    "$work/scope.tap" || fail "an out-of-scope case is not skipped with its reason: $(cat "$work/scope.tap")"

# a target's declared deadlock exit is a hang, judged at once (targets.deadlock.1)
start=$(date +%s)
"$fspec" tap --root "$root" --target "$here/deadlock-target.yaml" "$here/fake-cases/reports-deadlock.sh" \
    > "$work/deadlock.tap" 2>&1
grep -q "^ok 1 - fake-cases/reports-deadlock \[fake-deadlock\]$" "$work/deadlock.tap" ||
    fail "a declared deadlock exit is not judged a hang: $(cat "$work/deadlock.tap")"
[ $(($(date +%s) - start)) -lt 10 ] || fail "the reported deadlock waited for the hang's deadline"

# fspec tap under prove
prove --exec "$fspec tap --root $root --target $here/sh-target.yaml" \
    "$here/fake-cases/hangs-as-declared.sh" "$here/fake-cases/exits-three.sh" > "$work/prove2.out" 2>&1 ||
    fail "prove --exec 'fspec tap' failed: $(cat "$work/prove2.out")"

if [ "$failures" -gt 0 ]; then
    echo "$failures checks failed"
    exit 1
fi
echo "all misbehaving-target checks passed"
