"""Superconducting thermodynamics: the weak-coupling BCS gap, pair breaking, and their fits
(sfhet gap, sfhet pairbreak)."""

from . import _lib
from ._types import scalars, table_from
from .models import values


def gap(T, Tc, delta0=None):
    """Weak-coupling BCS gap Delta(T) [meV] at temperatures T [K] (array or range string) for critical
    temperature Tc [K], as `sfhet gap`; delta0 [meV] > 0 scales the curve to Delta(0) = delta0."""
    return _lib.call("gap", {"T": values(T, "temperature", "T")}, Tc=Tc, delta0=delta0).arrays["Delta_meV"]


def gap_fit(T, delta, sigma=None):
    """Fits Delta(T) = Delta0 y(T/Tc)/y(0) to measured gaps (T [K] > 0, delta [meV], optional sigma
    [meV]), as `sfhet gap --fit --json`: {Tc_K, Tc_err_K, delta0_meV, delta0_err_meV,
    delta0_over_kTc, corr01, chi2_red, n_points, converged}."""
    raw = _lib.call("gap_fit", {"T": T, "delta": delta, "sigma": sigma})
    return scalars(raw)


def pairbreak(Tc0, alpha=None, zeeman=None, B=None, pauli_boundary=False, ising_lambda=None, T=None, D=None,
              thickness=None, orientation=None):
    """Pair-breaking curves as `sfhet pairbreak` (give exactly one mode), a Table with the CLI's columns:
    alpha [meV] -> alpha_meV, Tc_K (Abrikosov-Gor'kov); zeeman = h [meV] -> h_meV, Tc_K, B_T (second-order
    line); B [T] with D [m^2/s], thickness [nm], orientation "parallel"/"perpendicular" -> B_T, Tc_K,
    alpha_meV (thin-film orbital); pauli_boundary=True with T [K] (default 0:Tc0:41) -> T_K, h_meV, B_T,
    order; ising_lambda [meV] with T [K] -> T_K, h_meV, B_T (Ising in-plane critical field). Arrays may
    be range strings."""
    arrays = {"alpha": None if alpha is None else values(alpha, "energy", "alpha"),
              "zeeman": None if zeeman is None else values(zeeman, "energy", "zeeman"),
              "B": None if B is None else values(B, "field", "B"),
              "T": None if T is None else values(T, "temperature", "T")}
    raw = _lib.call("pairbreak", arrays, Tc0=Tc0, pauli_boundary=True if pauli_boundary else None,
                    ising_lambda=ising_lambda, D=D, thickness=thickness, orientation=orientation)
    return table_from(raw)


def pairbreak_fit(kind, x, y, sigma=None, Tc0=None, thickness=None, orientation=None):
    """Fits as `sfhet pairbreak --fit KIND --json`: kind "orbital" (x = B [T], y = Tc [K]) ->
    {D_m2s, D_err_m2s, Tc0_K, Tc0_err_K, xi_GL0_nm, xi_GL0_err_nm, ...}; kind "ising" (x = T [K],
    y = Bc2 [T]) -> {lambda_meV, lambda_err_meV, Tc0_K, Tc0_err_K, ...}; both with chi2_red, n_points,
    converged. Tc0 [K] given is held fixed."""
    raw = _lib.call("pairbreak_fit", {"x": x, "y": y, "sigma": sigma}, fit=kind, Tc0=Tc0, thickness=thickness,
                    orientation=orientation)
    return scalars(raw)
