#!/usr/bin/env bash
# Sets everything up and runs every test: the unit and integration tests
# (CTest), the suite's lint, prove driving fspec tap, and the whole suite on
# every installed target. Exit status 0 only when all of it passes.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1

status=0
step() { echo; echo "== $*"; }

step "unit and integration tests (ctest)"
ctest --test-dir build --output-on-failure -j2 || status=1

step "the unit and integration tests again under ASan and UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFSPEC_ASAN=ON > /dev/null &&
    cmake --build build-asan -j2 > /dev/null &&
    ctest --test-dir build-asan --output-on-failure -j2 || status=1

step "refpy under ASan and UBSan (leaks checked): every case"
build/bin/fspec run --target harness/tests/refpy-asan.yaml --time-scale 5 \
    --reports build-asan/reports cases || status=1

step "refpy under ThreadSanitizer: the cases that run threads"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DFSPEC_TSAN=ON > /dev/null &&
    cmake --build build-tsan -j2 --target refpy > /dev/null &&
    build/bin/fspec run --target harness/tests/refpy-tsan.yaml --time-scale 5 --flag threads \
        --reports build-tsan/reports cases || status=1

step "fuzz: refpy's lexer and parser for 30 s (libFuzzer, ASan, UBSan)"
corpus=$(mktemp -d)
for f in cases/*/*.py; do # names repeat across areas: keep them apart
    cp "$f" "$corpus/$(echo "${f#cases/}" | tr / _)"
done
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DFSPEC_FUZZ=ON > /dev/null &&
    cmake --build build-fuzz -j2 --target fuzz_front_end > /dev/null &&
    build-fuzz/bin/fuzz_front_end -max_total_time=30 -max_len=4096 "$corpus" 2>&1 | tail -n 2 ||
    status=1
rm -rf "$corpus"

step "lint: headers, clauses, case language, target files"
build/bin/fspec lint || status=1

step "prove: the language cases through fspec tap on the system python3"
prove --ext .py --exec "build/bin/fspec tap --target python3" -r cases/language || status=1

step "the suite on every installed target"
build/bin/fspec run --target all-installed || status=1

exit $status
