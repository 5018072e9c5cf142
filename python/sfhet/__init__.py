"""sfhet: superconductor/magnet heterostructure physics from Python, over the C library libsfhet.

Every function calls libsfhet (through ctypes and its flat interface sfhet/bind.h): no physics is
copied here. Parameters have the CLI's names and default units (energies meV, temperatures K, biases
mV, fields T, angles deg, lengths nm, D m^2/s, times s); quantity strings such as "0.86meV" or "300mK"
are accepted wherever a number is. Arrays are numpy float64 in and out. Library errors raise
sfhet.Error subclasses: InputError (a ValueError: bad usage or input, the CLI's exit status 2) and
ComputationError (a RuntimeError: a computation that failed, exit status 1). See docs/python.md.
"""

from . import _lib, errors
from ._ext import Unavailable
from ._types import DIdV, DOS, Table
from .errors import ComputationError, Error, InputError
from .fitting import FitResult, SweepResult, fit
from .junction import didv, dos
from .magnet import afm_fit, loop, loop_invert
from .models import (Model, Param, call, dims, functions, junction_params, magnet_models, models, params, presets,
                     qrange, quantity)
from .spin import hanle, hanle_fit, tmr
from .table import read
from .thermo import gap, gap_fit, pairbreak, pairbreak_fit
from . import device, ising, isingqc  # noqa: E402  (namespaces: sfhet.ising.gap, ...)

errors.classes()  # one exception class per library status, e.g. sfhet.errors.NoConvergence
for _name, _cls in errors.classes().items():
    globals()[_cls.__name__] = _cls
del _name, _cls

__version__ = _lib.version()
library_path = _lib.LIBRARY_PATH

__all__ = ["DIdV", "DOS", "ComputationError", "Error", "FitResult", "InputError", "Model", "Param", "SweepResult",
           "Table", "Unavailable", "afm_fit", "call", "device", "didv", "dims", "dos", "fit", "functions", "gap",
           "gap_fit", "hanle", "hanle_fit", "ising", "isingqc", "junction_params", "library_path", "loop", "loop_invert",
           "magnet_models", "models", "pairbreak", "pairbreak_fit", "params", "presets", "qrange", "quantity",
           "read", "tmr"] + [c.__name__ for c in errors.classes().values()]
