"""The device simulator (sfhet device, docs/device.md): conductance maps G(B, V) of a NbSe2/CrBr3/NbSe2
junction over an in-plane field sweep, and the global fit of a measured map. Parameters take the CLI's
option names: Tc0, T [K]; lambda_ (the exchange energy lambda: meV, or a field string "9.5T" converted
by lambda_meV = muB lambda_T), HK, Hn [T], g, dso, eta, eta_x, eta_y, eta_z, gamma0 [meV], vac [mV],
P, and the nuisance parameters V0 [mV], gnn, bg0, bg1 [1/mV]; defaults as sfhet.params("device");
threads (0: all cores). Quantity strings ("0.55meV") and bare numbers in the default unit both work."""

from ._ext import call_if_bound
from ._types import Table
from .models import values

_MAP = ("B_T", "direction", "V_mV", "G")


def simulate(B, V, sweep="up", **params):
    """G on the grid of fields B [T] (array or range string) x biases V [mV], as `sfhet device`: a Table
    B_T, direction, V_mV, G in long format (one row per field point and bias, in sweep order: the magnet
    is tracked from +c at the first field; sweep "up", "down" or "up,down"). meta["per_field"] is the
    Table of `--per-field`: B_T, direction, theta_m_deg, b_meV, theta_b_deg, delta_meV, peak_mV, fwhm_mV
    (NaN where not resolved), weight_mV."""
    raw = call_if_bound("device", {"B": values(B, "field", "B"), "V": values(V, "voltage", "V")}, sweep=sweep,
                    **params)
    per = Table((k.split(".", 1)[1], v) for k, v in raw.arrays.items() if k.startswith("pf."))
    return Table(((k, raw.arrays[k]) for k in _MAP), {"per_field": per})


def fit(B, direction, V, G, free, sigma=None, **params):
    """Fits the chain to a measured map in long format, the columns of `sfhet device` (arrays B [T],
    direction +1/-1 or None for all up, V [mV], G per row, optionally one-sigma errors sigma; a spectrum
    is each run of rows with the same B and direction, in sweep order), as `sfhet device --fit --json`: a dict with each free parameter p and
    p_err (NaN at a bound), chi2_red, chi2, n_points, n_spectra, n_free, n_iter, n_evals,
    n_column_maps, converged and errors_scaled (bool), reason, fixed (the fixed values), corr (the
    correlation matrix in the order of the list free) and warnings (H_K unconstrained or next to a
    field). params are the start values and fixed parameters; also max_evals, time_limit [s]."""
    arrays = {"B": B, "V": V, "G": G, "direction": direction, "sigma": sigma}
    raw = call_if_bound("device_fit", arrays, free=free if isinstance(free, str) else ",".join(free), **params)
    out = {}
    for k, v in raw.arrays.items():
        if k != "corr" and not k.startswith("fixed."):
            out[k] = float(v[0])
    for k in ("converged", "errors_scaled"):
        out[k] = bool(out[k])
    for k in ("n_points", "n_spectra", "n_free", "n_iter", "n_evals", "n_column_maps"):
        out[k] = int(out[k])
    out["reason"] = raw.strs("reason")[0]
    out["free"] = raw.strs("free")
    out["fixed"] = {k.split(".", 1)[1]: float(v[0]) for k, v in raw.arrays.items() if k.startswith("fixed.")}
    n = len(out["free"])
    out["corr"] = raw.arrays["corr"].reshape(n, n)
    out["warnings"] = raw.strs("warning")
    return out
