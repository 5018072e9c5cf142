"""Macrospin magnetisation loops (sfhet loop) and the models' inversions of measured fields."""

import warnings

from . import _lib
from ._types import scalars, table_from
from .models import values

_CURVES = ("H_T", "Mz", "Mx", "My", "Mpar", "E")


def loop(H=None, model=None, preset=None, psi=None, tilt=None, layers=None, planar=False, equilibrium=False,
         return_sweep=False, barrier_at=None, **params):
    """Zero-temperature loop of a macrospin model ("sw", "afm", "fsf", "crbr3"; or a preset such as
    "mnbi2te4"), as `sfhet loop`: the local minimum followed along the fields H [T] in the given order
    (array or range string; default: the model's full loop +-h -> -+h and back; return_sweep appends
    the reversed sweep), or the global minimum with equilibrium=True. params: the model's parameters
    (HK, HE, HA, ...; see sfhet.magnet_models()); psi [deg] the field angle from the easy axis z towards
    x, tilt, layers (afm), planar; barrier_at [T]: the energy barrier out of the state nearest it.
    Returns a Table H_T, Mz, Mx, My, Mpar (moment-weighted, saturation 1), E, with meta: m (states,
    fields x 3n), Hc_T (coercive fields), Hc_abs_T, switching_fields_T, switching_dM, onset_fields_T,
    the model's closed-form fields (e.g. bilayer_flop_T), barrier and barrier_unit, psi_deg, model."""
    raw = _lib.call("loop", {"H": None if H is None else values(H, "field", "H")}, model=model, preset=preset,
                    psi=psi, tilt=tilt, layers=layers, planar=planar or None, equilibrium=equilibrium or None,
                    barrier_at=barrier_at, **{"return": return_sweep or None}, **params)
    meta = {k: (float(v[0]) if v.shape == (1,) and k not in ("Hc_T", "switching_fields_T", "switching_dM",
                                                                 "onset_fields_T") else v)
            for k, v in raw.arrays.items() if k not in _CURVES}
    meta.update({k: v for k, v in raw.strings if k != "warning"})
    for w in raw.strs("warning"):
        warnings.warn("sfhet.loop: " + w, stacklevel=2)
    return table_from(raw, _CURVES, meta)


def loop_invert(model, **inputs):
    """A macrospin model's parameters from two measured fields [T] with standard errors (the model's
    inversion; afm: flop, sat, flop_err, sat_err -> HE, HA), as `sfhet loop --model MODEL --flop ...
    --json`: {<param>_T, <param>_err_T}."""
    return scalars(_lib.call("loop_invert", model=model, **inputs))


def afm_fit(flop, sat, flop_err=None, sat_err=None):
    """HE, HA [T] of an A-type AFM bilayer from its measured spin-flop and saturation fields [T] (with
    standard errors): HA = Hf^2/Hs, HE = (Hs + HA)/2, as `sfhet loop --model afm --flop --sat --json`:
    {HE_T, HE_err_T, HA_T, HA_err_T}."""
    return loop_invert("afm", flop=flop, sat=sat, flop_err=flop_err, sat_err=sat_err)
