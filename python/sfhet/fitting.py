"""Fits of junction models to measured spectra (sfhet fit): one spectrum, or a sweep of spectra fitted
in parallel (optionally with parameters shared by all spectra: a global fit). The data are cleaned
(sorted, repeated biases averaged, non-finite rows dropped) and the fit configured exactly as the CLI
does, through the same library calls, so the numbers equal those of `sfhet fit`."""

import math
import warnings

import numpy as np

from . import _lib
from ._types import Table

_BOUND = {-1: "lower", 1: "upper"}


def _nan_none(x):
    return _lib.finite_or_none(x)


class FitResult:
    """The fit of one spectrum. values/errors: {name: float} for every parameter (errors 0 for fixed
    parameters, NaN for one that ended at a bound); free: the fitted names; correlation: their
    correlation matrix (order of free); chi2, chi2_red, n_points, n_free, n_iter, converged, reason,
    errors_scaled, note; loss, loss_scale, n_rejected (points the clip left out), n_evals (model
    evaluations), condition_number (of the normalised Jacobian), stopped (1: evaluation budget, 2: time
    limit, 0: neither); V, G, sigma: the data as fitted (cleaned); rejected: per point, True where the
    clip left it out (None without clip); curve: the model at V;
    sweep_value: the spectrum's sweep value (NaN for a single fit). r["delta"] is r.values["delta"]."""

    def __init__(self, raw, i, span, call_args, sweep_value=math.nan):
        names = raw.strs("name")
        self.params = names
        self.units = dict(zip(names, raw.strs("unit")))
        self.columns = dict(zip(names, raw.strs("column")))
        self.columns_err = dict(zip(names, raw.strs("column_err")))
        self.junction, self.model_name = raw.str("junction"), raw.str("model")
        a = raw.arrays
        isfree = a["free"].astype(bool)
        self.free = [n for n, f in zip(names, isfree) if f]
        self.shared = [n for n, s in zip(names, a["shared"].astype(bool)) if s]
        self.values = dict(zip(names, a["value"][i].tolist()))
        self.errors = dict(zip(names, a["err"][i].tolist()))
        self.at_bound = {n: _BOUND[int(b)] for n, b, f in zip(names, a["at_bound"][i], isfree) if f and int(b)}
        np_ = len(names)
        full = a["corr"][i].reshape(np_, np_)
        idx = np.flatnonzero(isfree)
        self.correlation = full[np.ix_(idx, idx)]
        for k in ("chi2", "chi2_red"):
            setattr(self, k, float(a[k][i]))
        for k in ("n_points", "n_free", "n_iter", "status", "n_evals", "n_rejected", "stopped"):
            setattr(self, k, int(a[k][i]))
        self.condition_number = float(a["condition_number"][i])
        self.loss, self.loss_scale = raw.str("loss"), raw.scalar("loss_scale")
        self.converged = bool(a["converged"][i])
        self.errors_scaled = bool(a["errors_scaled"][i])
        self.reason = raw.strs("reason")[i]
        self.note = raw.strs("note")[i] or None
        lo, hi = span
        self.V, self.G, self.curve = a["V"][lo:hi], a["G"][lo:hi], a["curve"][lo:hi]
        self.sigma = a["sigma"][lo:hi] if "sigma" in a else None
        self.rejected = a["rejected"][lo:hi].astype(bool) if "rejected" in a else None
        self.sweep_value = sweep_value
        self._p = a["value"][i].copy()
        self._call_args = call_args

    def __getitem__(self, name):
        return self.values[name]

    @property
    def residual(self):
        """Data minus model at the fitted biases."""
        return self.G - self.curve

    def model(self, V):
        """The fitted model gnn*G(V - V0) + bg0 + bg1*V at biases V [mV] (any array)."""
        raw = _lib.call("fit_eval", {"p": self._p, "V": V}, **self._call_args)
        return raw.arrays["y"]

    def json(self):
        """The result as `sfhet fit --json` prints it (NaN as None)."""
        out = {"junction": self.junction, "model": self.model_name}
        for n in self.free:
            out[n] = _nan_none(self.values[n])
            out[n + "_err"] = _nan_none(self.errors[n])
        out.update(chi2_red=_nan_none(self.chi2_red), chi2=_nan_none(self.chi2), n_points=self.n_points,
                   n_free=self.n_free, n_iter=self.n_iter, converged=self.converged, reason=self.reason,
                   errors_scaled=self.errors_scaled, loss=self.loss, loss_scale=_nan_none(self.loss_scale),
                   n_rejected=self.n_rejected, n_evals=self.n_evals,
                   condition_number=_nan_none(self.condition_number))
        if self.note:
            out["note"] = self.note
        out["at_bound"] = dict(self.at_bound)
        out["fixed"] = {n: _nan_none(self.values[n]) for n in self.params if n not in self.free}
        out["units"] = dict(self.units)
        out["correlation"] = {"params": list(self.free),
                              "matrix": [[_nan_none(x) for x in row] for row in self.correlation]}
        return out

    def __repr__(self):
        fitted = ", ".join(f"{n}={self.values[n]:.6g}±{self.errors[n]:.2g}{' ' + self.units[n] if self.units[n] else ''}"
                           for n in self.free)
        return f"FitResult({fitted}; chi2_red={self.chi2_red:.4g}, converged={self.converged})"


class SweepResult:
    """The fits of a sweep: results[i] (a FitResult per spectrum, in ascending sweep order), sweep
    (the sweep values), chi2_red_global (joint reduced chi^2 of a global fit, NaN otherwise).
    s["delta"] is the array of fitted values over the sweep, s.errors("delta") their errors; table()
    gives the CLI's sweep table."""

    def __init__(self, results, sweep, chi2_red_global):
        self.results = results
        self.sweep = np.asarray(sweep, dtype=float)
        self.chi2_red_global = chi2_red_global
        first = results[0]
        self.params, self.free, self.shared, self.units = first.params, first.free, first.shared, first.units

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def __getitem__(self, name):
        return np.array([r.values[name] for r in self.results])

    def errors(self, name):
        """Standard errors of a parameter over the sweep."""
        return np.array([r.errors[name] for r in self.results])

    def table(self, sweep_name="sweep"):
        """The sweep table as `sfhet fit --sweep COL` writes it: COL, then value and error columns of
        every free parameter (with units: delta_meV, delta_err_meV, ...), their at-bound flags (-1, 0,
        +1), chi2_red, converged (1 when the fit succeeded), n_points, and with clip n_rejected."""
        first, rs = self.results[0], self.results
        cols = {sweep_name: self.sweep}
        for n in self.free:
            cols[first.columns[n]] = self[n]
            cols[first.columns_err[n]] = self.errors(n)
        for n in self.free:
            cols[n + "_at_bound"] = np.array([{"lower": -1.0, "upper": 1.0}.get(r.at_bound.get(n), 0.0) for r in rs])
        cols["chi2_red"] = np.array([r.chi2_red for r in rs])
        cols["converged"] = np.array([float(r.status == 0) for r in rs])
        cols["n_points"] = np.array([float(r.n_points) for r in rs])
        if first.rejected is not None:  # with clip, as the CLI's table with --clip
            cols["n_rejected"] = np.array([float(r.n_rejected) for r in rs])
        return Table(cols, {"chi2_red_global": self.chi2_red_global})

    def __repr__(self):
        return f"SweepResult({len(self)} spectra, free {self.free}, shared {self.shared})"


def _names(x):
    if x is None or isinstance(x, str):
        return x
    return ",".join(x)


def _arrays(V, G, sigma, sweep):
    """The bound function's arrays for one spectrum, a 2-D array of spectra or long-format data, and
    the sweep labels of a 2-D array."""
    G = np.asarray(G)
    if G.ndim == 1:
        arr = {"V": V, "G": G, "sigma": sigma}
        if sweep is not None:
            arr["sweep"] = sweep
        return arr, None
    if G.ndim != 2:
        raise ValueError(f"sfhet.fit: G must be 1-D (one spectrum or long format) or 2-D (spectra x biases), "
                         f"got shape {G.shape}")
    m, n = G.shape
    Vb = np.asarray(V)
    if Vb.ndim == 1 and Vb.shape == (n,):
        Vb = np.broadcast_to(Vb, (m, n))
    if Vb.shape != (m, n):
        raise ValueError(f"sfhet.fit: V must have shape ({n},) or {G.shape} for G of shape {G.shape}, got {Vb.shape}")
    S = None
    if sigma is not None:
        S = np.asarray(sigma)
        S = np.broadcast_to(S, (m, n)) if S.shape in ((n,), (m, n)) else None
        if S is None:
            raise ValueError(f"sfhet.fit: sigma must have shape ({n},) or {G.shape}")
    labels = None
    if sweep is not None:
        labels = _lib.as_array("sweep", sweep)
        if labels.shape != (m,):
            raise ValueError(f"sfhet.fit: sweep must have {m} values (one per row of G), got {labels.shape}")
    arr = {"V": Vb.reshape(-1), "G": G.reshape(-1), "sigma": None if S is None else S.reshape(-1),
           "n": np.full(m, float(n))}
    return arr, labels


def fit(V, G, *, junction=None, free=None, shared=None, sigma=None, sweep=None, model=None, model2=None, starts=None,
        seed=None, threads=None, loss=None, loss_scale=None, clip=None, max_evals=None, time_limit=None, **params):
    """Fits a junction model to measured dI/dV data, as `sfhet fit`.

    V, G: one spectrum (1-D arrays; V in mV); or a sweep, either as a 2-D array G[spectrum, bias]
    (V 1-D shared by all or 2-D, sweep = optional labels, one per spectrum, default the row index)
    or in long format (1-D
    V, G and sweep = the sweep value of each row, e.g. B in T: one spectrum per distinct value).
    sigma: one-sigma errors of G (same shape; errors are then not scaled by chi2_red).
    junction: "nis" or "sis" (required); model, model2: DOS models (default dynes); free (required):
    the fitted parameter names (list or "delta,gamma"); shared (sweeps): parameters fitted as one value for all spectra.
    params: start values of free parameters and values of fixed ones by name (delta, gamma, ...,
    T [K] required, vac [mV], V0 [mV], gnn, bg0, bg1 [1/mV], ...; numbers in the default unit or
    quantity strings). Free parameters not given start from the data. starts (3), seed (1): extra
    random starts when the first fit is implausible; threads: OpenMP threads for sweeps (0: all).
    loss ("linear", "soft_l1", "huber", "cauchy"), loss_scale (1, in units of sigma or of the noise
    level estimated from the data), clip (leave out points beyond clip robust standard deviations and
    refit), max_evals (20000 model evaluations per fit), time_limit (300 s per fit; seconds or a
    quantity string): as sfhet fit's --loss, --loss-scale, --clip, --max-evals, --time-limit (docs/fit.md).

    Returns a FitResult (one spectrum) or a SweepResult. Warnings of the CLI (rows skipped, data not
    normalised, spectra that did not converge, model caveats) are issued as Python warnings."""
    arrays, labels = _arrays(V, G, sigma, sweep)
    call_args = dict(junction=junction, model=model, model2=model2, free=_names(free), shared=_names(shared),
                     starts=starts, seed=seed, loss=loss, loss_scale=loss_scale, clip=clip, max_evals=max_evals,
                     time_limit=time_limit, **params)
    raw = _lib.call("fit", arrays, threads=threads, **call_args)
    for w in raw.strs("warning"):
        warnings.warn("sfhet.fit: " + w, stacklevel=2)
    counts = raw.arrays["n"].astype(int)
    ends = np.cumsum(counts)
    sweep_values = raw.arrays["sweep"]
    if "n" in arrays:  # a 2-D array: its labels, or the row index
        sweep_values = labels if labels is not None else np.arange(len(counts), dtype=float)
    results = [FitResult(raw, i, (int(ends[i] - counts[i]), int(ends[i])), call_args, float(sweep_values[i]))
               for i in range(len(counts))]
    for r in results:
        if r.note:
            warnings.warn("sfhet.fit: " + r.note, stacklevel=2)
    if "n" not in arrays and "sweep" not in arrays:
        return results[0]
    return SweepResult(results, sweep_values, raw.scalar("chi2_red_global"))
