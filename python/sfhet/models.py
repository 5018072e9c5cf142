"""Introspection: the registered models and their parameters (names, units, defaults, bounds), the
bound library functions, and the quantity and range parsers of the CLI."""

import collections

from . import _lib

Param = collections.namedtuple("Param", ["name", "symbol", "unit", "dim", "default", "lo", "hi", "bounds", "help",
                                         "integer", "follows"])
Param.__doc__ = ("One named parameter: its name (the keyword argument and CLI option), symbol, default unit "
                 "(values without a unit are in it), dimension, default, bounds lo/hi (and as text), help, "
                 "whether it is an integer, and for a junction's second electrode the parameter it follows "
                 "unless set (None otherwise).")

Model = collections.namedtuple("Model", ["name", "summary", "reference", "spin_resolved", "params"])
Model.__doc__ = "A registered DOS model: name, one-line summary, reference, spin_resolved, its parameters."

_INTEGER = 1  # SFHET_PARAM_INTEGER


def _params(raw):
    names = raw.strs("name")
    out = []
    for k, name in enumerate(names):
        fol = int(raw.arrays["follows"][k])
        out.append(Param(name, raw.strs("symbol")[k], raw.strs("unit")[k], raw.strs("dim_name")[k],
                         float(raw.arrays["default"][k]), float(raw.arrays["lo"][k]), float(raw.arrays["hi"][k]),
                         raw.strs("bounds")[k], raw.strs("help")[k], bool(int(raw.arrays["flags"][k]) & _INTEGER),
                         names[fol] if fol >= 0 else None))
    return out


def params(table="dos", model=None, junction=None, model2=None):
    """The parameters of a table: "dos" (of model, default dynes), "junction" (of a junction: kind
    junction = "nis"/"sis", model, model2; second-electrode names end in 2), "nuisance" (V0, gnn, bg0,
    bg1 of fits), "thermo", "hanle", "ising" (the lattice model) or "magnet" (of a macrospin model)."""
    return _params(_lib.call("params", table=table, model=model, junction=junction, model2=model2))


def models():
    """The registered DOS models, {name: Model}, with their parameters."""
    raw = _lib.call("models")
    out = {}
    for k, name in enumerate(raw.strs("name")):
        out[name] = Model(name, raw.strs("summary")[k], raw.strs("reference")[k],
                          bool(raw.arrays["spin_resolved"][k]), params("dos", model=name))
    return out


def junction_params(junction="nis", model="dynes", model2=None):
    """The named parameters of a junction (both electrodes, then T, vac, ...), as didv and fit take them."""
    return params("junction", model=model, junction=junction, model2=model2)


def magnet_models():
    """The macrospin models, {name: Model} (spin_resolved is False; params are the model's)."""
    raw = _lib.call("magnet_models")
    return {n: Model(n, raw.strs("summary")[k], raw.strs("reference")[k], False, params("magnet", model=n))
            for k, n in enumerate(raw.strs("name"))}


def presets():
    """The macrospin presets, {name: (model, help)}."""
    raw = _lib.call("presets")
    return {n: (m, h) for n, m, h in zip(raw.strs("name"), raw.strs("model"), raw.strs("help"))}


def functions():
    """The library's bound functions, {name: (summary, arguments)} (sfhet.call runs any of them)."""
    raw = _lib.call("functions")
    return {n: (s, a) for n, s, a in zip(raw.strs("name"), raw.strs("summary"), raw.strs("args"))}


def dims():
    """The dimensions, {key: default unit} ("energy": "meV", "field": "T", "diffusion": "m2/s", ...)."""
    raw = _lib.call("dims")
    return dict(zip(raw.strs("key"), raw.strs("unit")))


def quantity(text, dim="none"):
    """A quantity string ("0.86meV", "300 mK", or a bare number in the default unit) in the default
    unit of dim (a key of dims() such as "energy" or "field", or its unit "meV"); the CLI's parser."""
    if not isinstance(text, str):
        return float(text)
    return _lib.call("quantity", text=text, dim=dim).scalar("value")


def qrange(text, dim="none"):
    """A range as the CLI takes it, START:STOP:COUNT or a comma list, with units ("-3:3:601",
    "0,10mT,0.1T"), as a numpy array in the default unit of dim."""
    return _lib.call("range", text=text, dim=dim).arrays["values"]


def values(x, dim, name):
    """x as an array: a range string (qrange) or anything array-like."""
    if isinstance(x, str):
        return qrange(x, dim)
    return _lib.as_array(name, x)


def call(fn, arrays=None, **args):
    """Runs any bound library function by name (see functions()) and returns (arrays, strings): a dict
    of numpy arrays and a list of (key, value) strings. The escape hatch for functions added to the
    library before they have a wrapper here."""
    raw = _lib.call(fn, arrays, **args)
    return raw.arrays, raw.strings

