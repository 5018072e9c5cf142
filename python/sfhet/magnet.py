"""Macrospin magnetisation loops (sfhet loop) and the A-type AFM inversion."""

from . import _lib
from ._types import scalars, table_from
from .models import values

_CURVES = ("H_T", "Mz", "Mx", "My", "Mpar", "E")


def loop(H, model=None, preset=None, psi=None, tilt=None, layers=None, planar=False, equilibrium=False,
         return_sweep=False, **params):
    """Zero-temperature loop of a macrospin model ("sw", "afm", "fsf", "crbr3"; or a preset such as
    "mnbi2te4"), as `sfhet loop`: the local minimum tracked along the fields H [T] in the given order
    (array or range string; return_sweep appends the reversed sweep), or the global minimum with
    equilibrium=True. params: the model's parameters (HK, HE, HA, ...; see sfhet.magnet_models()),
    psi [deg] the field angle from the easy axis z towards x, tilt, layers (afm), planar.
    Returns a Table H_T, Mz, Mx, My, Mpar (moment-weighted, saturation 1), E, with meta: m (states,
    fields x 3n), Hc_T (coercive fields), Hc_abs_T, switching_fields_T, switching_dM, psi_deg, model."""
    raw = _lib.call("loop", {"H": values(H, "field", "H")}, model=model, preset=preset, psi=psi, tilt=tilt,
                    layers=layers, planar=planar or None, equilibrium=equilibrium or None,
                    **{"return": return_sweep or None}, **params)
    meta = {k: v for k, v in raw.arrays.items() if k not in _CURVES}
    meta["Hc_abs_T"] = raw.scalar("Hc_abs_T")
    meta["psi_deg"] = raw.scalar("psi_deg")
    meta["model"] = raw.str("model")
    return table_from(raw, _CURVES, meta)


def afm_fit(flop, sat, flop_err=None, sat_err=None):
    """HE, HA [T] of an A-type AFM bilayer from its measured spin-flop and saturation fields [T] (with
    standard errors), as `sfhet loop --model afm --flop --sat --json`: {HE_T, HE_err_T, HA_T, HA_err_T}."""
    return scalars(_lib.call("afm_fit", flop=flop, sat=sat, flop_err=flop_err, sat_err=sat_err))
