#!/usr/bin/env bash
# The Python module: builds its wheel with maturin, installs it into a fresh
# virtual environment, runs python/tests (pytest) from another directory
# against the command line's binary, and executes examples/defspend.ipynb,
# failing on any cell's error. Needs CPython 3.9+ with venv and pip, and
# PyPI for maturin, polars, pytest, nbconvert and ipykernel.
#
#   scripts/python.sh            # build (release) and test
#   PROFILE=dev scripts/python.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILE=${PROFILE:-release}
PYTHON=${PYTHON:-python3}
WORK=$TARGET/python
rm -rf "$WORK/build-venv" "$WORK/venv" "$WORK/wheels" "$WORK/run"
mkdir -p "$WORK/run"

echo "== the build environment (maturin)"
"$PYTHON" -m venv "$WORK/build-venv"
"$WORK/build-venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.7,<2"

echo "== maturin build --profile $PROFILE"
"$WORK/build-venv/bin/maturin" build --profile "$PROFILE" -m python/Cargo.toml \
    --out "$WORK/wheels" --interpreter "$WORK/build-venv/bin/python"

echo "== a fresh environment with the wheel"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
    "$WORK"/wheels/defspend-*.whl pytest nbconvert ipykernel
# Imported from another directory: the installed wheel, not the source tree.
(cd "$WORK/run" && "$WORK/venv/bin/python" -c \
    "import defspend, sys; r = defspend.shortfall(); assert r.frame.height > 0; print('import defspend from', defspend.__file__)")

echo "== pytest python/tests"
# SIPRI's database as the Rust tests installed it from ../shared (its terms
# forbid shipping it), for the SIPRI functions' comparisons.
if [ -z "${DEFSPEND_DATA_HOME:-}" ] && [ -d "$TARGET/tmp/data-home/sipri-2025" ]; then
    export DEFSPEND_DATA_HOME=$TARGET/tmp/data-home
fi
if [ -z "${DEFSPEND_BIN:-}" ]; then
    cargo build --quiet --bin defspend
    export DEFSPEND_BIN=$TARGET/debug/defspend
fi
(cd "$WORK/run" && "$WORK/venv/bin/python" -m pytest -q -p no:cacheprovider "$ROOT/python/tests")

echo "== the example notebook"
(cd "$WORK/run" && "$WORK/venv/bin/jupyter" nbconvert --to notebook --execute \
    --ExecutePreprocessor.timeout=300 --output "$WORK/run/defspend.out.ipynb" \
    "$ROOT/examples/defspend.ipynb")
echo "python: ok"
