#!/bin/sh
# Differential test of the front end against CPython 3.12.
#
#   astdump_vs_cpython.sh REFPY_ASTDUMP FSPEC DIR...
#
# For every *.py file under the DIRs, refpy-astdump's output must equal what
# CPython 3.12 prints for the same bytes: `ast.dump(ast.parse(source),
# include_attributes=True)`, or, for a file that does not parse, the line
# `Type|msg|lineno|offset|end_lineno|end_offset` of its SyntaxError. The
# source is read as bytes, as `python3.12 FILE` reads it, so error offsets
# are those of running the file (bytes where CPython counts bytes).
#
# CPython 3.12 is found the way the harness finds it: the executable that
# `fspec targets` shows for the target cpython-3.12. Without one the test is
# skipped (exit 77).
set -u

astdump=$1
fspec=$2
shift 2

python=$("$fspec" targets 2>/dev/null |
         awk '$1 == "cpython-3.12" && $2 == "yes" { print $4; exit }')
if [ -z "$python" ] || [ ! -x "$python" ]; then
    echo "SKIP: no CPython 3.12 installed (fspec targets shows cpython-3.12 as missing)"
    exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

find "$@" -name '*.py' -type f | LC_ALL=C sort > "$work/files"
count=$(wc -l < "$work/files")
if [ "$count" -eq 0 ]; then
    echo "FAIL: no .py files under $*"
    exit 1
fi

# One CPython process writes the expected output of every file.
cat > "$work/expect.py" <<'EOF'
import ast, os, sys
out, listing = sys.argv[1], sys.argv[2]
with open(listing, encoding="utf-8") as f:
    paths = [line.rstrip("\n") for line in f]
for index, path in enumerate(paths):
    with open(path, "rb") as f:
        source = f.read()
    try:
        text = ast.dump(ast.parse(source), include_attributes=True)
    except SyntaxError as e:
        text = "%s|%s|%s|%s|%s|%s" % (type(e).__name__, e.msg, e.lineno, e.offset,
                                      e.end_lineno, e.end_offset)
    with open(os.path.join(out, "%d.expected" % index), "w", encoding="utf-8") as f:
        f.write(text + "\n")
EOF
if ! "$python" "$work/expect.py" "$work" "$work/files"; then
    echo "FAIL: $python could not compute the expected dumps"
    exit 1
fi

index=0
failed=0
while IFS= read -r file; do
    "$astdump" "$file" > "$work/$index.actual" 2> "$work/stderr"
    status=$?
    if [ "$status" -ne 0 ]; then
        echo "# refpy-astdump exited with status $status:"
        sed 's/^/#   /' "$work/stderr" | head -20
    fi
    if [ "$status" -eq 0 ] && cmp -s "$work/$index.expected" "$work/$index.actual"; then
        echo "ok $((index + 1)) - $file"
    else
        failed=$((failed + 1))
        echo "not ok $((index + 1)) - $file"
        echo "#   CPython 3.12: $(cut -c 1-300 "$work/$index.expected")"
        echo "#   refpy:        $(cut -c 1-300 "$work/$index.actual")"
    fi
    index=$((index + 1))
done < "$work/files"

echo "# $((count - failed)) of $count files give the same output as $python"
[ "$failed" -eq 0 ]
