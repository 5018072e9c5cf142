#!/usr/bin/env bash
# The shared library exports only the public API: every defined dynamic symbol starts with sfhet_
# (internal functions shared between source files are hidden by -fvisibility=hidden).
# Usage: cli_exports.sh SFHET_EXE DATA_DIR
set -u
SFHET=$1
. "$(dirname "$0")/harness.sh"
lib=$(ls "$(dirname "$SFHET")"/libsfhet.so* 2>/dev/null | head -n 1)
if [ -z "$lib" ] || ! command -v nm >/dev/null; then bad "libsfhet.so or nm not found"; finish cli_exports; fi
syms=$(nm -D --defined-only "$lib" | awk '{print $3}')
if echo "$syms" | grep -q '^__odr_asan\|^__asan'; then # a sanitizer build adds its own symbols
  syms=$(echo "$syms" | grep -v '^__odr_asan\|^__asan\|^__ubsan\|^__sancov')
fi
[ "$(echo "$syms" | grep -c '^sfhet_')" -ge 100 ] && ok || bad "fewer than 100 sfhet_ symbols exported"
leaked=$(echo "$syms" | grep -v '^sfhet_' | tr '\n' ' ')
[ -z "$leaked" ] && ok || bad "non-sfhet_ symbols exported: $leaked"
finish cli_exports
