#!/usr/bin/env bash
# Makes the Python package sfhet of this source tree importable by Debian's /usr/bin/python3: writes
# sfhet.pth (one line: the absolute path of python/) into that interpreter's site directory
# (/usr/local/lib/python3.X/dist-packages; run as root or with sudo), so `import sfhet` uses this
# tree's package and its build/libsfhet.so, rebuilt or not, without copies. Idempotent.
# SFHET_PTH_DIR=DIR writes into DIR instead (for tests, or a virtual environment's site-packages).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
dir=${SFHET_PTH_DIR:-$("$PY" -c 'import site; print(site.getsitepackages()[0])')}
writable() { if [ -d "$1" ]; then [ -w "$1" ]; else writable "$(dirname "$1")"; fi; }
SUDO=""
writable "$dir" || SUDO="sudo"
$SUDO mkdir -p "$dir"
printf '%s\n' "$PWD/python" | $SUDO tee "$dir/sfhet.pth" >/dev/null
echo "install-python: $dir/sfhet.pth -> $PWD/python"
if [ -z "${SFHET_PTH_DIR:-}" ] && [ -f build/libsfhet.so ]; then
  (cd / && "$PY" -c 'import sfhet; print("install-python: import sfhet ok, library", sfhet.library_path)')
fi
