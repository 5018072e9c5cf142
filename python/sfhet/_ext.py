"""Calls of bound functions that may not be in the library a wrapper is loaded with (an older
libsfhet.so): a missing one raises sfhet.Unavailable instead of an unknown-function error."""

from . import _lib
from .models import functions


class Unavailable(NotImplementedError):
    """The library this package loaded has no bound function of that name (yet): see docs/python.md,
    "Adding a binding"."""


def call_if_bound(fn, arrays=None, **args):
    """sfhet's _lib.call, or Unavailable naming the function and the library file when it is not bound."""
    if fn not in functions():
        raise Unavailable(f"sfhet: the library {_lib.LIBRARY_PATH} has no bound function '{fn}' "
                          f"(not in sfhet.functions(); it lands with its C command, see docs/python.md)")
    return _lib.call(fn, arrays, **args)
