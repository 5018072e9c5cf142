"""Result containers: Table (named numpy columns, as the CLI's CSV tables) and small named tuples."""

import collections

import numpy as np


class Table(dict):
    """Columns by name (numpy arrays of equal length, in the order the CLI writes them) plus a `meta`
    dict. Column names carry their units as in the CLI's CSV headers ("T_K", "Delta_meV"); columns
    whose names are identifiers can also be read as attributes (t.Tc_K)."""

    def __init__(self, columns=(), meta=None):
        super().__init__(columns)
        self.meta = dict(meta or {})

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no column {name!r} (columns: {', '.join(self)})") from None

    def __dir__(self):
        return list(super().__dir__()) + [k for k in self if k.isidentifier()]

    @property
    def columns(self):
        """The column names in order."""
        return list(self)

    @property
    def nrows(self):
        """Number of rows."""
        return len(next(iter(self.values()))) if self else 0

    def to_array(self):
        """The columns as one 2-D array (rows x columns)."""
        return np.column_stack([self[k] for k in self]) if self else np.zeros((0, 0))

    def __repr__(self):
        cols = ", ".join(f"{k}{list(np.shape(v))}" for k, v in self.items())
        return f"Table({cols})"


DOS = collections.namedtuple("DOS", ["N", "N_up", "N_down"])
DOS.__doc__ = "Densities of states N(E) (normalised to the normal state) and its spin components."

DIdV = collections.namedtuple("DIdV", ["G", "I", "G_err"])
DIdV.__doc__ = ("Normalised conductance G = (dI/dV)/G_nn, current I/G_nn [mV] and the estimated absolute "
                "discretisation error of G.")


def table_from(raw, names=None, meta=None):
    """A Table of the raw result's arrays (all of them, or those named, in that order)."""
    names = names if names is not None else list(raw.arrays)
    return Table(((n, raw.arrays[n]) for n in names), meta)


def scalars(raw, skip=()):
    """The raw result's one-element arrays as floats and its strings, as one dict (the CLI's JSON keys)."""
    out = {}
    for k, v in raw.arrays.items():
        if k not in skip and v.shape == (1,):
            out[k] = float(v[0])
    for k, v in raw.strings:
        if k not in skip:
            out.setdefault(k, v)
    return out
