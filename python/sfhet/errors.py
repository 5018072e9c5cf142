"""Exceptions of sfhet: one class per library status, under two bases that follow the CLI's exit
classes. Bad usage or input (the CLI's exit status 2) raises an InputError, which is a ValueError;
a computation that failed (exit status 1) raises a ComputationError, which is a RuntimeError. Every
exception carries the library's message (sfhet_last_error()), its status code and status name.

The status codes, names and exit classes come from the library itself (the bound function
"statuses"), so a status added there gets a class here without an edit.
"""


class Error(Exception):
    """Base class of every error the sfhet library reports."""

    status = None       # numeric status (sfhet/error.h)
    status_name = None  # e.g. "SFHET_EUNIT"
    exit_code = None    # the CLI's exit status for it: 2 (input) or 1 (computation)

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InputError(Error, ValueError):
    """Bad usage or bad input: unknown or malformed argument, wrong unit, unreadable or malformed data
    (the CLI exits with status 2)."""

    exit_code = 2


class ComputationError(Error, RuntimeError):
    """A computation that failed: no convergence, no solution, out of memory (the CLI exits with 1)."""

    exit_code = 1


# Class names of the known statuses; a status without one gets "Status<NAME>".
_NAMES = {
    "SFHET_EINVAL": "InvalidArgument", "SFHET_EUNIT": "UnitError", "SFHET_EPARSE": "ParseError",
    "SFHET_EIO": "FileError", "SFHET_ERANGE": "RangeError", "SFHET_EDATA": "DataError",
    "SFHET_EUSAGE": "UsageError", "SFHET_ENOMEM": "OutOfMemory", "SFHET_ENOCONV": "NoConvergence",
    "SFHET_ENOSOL": "NoSolution", "SFHET_EFAILED": "ComputationFailed", "SFHET_CONTINUE": "NotFinished",
}

_by_code = {}


def _define(code, name, exit_code, message):
    base = InputError if exit_code == 2 else ComputationError
    cls_name = _NAMES.get(name, "Status" + name.replace("SFHET_", ""))
    cls = type(cls_name, (base,), {"__doc__": f"{message} ({name}, exit class {exit_code}).", "status": code,
                                   "status_name": name, "__module__": __name__})
    globals()[cls_name] = cls
    _by_code[code] = cls
    return cls


def _build():
    from . import _lib
    raw = _lib.call("statuses")
    for code, ex, name, msg in zip(raw.arrays["code"], raw.arrays["exit"], raw.strs("name"), raw.strs("message")):
        if int(code) != 0:
            _define(int(code), name, int(ex), msg)


def make(status, message):
    """The exception for a library status and message."""
    if not _by_code:
        _build()
    cls = _by_code.get(status)
    if cls is None:
        return ComputationError(f"{message} (unknown status {status})", status)
    return cls(message or cls.__doc__)


def classes():
    """{status name: exception class} of every library status."""
    if not _by_code:
        _build()
    return {c.status_name: c for c in _by_code.values()}
