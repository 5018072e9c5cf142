"""Quasiclassical Ising superconductor with magnetic defects, seed 002 (sfhet isingqc SUBCOMMAND).

The DOS model isingqc, once registered in the library, works through sfhet.dos/didv/fit like every
model. These thermodynamics wrappers call the bound functions isingqc_gap, isingqc_tc, isingqc_bc and
isingqc_peaks with the CLI's option names (Tc0, T, b, theta, phi, delta, gamma, dso, eta, eta_x,
eta_y, eta_z, soc); until the library binds them each raises sfhet.Unavailable."""

from ._ext import call_if_bound
from ._types import scalars, table_from
from .models import values


def gap(Tc0, T, **model):
    """Self-consistent gap, as `sfhet isingqc gap --json`: {delta_meV, ...}."""
    return scalars(call_if_bound("isingqc_gap", Tc0=Tc0, T=T, **model))


def tc(Tc0, b, theta=None, **model):
    """Tc(b) at exchange energies b [meV] (array or range string): Table b_meV, Tc_K."""
    return table_from(call_if_bound("isingqc_tc", {"b": values(b, "energy", "b")}, Tc0=Tc0, theta=theta, **model))


def bc(Tc0, T, phi, **model):
    """In-plane critical exchange field versus azimuth phi [deg]: Table phi_deg, bc_meV, Bc_T."""
    return table_from(call_if_bound("isingqc_bc", {"phi": values(phi, "angle", "phi")}, Tc0=Tc0, T=T, **model))


def peaks(b, **model):
    """dI/dV peak position and width versus b [meV]: Table b_meV, delta_meV, peak_mV, fwhm_mV."""
    return table_from(call_if_bound("isingqc_peaks", {"b": values(b, "energy", "b")}, **model))
