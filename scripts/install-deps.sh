#!/usr/bin/env bash
# Installs the Debian packages sfhet needs to build, test, plot and benchmark.
# Idempotent; run as root (or with sudo) on Debian 12.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config
  libgsl-dev libfftw3-dev liblapacke-dev libopenblas-dev
  libsqlite3-dev libhdf5-dev hdf5-tools
  libcmocka-dev
  clang libomp-dev
  libopenmpi-dev openmpi-bin
  gnuplot-nox
  python3 python3-numpy python3-scipy python3-lmfit python3-h5py python3-pytest python3-matplotlib
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
