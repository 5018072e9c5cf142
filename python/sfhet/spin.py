"""Spin transport: non-local Hanle precession curves and their fit (sfhet hanle)."""

import warnings

from . import _lib
from ._types import scalars
from .models import values


def hanle(B, L=None, D=None, tau=None, g=None, Bv=None, R0=None, config=None):
    """R_NL(B) at out-of-plane fields B [T] (array or range string), as `sfhet hanle`: L [nm], D [m^2/s],
    tau [s], g, Bv [T] (> 0: the vortex-modified form), R0 [ohm m/s] (default 1: R_NL in s/m), config
    "parallel"/"antiparallel". Returns (R_NL array, lambda_s_m = sqrt(D tau) in m)."""
    raw = _lib.call("hanle", {"B": values(B, "field", "B")}, L=L, D=D, tau=tau, g=g, Bv=Bv, R0=R0, config=config)
    return raw.arrays["R_NL"], raw.scalar("lambda_s_m")


def hanle_fit(B, R, sigma=None, L=None, g=None, D=None, tau=None, Bv=None, fit_bg=False, fit_Bv=False):
    """Fits amplitude, D and tau (with fit_bg a constant background, with fit_Bv the vortex field Bv) to
    R_NL(B) data (B [T], R [ohm], optional sigma [ohm]) at fixed L [nm] and g, as `sfhet hanle --data
    --json`. D, tau (and Bv) given are start values. Returns the CLI's JSON keys (amplitude_ohm,
    amplitude_err_ohm, R0_ohm_m_s, D_m2_s, tau_s, background_ohm, Bv_T, lambda_s_m with _err, corr_D_tau,
    configuration, chi2_red, n_points, converged)."""
    raw = _lib.call("hanle_fit", {"B": B, "R": R, "sigma": sigma}, L=L, g=g, D=D, tau=tau, Bv=Bv,
                    fit_bg=fit_bg or None, fit_Bv=fit_Bv or None)
    for w in raw.strs("warning"):
        warnings.warn("sfhet.hanle_fit: " + w, stacklevel=2)
    return scalars(raw, skip=("warning",))


def tmr(P1=None, P2=None, tmr=None):
    """Julliere TMR = 2 P1 P2 / (1 - P1 P2) for polarisations P1, P2, as `sfhet tmr --json`:
    {TMR, TMR_percent}; with tmr (a measured ratio, 0.1 = 10 %) the inverse: {P} (two equal
    electrodes) or, with P1, {P2}. An impossible inversion (|P2| > 1) raises sfhet.NoSolution."""
    return scalars(_lib.call("tmr", P1=P1, P2=P2, tmr=tmr))
