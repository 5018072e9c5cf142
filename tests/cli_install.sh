#!/usr/bin/env bash
# `cmake --install --prefix DIR` gives a sfhet.pc naming DIR, and a program built with
# `pkg-config --cflags --libs sfhet` (plus -Wl,-rpath) links and runs against the installed library.
# Usage: cli_install.sh SFHET_EXE DATA_DIR
set -u
SFHET=$(readlink -f "$1")
. "$(dirname "$0")/harness.sh"
build=$(dirname "$SFHET")
check "install to a prefix" 0 cmake --install "$build" --prefix "$tmpd/prefix"
pc=$(ls "$tmpd"/prefix/lib*/pkgconfig/sfhet.pc 2>/dev/null | head -n 1)
[ -n "$pc" ] && grep -q "^prefix=$tmpd/prefix\$" "$pc" && ok || bad "sfhet.pc does not name the install prefix: $(head -1 "$pc" 2>/dev/null)"
cat > "$tmpd/prog.c" <<'CEOF'
#include <stdio.h>
#include "sfhet/dos.h"
int main(void) { printf("%.6f\n", sfhet_dynes_n(1.0, 0.86, 0.05)); return 0; }
CEOF
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir sfhet)
check "compile with pkg-config" 0 cc -o "$tmpd/prog" "$tmpd/prog.c" $(pkg-config --cflags --libs sfhet) -Wl,-rpath,"$libdir"
if nm -D "$libdir"/libsfhet.so 2>/dev/null | grep -q ' U __asan_init'; then
  echo "cli_install: sanitizer build: the ASan runtime must come first in a program, skipping the run"
else
  check "run against the installed library" 0 "$tmpd/prog"
  grep -q '^1\.[0-9]' "$out" || bad "installed library gave '$(cat "$out")'"
fi
finish cli_install
