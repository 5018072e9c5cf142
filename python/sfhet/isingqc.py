"""Quasiclassical Ising superconductor with an exchange field and defect scattering, seed 002 (sfhet
isingqc SUBCOMMAND; equations in docs/isingqc.md).

The DOS model isingqc works through sfhet.dos/didv/fit like every model. These functions take the
CLI's option names: Tc0, T [K]; the model parameters gamma, dso, b [meV], theta, phi [deg], eta, eta_x,
eta_y, eta_z [meV] and soc ("valley" or "gamma"), defaults as sfhet.params("dos", model="isingqc");
b is the exchange energy (spin splitting 2b, B_T = b_meV / 0.05788); threads (0: all cores) where
the CLI runs points in parallel. The flop functions take the flop parameters Kd, Jd [meV], Rd, xi0
[nm], N0, mud, gamma0, gammad (sfhet.params("isingqc_flop"))."""

from . import _lib
from ._types import Table, table_from
from .models import values


def gap(Tc0, T, **model):
    """Self-consistent gap at T, as `sfhet isingqc gap --json`: {delta_meV, f_sn_N0_meV2, Tc0_K, T_K,
    solutions}, solutions a Table (delta_meV, f_sn_N0_meV2, kind) of every root of the gap equation,
    the lowest free energy first, kind stable, metastable or unstable; f_sn = F_s - F_n per N(0)
    [meV^2]."""
    raw = _lib.call("isingqc_gap", Tc0=Tc0, T=T, **model)
    out = {k: raw.scalar(k) for k in ("delta_meV", "f_sn_N0_meV2", "Tc0_K", "T_K")}
    sol = {k.split(".", 1)[1]: v for k, v in raw.arrays.items() if k.startswith("solutions.")}
    sol["kind"] = raw.strs("kind")
    out["solutions"] = Table(sol)
    return out


def tc(Tc0, b, threads=None, **model):
    """Tc [K] of the second-order line at exchange energies b [meV] (array or range string), as
    `sfhet isingqc tc`: Table b_meV, Tc_K, B_T."""
    return table_from(_lib.call("isingqc_tc", {"b": values(b, "energy", "b")}, Tc0=Tc0, threads=threads, **model))


def bc(Tc0, T, phi, threads=None, **model):
    """Critical exchange energy at T versus the azimuth phi [deg] (array or range string), as
    `sfhet isingqc bc`: Table phi_deg, bc_meV, Bc_T."""
    return table_from(_lib.call("isingqc_bc", {"phi": values(phi, "angle", "phi")}, Tc0=Tc0, T=T, threads=threads,
                                **model))


def peaks(Tc0, T, b, threads=None, **model):
    """SIS coherence peak of two identical electrodes with the self-consistent gap at exchange
    energies b [meV] (needs gamma > 0), as `sfhet isingqc peaks`: Table b_meV, delta_meV, peak_mV,
    fwhm_mV."""
    return table_from(_lib.call("isingqc_peaks", {"b": values(b, "energy", "b")}, Tc0=Tc0, T=T, threads=threads,
                                **model))


def flop(Tc0, T, B=None, **params):
    """Defect-moment flop: the field sweeps up (direction 1) and down (-1) over fields B [T]
    (increasing; default -9:9:721), as `sfhet isingqc flop`: Table B_T, direction, theta_deg,
    gamma_eff_meV."""
    B = None if B is None else values(B, "field", "B")
    return table_from(_lib.call("isingqc_flop", {"B": B}, Tc0=Tc0, T=T, **params))


def flop_temps(Tc0, T=None, B=None, **params):
    """The flop's temperatures, as `sfhet isingqc flop --json`: {T_hyst_K, T_flop_K, T_unitary_K} and,
    with T, {T_K, Ep_meV}."""
    B = None if B is None else values(B, "field", "B")
    raw = _lib.call("isingqc_flop_temps", {"B": B}, Tc0=Tc0, T=T, **params)
    return {k: float(v[0]) for k, v in raw.arrays.items()}
