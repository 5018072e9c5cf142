"""The Ising-superconductor lattice model of monolayer NbSe2, seed 003 (sfhet ising SUBCOMMAND).

Every function takes the model's parameters by name (eps, t0..t5 [meV], phi0..phi5 [rad], delta0
[meV] fixing the coupling, rtol of the Brillouin-zone cubature; defaults Table I: see
sfhet.params("ising"); or lambda_ = lambda_soc [meV] instead of phi0, as the CLI's --lambda) and,
where the CLI runs points in parallel, threads (0: all cores)."""

from . import _lib
from ._types import Table, table_from
from .models import values


def lambda_soc(**model):
    """lambda_soc = 3 sqrt(3) t0 sin(phi0) [meV] (seed 003 eq. A4)."""
    return _lib.call("ising_lambda", **model).scalar("lambda_soc_meV")


def bands(n=None, **model):
    """Band energies along Gamma-M-K-Gamma (n points): Table k_index, kx, ky, xi_up_meV, xi_down_meV."""
    return table_from(_lib.call("ising_bands", n=n, **model))


def gap(T, J=None, theta=None, phi=None, **model):
    """Self-consistent gap at T [K] and exchange field J [meV] at polar angle theta and azimuth phi
    [deg], as `sfhet ising gap --json`: {delta_meV, delta_err_meV, f_sn_meV, f_sn_err_meV, Tc0_K, g_meV,
    N0_per_meV, k_points, solutions}, solutions a Table of every stationary point (lowest free energy
    first) with a kind column (stable, metastable, unstable)."""
    raw = _lib.call("ising_gap", T=T, J=J, theta=theta, phi=phi, **model)
    out = {k: raw.scalar(k) for k in ("delta_meV", "delta_err_meV", "f_sn_meV", "f_sn_err_meV", "Tc0_K", "g_meV",
                                      "N0_per_meV")}
    out["k_points"] = int(raw.scalar("k_points"))
    sol = {k.split(".", 1)[1]: v for k, v in raw.arrays.items() if k.startswith("solutions.")}
    sol.pop("kind", None)
    sol["kind"] = raw.strs("kind")
    out["solutions"] = Table(sol)
    return out


def tc(J=None, theta=None, threads=None, **model):
    """Tc(J, theta) [K] from the linearised gap equation at exchange fields J [meV] (array or range
    string; default 0:0.4:9): Table J_meV, Tc_K."""
    J = None if J is None else values(J, "energy", "J")
    return table_from(_lib.call("ising_tc", {"J": J}, theta=theta, threads=threads, **model))


def chi(T=None, weak_soc=False, threads=None, **model):
    """In-plane and out-of-plane spin susceptibility of the superconducting state over the normal-state
    value at temperatures T [K] > 0 (default 0.3:3:10): Table T_K, chi_par, chi_perp; with weak_soc
    also chi_par_c8 (eq. C8 averaged over the Fermi surface, a T = 0 weak-SOC estimate)."""
    T = None if T is None else values(T, "temperature", "T")
    return table_from(_lib.call("ising_chi", {"T": T}, weak_soc=weak_soc or None, threads=threads, **model))


def free_energy(T, J, theta=None, phi=None, threads=None, **model):
    """Free energy f_sn [meV per cell] of the lowest self-consistent state at T [K] and J [meV] on the
    grid theta x phi [deg] (defaults 0:90:10 and 0): Table theta_deg, phi_deg, f_sn_meV (theta outer)."""
    arrays = {"theta": None if theta is None else values(theta, "angle", "theta"),
              "phi": None if phi is None else values(phi, "angle", "phi")}
    return table_from(_lib.call("ising_free_energy", arrays, T=T, J=J, threads=threads, **model))


def jc(T, theta=None, threads=None, **model):
    """Critical exchange field J_c(theta, T) [meV] at angles theta [deg] (default 0): Table theta_deg,
    Jc_meV, first_order."""
    theta = None if theta is None else values(theta, "angle", "theta")
    return table_from(_lib.call("ising_jc", {"theta": theta}, T=T, threads=threads, **model))


def map(T=None, J=None, theta=None, threads=None, **model):
    """Phase diagram: the self-consistent Delta [meV] of the lowest free energy (as gap) on the grid of
    temperatures T [K] (default 0.3:3:10), exchange fields J [meV] (0:0.4:9) and polar angles theta
    [deg] (0,90): Table T_K, J_meV, theta_deg, delta_meV (theta fastest, then J, then T)."""
    arrays = {"T": None if T is None else values(T, "temperature", "T"),
              "J": None if J is None else values(J, "energy", "J"),
              "theta": None if theta is None else values(theta, "angle", "theta")}
    return table_from(_lib.call("ising_map", arrays, threads=threads, **model))
