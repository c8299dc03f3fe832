#!/usr/bin/env bash
# Runs the pure-language workloads on refpy and on CPython 3.12 in one go and
# prints the best of three wall times and refpy's ratio (refpy / CPython;
# below 2.0 is the target). Usage: bench/run-language.sh [refpy] [python3.12]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
refpy=${1:-$here/../build/bin/refpy}
python=${2:-$(ls -d "$HOME"/.pyenv/versions/3.12.*/bin/python3.12 2>/dev/null | sort -V | tail -n 1)}
[ -x "$refpy" ] || { echo "no refpy at $refpy (run scripts/setup.sh)"; exit 2; }
[ -x "$python" ] || { echo "no CPython 3.12 found"; exit 2; }
best() { # best of three, in seconds
    local b=999
    for _ in 1 2 3; do
        local t0 t1
        t0=$(date +%s.%N)
        env -u PYTHONUNBUFFERED "$@" > /dev/null
        t1=$(date +%s.%N)
        b=$(echo "$t1 - $t0" | bc -l | awk -v b="$b" '{print ($1 < b) ? $1 : b}')
    done
    echo "$b"
}
printf '%-12s %10s %10s %8s\n' workload refpy cpython3.12 ratio
for w in "$here"/language/*.py; do
    name=$(basename "$w" .py)
    if ! diff <("$refpy" "$w") <("$python" "$w") > /dev/null; then
        printf '%-12s   output differs from CPython\n' "$name"
        continue
    fi
    r=$(best "$refpy" "$w")
    c=$(best "$python" "$w")
    printf '%-12s %9.3fs %9.3fs %8.2f\n' "$name" "$r" "$c" "$(echo "$r / $c" | bc -l)"
done
