#!/bin/sh
# Writes each snippet's expected repr(out), measured on CPython 3.12.
# Run after changing a snippet: sh regen.sh [PYTHON]
set -e
cd "$(dirname "$0")"
py=${1:-$HOME/.pyenv/versions/3.12.1/bin/python3.12}
for s in */*.py; do
    env -u PYTHONUNBUFFERED "$py" -c "
import runpy, sys
ns = runpy.run_path(sys.argv[1], run_name='__main__')
print(repr(ns['out']))" "$s" > "${s%.py}.expected"
done
