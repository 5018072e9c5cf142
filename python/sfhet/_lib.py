"""Loading libsfhet and calling its flat binding interface (include/sfhet/bind.h) through ctypes.

Every computation goes through one C function, sfhet_bind_call(fn, text arguments, double arrays):
arguments travel as text and are parsed by the library exactly as the CLI parses its options, so
quantity strings ("0.86meV") and bare numbers in the default unit both work. ctypes releases the GIL
for the whole foreign call, so other Python threads run while the library computes.
"""

import ctypes
import ctypes.util
import keyword
import math
import numbers
import os
import pathlib

import numpy as np

from . import errors

_HERE = pathlib.Path(__file__).resolve().parent
_LIBNAMES = ("libsfhet.so", "libsfhet.so.0")


def _installed_libdir():
    """The library directory written by `cmake --install` next to the installed package, or None."""
    try:
        from . import _install  # generated at install time
    except ImportError:
        return None
    return pathlib.Path(_install.LIBDIR)


def _candidates():
    """Where libsfhet is looked for, in order: $SFHET_LIB (a file), the install's library directory,
    $SFHET_BUILD_DIR, the build directory of the source tree this package sits in, the system."""
    libdir = _installed_libdir()
    dirs = [libdir] if libdir else []
    if os.environ.get("SFHET_BUILD_DIR"):
        dirs.append(pathlib.Path(os.environ["SFHET_BUILD_DIR"]))
    dirs.append(_HERE.parent.parent / "build")
    for d in dirs:
        for name in _LIBNAMES:
            yield d / name
    found = ctypes.util.find_library("sfhet")
    if found:
        yield found


def _find_library():
    env = os.environ.get("SFHET_LIB")
    if env:
        if not os.path.isfile(env):
            raise ImportError(f"sfhet: SFHET_LIB={env} is not a file (point it at libsfhet.so)")
        return env
    tried = []
    for c in _candidates():
        if not isinstance(c, pathlib.Path) or c.is_file():
            return str(c)
        tried.append(str(c))
    raise ImportError("sfhet: libsfhet.so not found (tried " + ", ".join(tried) + "); build it with "
                      "`cmake -S . -B build && cmake --build build`, or set SFHET_LIB=/path/to/libsfhet.so")


def prototypes(lib):
    """Declares the argument and result types of the binding interface on a loaded library."""
    c_str_p = ctypes.POINTER(ctypes.c_char_p)
    lib.sfhet_bind_call.argtypes = [ctypes.c_char_p, ctypes.c_size_t, c_str_p, c_str_p, ctypes.c_size_t,
                                    c_str_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_double)),
                                    ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_void_p)]
    lib.sfhet_bind_call.restype = ctypes.c_int
    lib.sfhet_bind_res_free.argtypes = [ctypes.c_void_p]
    lib.sfhet_bind_res_free.restype = None
    for f in ("sfhet_bind_res_narrays", "sfhet_bind_res_nstrings"):
        getattr(lib, f).argtypes = [ctypes.c_void_p]
        getattr(lib, f).restype = ctypes.c_size_t
    for f in ("sfhet_bind_res_array_name", "sfhet_bind_res_string_key", "sfhet_bind_res_string"):
        getattr(lib, f).argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        getattr(lib, f).restype = ctypes.c_char_p
    lib.sfhet_bind_res_array.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),
                                         ctypes.POINTER(ctypes.c_size_t)]
    lib.sfhet_bind_res_array.restype = ctypes.POINTER(ctypes.c_double)
    lib.sfhet_bind_version.restype = ctypes.c_char_p
    lib.sfhet_last_error.restype = ctypes.c_char_p
    return lib


def _load():
    path = _find_library()
    return prototypes(ctypes.CDLL(path)), path  # CDLL (not PyDLL): the GIL is released during every call


LIB, LIBRARY_PATH = _load()


class Raw:
    """A result of sfhet_bind_call: named arrays (copied into numpy; .arrays by name, .items in order)
    and (key, value) strings."""

    def __init__(self, items, strings):
        self.items = items  # [(name, array)] in order, names may repeat (a table's columns)
        self.arrays = dict(items)
        self.strings = strings

    def strs(self, key):
        """Every string stored under key, in order."""
        return [v for k, v in self.strings if k == key]

    def str(self, key, default=None):
        """The first string stored under key."""
        s = self.strs(key)
        return s[0] if s else default

    def scalar(self, name):
        """A one-element array as a float."""
        return float(self.arrays[name].reshape(-1)[0])


def _text(name, v):
    """One argument as the text the library parses (floats round-trip exactly through repr)."""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        return repr(float(v))
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return ",".join(v)
    raise TypeError(f"sfhet: argument {name}: expected a number, a quantity string such as '0.86meV' or a "
                    f"list of names, got {type(v).__name__}")


def as_array(name, x, ndim=1):
    """x as a C-contiguous float64 array of ndim dimensions (a copy only when needed). Integer and
    float arrays of any width and strides are converted; bool, complex, text and object data are
    rejected with TypeError, other shapes with ValueError."""
    a = np.asarray(x)
    if a.dtype.kind == "O":
        try:
            a = a.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"sfhet: {name}: expected numbers, got an array of Python objects") from None
    if a.dtype.kind not in "iuf":
        what = {"b": "booleans", "c": "complex numbers", "U": "text", "S": "bytes", "M": "dates",
                "m": "time differences", "V": "structured records"}.get(a.dtype.kind, str(a.dtype))
        raise TypeError(f"sfhet: {name}: expected real numbers, got {what} (dtype {a.dtype})")
    if a.ndim == 0 and ndim == 1:
        a = a.reshape(1)
    if a.ndim != ndim:
        raise ValueError(f"sfhet: {name}: expected a {ndim}-D array, got shape {a.shape}")
    return np.ascontiguousarray(a, dtype=np.float64)


def _result(res):
    items = []
    rows, cols = ctypes.c_size_t(), ctypes.c_size_t()
    for k in range(LIB.sfhet_bind_res_narrays(res)):
        name = LIB.sfhet_bind_res_array_name(res, k).decode()
        ptr = LIB.sfhet_bind_res_array(res, k, ctypes.byref(rows), ctypes.byref(cols))
        n = rows.value * cols.value
        data = np.empty(n)
        if n:
            ctypes.memmove(data.ctypes.data, ptr, 8 * n)  # a copy: the result is freed after this
        items.append((name, data.reshape(rows.value, cols.value) if cols.value != 1 else data))
    strings = [(LIB.sfhet_bind_res_string_key(res, k).decode(), LIB.sfhet_bind_res_string(res, k).decode())
               for k in range(LIB.sfhet_bind_res_nstrings(res))]
    return Raw(items, strings)


def _name(k):
    """A keyword argument's library name: Python keywords are written with a trailing underscore
    (lambda_ for the parameter lambda)."""
    return k[:-1] if k.endswith("_") and keyword.iskeyword(k[:-1]) else k


def call(fn, arrays=None, **args):
    """Runs bound function fn with named arrays and named arguments (None values are left out);
    raises sfhet.Error subclasses carrying the library's message."""
    args = {_name(k): _text(k, v) for k, v in args.items() if v is not None}
    arrays = {k: as_array(k, v) for k, v in (arrays or {}).items() if v is not None}
    names = (ctypes.c_char_p * len(args))(*[k.encode() for k in args])
    values = (ctypes.c_char_p * len(args))(*[v.encode() for v in args.values()])
    anames = (ctypes.c_char_p * len(arrays))(*[k.encode() for k in arrays])
    dptr = ctypes.POINTER(ctypes.c_double)
    ptrs = (dptr * len(arrays))(*[a.ctypes.data_as(dptr) for a in arrays.values()])
    lens = (ctypes.c_size_t * len(arrays))(*[a.size for a in arrays.values()])
    out = ctypes.c_void_p()
    st = LIB.sfhet_bind_call(fn.encode(), len(args), names, values, len(arrays), anames, ptrs, lens,
                             ctypes.byref(out))
    if st != 0:
        raise errors.make(st, (LIB.sfhet_last_error() or b"").decode(errors="replace"))
    try:
        return _result(out)
    finally:
        LIB.sfhet_bind_res_free(out)


def version():
    """The library's version string."""
    return LIB.sfhet_bind_version().decode()


def finite_or_none(x):
    """A float, or None for NaN (JSON null, as the CLI writes non-finite numbers)."""
    x = float(x)
    return None if math.isnan(x) else x
