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


def read(path, format=None, run=None, dataset=None, convert=False, list=False):
    """Reads a data table with the library's reader, in any format the CLI reads (docs/data.md: CSV,
    TSV, semicolon or whitespace text with '#' comments, MultiVu .dat, Nanonis .dat and .3ds, QCoDeS
    SQLite, HDF5 and Labber; detected from the content, or format="..."; run = the QCoDeS run,
    dataset = the HDF5 path, or FILE.h5:/path, FILE.db:RUN), into a Table: {column name: numpy array}
    in file order. Numeric columns are float64 with NaN for missing cells, in the file's units unless
    convert=True (then a column with a known unit is converted to the default unit of its dimension:
    V -> mV, Oe -> T, mK -> K, A -> mA); a column with a text cell is a numpy array of str.
    meta: file, format, units ({column: unit, "" if none}), labels, missing ({column: NaN count}),
    lines (the file line or row of each row), header (the file's metadata key/values; for text files
    the "key: value" '#' lines, as sfhet writes them), comments (the '#' lines at the top of a text
    file), entries ([(id, name, info)] of the runs or datasets of a database or HDF5 file; with
    list=True a file whose run or dataset is not chosen gives only these)."""
    path = os.fspath(path)
    raw = _lib.call("read", path=path, format=format, run=run, dataset=dataset, convert=convert or None,
                    list=list or None)
    names, kinds, cells, units = raw.strs("column"), raw.strs("kind"), raw.strs("cell"), raw.strs("unit")
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
    header = dict(zip(raw.strs("meta_key"), raw.strs("meta_value")))
    for k, v in _header(comments).items():
        header.setdefault(k, v)
    entries = [(int(i), n, info) for i, n, info in zip(raw.arrays["#entry"], raw.strs("entry_name"),
                                                        raw.strs("entry_info"))]
    meta = {"file": raw.str("file"), "format": raw.str("format"), "units": dict(zip(cols, units)),
            "labels": dict(zip(cols, raw.strs("label"))), "lines": raw.arrays["#line"].astype(int),
            "missing": {key: int(n) for key, n in zip(cols, raw.arrays["#missing"])},
            "comments": comments, "header": header, "entries": entries}
    return Table(cols, meta)
