#!/usr/bin/env python3
"""Compares two text outputs token by token: numbers within a mixed tolerance |a - b| <= atol + rtol*|b|,
other tokens equal. Lines starting with '#' (metadata: version, command line) are skipped.
Usage: numdiff.py GOT EXPECTED [RTOL [ATOL]]; exit 1 and the first difference on mismatch."""
import re
import sys

TOKEN = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf|[^\s,:\[\]{}"]+')


def tokens(path):
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if line.startswith('#'):
                continue
            for t in TOKEN.findall(line):
                yield n, t


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
        print(f"{got}: {len(a)} tokens, {want}: {len(b)}")
        return 1
    for (la, ta), (lb, tb) in zip(a, b):
        x, y = number(ta), number(tb)
        same = ta == tb if x is None or y is None else abs(x - y) <= atol + rtol * abs(y)
        if not same:
            print(f"{got}:{la}: '{ta}' vs {want}:{lb}: '{tb}'")
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
