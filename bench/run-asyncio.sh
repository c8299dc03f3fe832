#!/usr/bin/env bash
# Runs the asyncio workloads in one go on refpy, CPython 3.12, CPython 3.13,
# uvloop (the system python3 with uvloop's policy) and plain C state
# machines on libuv (the floor). Each workload prints its own throughput,
# timed inside the program; the best of three runs is kept. pending_tasks
# is compared on peak resident memory (GNU time's %M). refpy runs twice,
# as 3.12 (its default) and as 3.13 (--python 3.13), which differ where
# CPython's do (3.13's young generation collects at 2000 objects, not 700);
# each ratio takes refpy as the CPython of its baseline: 3.13 for the
# throughputs (their baselines are CPython 3.13 and uvloop), 3.12 for the
# memory.
# Targets: refpy >= 5x the faster of CPython 3.13 and uvloop on
# gather_sleep0 and tree; >= 3x uvloop on future_handoff; >= 2x uvloop on
# call_soon_chain and run_in_executor; pending_tasks <= 1/2 of CPython 3.12.
# Usage: bench/run-asyncio.sh [refpy]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
refpy=${1:-$here/../build/bin/refpy}
py312=$(ls -d "$HOME"/.pyenv/versions/3.12.*/bin/python3.12 2>/dev/null | sort -V | tail -n 1)
py313=$(ls -d "$HOME"/.pyenv/versions/3.13.*/bin/python3.13 2>/dev/null | sort -V | tail -n 1)
uvloop_runner=$here/../harness/targets/runners/uvloop_main.py
[ -x "$py312" ] && [ -x "$py313" ] || { echo "CPython 3.12 and 3.13 are needed (pyenv)"; exit 2; }
/usr/bin/python3 -c "import uvloop" 2> /dev/null || { echo "uvloop is needed (python3-uvloop)"; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt install time)"; exit 2; }
floor=$(mktemp -d)
trap 'rm -rf "$floor"' EXIT
"${CC:-cc}" -O2 -o "$floor/c_floor" "$here/asyncio/c_floor.c" -luv
"$floor/c_floor" > "$floor/c.txt"
# refpy takes part once it has asyncio
have_refpy=0
if [ -x "$refpy" ] && "$refpy" -c "import asyncio" 2> /dev/null; then have_refpy=1; fi

best() { # highest of three throughputs; 0 when the run fails
    local b=0 v
    for _ in 1 2 3; do
        v=$(env -u PYTHONUNBUFFERED "$@" 2> /dev/null) || v=0
        b=$(awk -v a="$v" -v b="$b" 'BEGIN { print (a > b) ? a : b }')
    done
    echo "$b"
}
peak_kb() { env -u PYTHONUNBUFFERED /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

printf '%-16s %11s %11s %11s %11s %11s %11s %8s\n' workload refpy-3.12 refpy-3.13 cpython3.12 \
    cpython3.13 uvloop c-floor ratio
for name in gather_sleep0 tree call_soon_chain future_handoff run_in_executor; do
    w="$here/asyncio/$name.py"
    r=n/a r13=n/a
    [ $have_refpy = 1 ] && r=$(best "$refpy" "$w") && r13=$(best "$refpy" --python 3.13 "$w")
    c12=$(best "$py312" "$w")
    c13=$(best "$py313" "$w")
    u=$(best /usr/bin/python3 "$uvloop_runner" "$w")
    f=$(awk -v w="$name" '$1 == w { print $2 }' "$floor/c.txt")
    case $name in # the target's baseline: see the header
        gather_sleep0 | tree) base=$(awk -v a="$c13" -v b="$u" 'BEGIN { print (a > b) ? a : b }') ;;
        *) base=$u ;;
    esac
    printf '%-16s %11s %11s %11.0f %11.0f %11.0f %11.0f %8s\n' "$name" "$r" "$r13" "$c12" "$c13" \
        "$u" "$f" "$([ "$r13" = n/a ] && echo - || ratio "$r13" "$base")"
done
w="$here/asyncio/pending_tasks.py"
r=n/a r13=n/a
[ $have_refpy = 1 ] && r=$(peak_kb "$refpy" "$w") && r13=$(peak_kb "$refpy" --python 3.13 "$w")
c12=$(peak_kb "$py312" "$w")
printf '%-16s %11s %11s %11s %11s %11s %11s %8s   (peak KB; ratio = refpy-3.12 / cpython3.12)\n' \
    pending_tasks "$r" "$r13" "$c12" "$(peak_kb "$py313" "$w")" \
    "$(peak_kb /usr/bin/python3 "$uvloop_runner" "$w")" \
    "$(peak_kb "$floor/c_floor" mem)" "$([ "$r" = n/a ] && echo - || ratio "$r" "$c12")"
