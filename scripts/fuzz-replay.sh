#!/usr/bin/env bash
# Builds every fuzz target (fuzz/, with the stable toolchain and the main
# crate's debug profile, in the main target directory) and replays its whole
# committed corpus once: a target that no longer compiles against the library,
# or an input of the corpus that now panics or breaks a promise, fails CI.
# (Fuzzing itself, minutes per target, is FUZZING.md's.)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v c++ >/dev/null 2>&1; then
    # libFuzzer, which the targets link, is C++.
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq g++ >/dev/null
fi
target="${CARGO_TARGET_DIR:-$PWD/target}"
CARGO_TARGET_DIR="$target" cargo build --manifest-path fuzz/Cargo.toml --bins
for corpus in fuzz/corpus/*/; do
    name=$(basename "$corpus")
    files=$(find "$corpus" -type f | wc -l)
    # -runs=0: each input of the corpus once, no mutation.
    if ! out=$("$target/debug/$name" -runs=0 "$corpus" 2>&1); then
        echo "$out" | grep -v '^#' | tail -n 20
        echo "fuzz corpus replay: $name failed" >&2
        exit 1
    fi
    echo "fuzz corpus replay: $name, $files inputs, no failure"
done
