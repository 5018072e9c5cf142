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
# the Python package (python/tests, pytest with Debian's python3) over the release library
SFHET_LIB=$PWD/build/libsfhet.so SFHET_CLI=$PWD/build/sfhet /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests
# MPI (issue 19): CTest's cli_mpi compares mpirun runs with this same executable run alone; here also with
# a build without MPI. Skipped with a message when Open MPI is missing.
if command -v mpirun >/dev/null 2>&1; then
  cmake -S . -B build-nompi -DSFHET_MPI=OFF -DSFHET_BUILD_TESTS=OFF -DSFHET_BUILD_BENCH=OFF >/dev/null
  cmake --build build-nompi -j"$JOBS" --target sfhet
  SFHET_SERIAL=build-nompi/sfhet bash tests/cli_mpi.sh build/sfhet tests/data
else
  echo "test.sh: MPI tests skipped: no mpirun (install libopenmpi-dev openmpi-bin)"
fi
cmake -S . -B build-asan -DSFHET_SANITIZE=ON -DSFHET_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"
# the Python package over the sanitizer build: the interpreter preloads the sanitizer runtimes (the binding
# layer's own leaks are checked by tests/test_bind.c above; Python's allocations are not leak-checked)
LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  SFHET_LIB=$PWD/build-asan/libsfhet.so SFHET_CLI=$PWD/build-asan/sfhet /usr/bin/python3 -m pytest -q -p no:cacheprovider \
  python/tests/test_arrays.py python/tests/test_errors.py python/tests/test_read.py python/tests/test_basics.py \
  python/tests/test_extension.py  # the array, error and reader paths; the physics runs in the release pass
cmake -S . -B build-tsan -DCMAKE_C_COMPILER=clang -DSFHET_TSAN=ON -DSFHET_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-tsan -j"$JOBS" --target test_fit test_fit_robust test_global
ARCHER=$(ls /usr/lib/llvm-*/lib/libarcher.so | tail -n 1)
for t in test_fit test_fit_robust test_global; do
  TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" OMP_TOOL_LIBRARIES="$ARCHER" OMP_NUM_THREADS=2 \
    "build-tsan/tests/$t"
done
