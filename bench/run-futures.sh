#!/usr/bin/env bash
# Runs the concurrent.futures workloads on refpy, on CPython 3.12 and on a
# bare C pthread pool (the floor) in one go. Each workload prints its own
# throughput (operations per second, timed inside the program); the best of
# three runs is kept. Targets: refpy >= 3x CPython 3.12 and >= 1/2 of the C
# pool on round trips, >= 5x CPython 3.12 on the burst.
# Usage: bench/run-futures.sh [refpy] [python3.12]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
refpy=${1:-$here/../build/bin/refpy}
python=${2:-$(ls -d "$HOME"/.pyenv/versions/3.12.*/bin/python3.12 2>/dev/null | sort -V | tail -n 1)}
[ -x "$refpy" ] || { echo "no refpy at $refpy (run scripts/setup.sh)"; exit 2; }
[ -x "$python" ] || { echo "no CPython 3.12 found"; exit 2; }
cc=${CC:-cc}
floor=$(mktemp -d)
trap 'rm -rf "$floor"' EXIT
"$cc" -O2 -pthread -o "$floor/c_pool" "$here/futures/c_pool.c"

best() { # highest of three throughputs
    local b=0 v
    for _ in 1 2 3; do
        v=$(env -u PYTHONUNBUFFERED "$@")
        b=$(awk -v a="$v" -v b="$b" 'BEGIN { print (a > b) ? a : b }')
    done
    echo "$b"
}
floor_of() { # the C pool's best of three for one workload
    local b=0 v
    for _ in 1 2 3; do
        v=$("$floor/c_pool" | awk -v w="$1" '$1 == w { print $2 }')
        b=$(awk -v a="$v" -v b="$b" 'BEGIN { print (a > b) ? a : b }')
    done
    echo "$b"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

printf '%-12s %12s %12s %12s %10s %10s\n' workload refpy/s cpython3.12/s c-pool/s vs-cpython vs-c-pool
for name in roundtrip burst process_map; do
    w="$here/futures/$name.py"
    r=$(best "$refpy" "$w" || echo 0)
    c=$(best "$python" "$w")
    if [ "$name" = process_map ]; then f=""; else f=$(floor_of "$name"); fi
    printf '%-12s %12.0f %12.0f %12s %10s %10s\n' "$name" "$r" "$c" "${f:--}" \
        "$(ratio "$r" "$c")" "$([ -n "$f" ] && ratio "$r" "$f" || echo -)"
done
