#!/usr/bin/env bash
# One command from a fresh Debian machine: install dependencies, build, run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
bash scripts/install-python.sh   # `import sfhet` for /usr/bin/python3 (a .pth naming python/)
bash scripts/main-job.sh "${1:-sfhet-out}"
