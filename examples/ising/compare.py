#!/usr/bin/python3
"""Compares an example's output with the expected file beside it: every number with a mixed tolerance
|got - want| <= rtol |want| + atol, every other token exactly; '#' metadata lines are skipped.
Usage: compare.py GOT EXPECTED [RTOL [ATOL]]   (defaults 1e-6, 1e-12). Exit 1 on a mismatch."""
import re
import sys

TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z_0-9]*")


def tokens(path):
    with open(path) as f:
        for line in f:
            if not line.startswith("#"):
                yield from TOKEN.findall(line)


def number(t):
    try:
        return float(t)
    except ValueError:
        return None


def main():
    got, want = sys.argv[1], sys.argv[2]
    rtol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-6
    atol = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-12
    a, b = list(tokens(got)), list(tokens(want))
    if len(a) != len(b):
        print(f"MISMATCH {got}: {len(a)} tokens, expected {len(b)} ({want})")
        return 1
    bad = 0
    for x, y in zip(a, b):
        nx, ny = number(x), number(y)
        ok = x == y if nx is None or ny is None else abs(nx - ny) <= rtol * abs(ny) + atol
        if not ok:
            bad += 1
            if bad <= 5:
                print(f"MISMATCH {got}: {x} expected {y}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
