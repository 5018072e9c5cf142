#!/usr/bin/env bash
# Runs the whole test suite: a release build and an AddressSanitizer/UBSan build, each under CTest, and a
# ThreadSanitizer build (clang with LLVM's OpenMP runtime and its Archer tool, which tells TSan about
# OpenMP's synchronisation) of the tests where threads meet: parallel sweep and global fits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
JOBS=${JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$JOBS"
ctest --test-dir build --output-on-failure -j"$JOBS"
cmake -S . -B build-asan -DSFHET_SANITIZE=ON -DSFHET_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"
cmake -S . -B build-tsan -DCMAKE_C_COMPILER=clang -DSFHET_TSAN=ON -DSFHET_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-tsan -j"$JOBS" --target test_fit test_fit_robust
ARCHER=$(ls /usr/lib/llvm-*/lib/libarcher.so | tail -n 1)
for t in test_fit test_fit_robust; do
  TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" OMP_TOOL_LIBRARIES="$ARCHER" OMP_NUM_THREADS=2 \
    "build-tsan/tests/$t"
done
