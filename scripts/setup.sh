#!/usr/bin/env bash
# Installs what FutureSpec needs from Debian's packages (only what is
# missing), then configures and builds into build/ (build/bin/fspec).
# Usage: scripts/setup.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake pkg-config           # the C toolchain
    libuv1-dev libyaml-dev libpcre2-dev libjansson-dev  # fspec's libraries
    libgmp-dev libmimalloc-dev                 # refpy: ints of any size, its allocator
    libcmocka-dev libxml2-utils perl           # unit tests, JUnit validation, prove
    clang libclang-rt-14-dev                   # the libFuzzer target of refpy's front end
    libtsan2                                   # ThreadSanitizer runtime (refpy's thread cases)
    bc time                                    # bench/ scripts: arithmetic, peak memory
    python3 python3-uvloop pypy3               # extra targets (CPython 3.8-3.13 come from pyenv)
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" > /dev/null
cmake --build build -j2
echo "setup: built build/bin/fspec"
