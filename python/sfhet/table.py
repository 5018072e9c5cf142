"""Reading data tables with the library's reader (sfhet/table.h): every format the CLI reads."""

import os

import numpy as np

from . import _lib
from ._types import Table


def _comments(path):
    """The '#' lines at the top of a text file (the metadata sfhet writes), without the '#'."""
    if not os.path.isfile(path):
        return []
    lines = []
    with open(path, "rb") as f:
        head = f.read(65536)
    for line in head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        lines.append(s[1:].strip())
    return lines


def _header(comments):
    """"key: value" comment lines as a dict (the CLI's metadata: version, command, options)."""
    out = {}
    for c in comments:
        key, sep, value = c.partition(":")
        if sep and key and " " not in key.strip():
            out.setdefault(key.strip(), value.strip())
    return out


def read(path):
    """Reads a data table (CSV, TSV, semicolon or whitespace separated, '#' comments, a header row,
    quoted fields, and any format the library's reader learns) into a Table: {column name: numpy
    array} in file order. Numeric columns are float64 with NaN for empty or "nan" cells; a column
    with text cells is a numpy array of str. meta: file, lines (the file line of each row),
    missing ({column: count of NaN cells}), comments (the '#' lines at the top) and header (their
    "key: value" pairs, e.g. command)."""
    path = os.fspath(path)
    raw = _lib.call("read", path=path)
    names, kinds, cells = raw.strs("column"), raw.strs("kind"), raw.strs("cell")
    arrays = [a for _, a in raw.items]
    nrows = len(raw.arrays["#line"])
    cols, used, pos = {}, set(), 0
    for k, (name, kind) in enumerate(zip(names, kinds)):
        key, j = name, 2
        while key in used:  # repeated header names stay distinct
            key, j = f"{name}.{j}", j + 1
        used.add(key)
        if kind == "text":
            cols[key] = np.array(cells[pos:pos + nrows], dtype=str)
            pos += nrows
        else:
            cols[key] = arrays[k]
    comments = _comments(path)
    meta = {"file": raw.str("file"), "lines": raw.arrays["#line"].astype(int),
            "missing": {key: int(n) for key, n in zip(cols, raw.arrays["#missing"])},
            "comments": comments, "header": _header(comments)}
    return Table(cols, meta)
