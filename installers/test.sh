#!/usr/bin/env bash
# Installs what Cachet needs, builds it and runs every test (CTest).
# This is what CI runs (.ci/run). Benchmarks are not part of it: see tests/bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installers/install-deps.sh
bash installers/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
cd build
ctest --output-on-failure -j "$jobs" --timeout 1200
