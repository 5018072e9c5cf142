#!/usr/bin/python3
"""Baseline for bench_ising: the self-consistent gap of the NbSe2 lattice model (seed 003, Table I,
J = 0) by numpy brute force, as a careful user writes it: a uniform N x N midpoint grid over the
reciprocal cell (spectrally accurate for smooth periodic integrands), the bands of eqs. A1-A2 (sixth-
neighbour slip corrected, the same terms as src/lattice/ising_model.c) evaluated once per grid,
1/g = <k0> on the same points, and scipy's brentq on the gap function <k0 - K(D)>.
N doubles from 256 until |D - D_ref| <= TOL (or NMAX is reached).
Usage: ising_baseline.py T_K DELTA0 D_REF TOL [NMAX]
Prints key=value lines: for each N "N=... cpu_s=... delta=... err=...", then the first N that met TOL
as "met_N=..." (0 if none). Times are process CPU seconds (band evaluation + root search).
"""
import sys
import time

import numpy as np
from scipy.optimize import brentq

KB = 8.617333262e-2  # meV/K (CODATA 2018)
EPS, T = -44.5, [26.3, 99.1, -1.4, -11.2, -14.6, 2.5]
PHI = [0.6, 0, 0, 0, 0, 0]
# (shell, n, m, s): cos(n alpha + m beta - s phi_shell), alpha = kx/2, beta = sqrt(3) ky/2
TERMS = [(0, 2, 0, 1), (0, 1, 1, -1), (0, 1, -1, -1), (1, 3, -1, 1), (1, 0, 2, 1), (1, 3, 1, -1),
         (2, 2, 2, 1), (2, 2, -2, 1), (2, 4, 0, -1), (3, 5, 1, 1), (3, 4, -2, 1), (3, 4, 2, -1),
         (3, 1, -3, -1), (3, 5, -1, -1), (3, 1, 3, -1), (4, 3, -3, 1), (4, 3, 3, 1), (4, 6, 0, -1),
         (5, 6, -2, 1), (5, 0, 4, 1), (5, 6, 2, -1)]


def bands(kx, ky):
    """xi_up, xi_down at k (1/a)."""
    al, be = 0.5 * kx, 0.5 * np.sqrt(3.0) * ky
    e = np.full_like(kx, EPS)
    b = np.zeros_like(kx)
    for sh, n, m, s in TERMS:
        arg = n * al + m * be
        e += 2 * T[sh] * np.cos(arg) * np.cos(PHI[sh])
        b += 2 * T[sh] * s * np.sin(arg) * np.sin(PHI[sh])
    return e + b, e - b


def solve(N, kT, d0):
    u = (np.arange(N) + 0.5) / N
    U, V = np.meshgrid(u, u, indexing="ij")
    kx = U * 2 * np.pi
    ky = -U * 2 * np.pi / np.sqrt(3.0) + V * 4 * np.pi / np.sqrt(3.0)
    xu, xd = bands(kx.ravel(), ky.ravel())
    del U, V, kx, ky
    xu2, xd2 = xu * xu, xd * xd
    del xu, xd
    k0 = 0.25 * (1 / np.sqrt(xu2 + d0 * d0) + 1 / np.sqrt(xd2 + d0 * d0))

    def R(d):
        au, ad = np.sqrt(xu2 + d * d), np.sqrt(xd2 + d * d)
        return np.mean(k0 - 0.25 * (np.tanh(au / (2 * kT)) / au + np.tanh(ad / (2 * kT)) / ad))

    return brentq(R, 0.5 * d0, 1.05 * d0, xtol=1e-10 * d0)


def main():
    TK, d0, dref, tol = (float(x) for x in sys.argv[1:5])
    nmax = int(sys.argv[5]) if len(sys.argv) > 5 else 4096
    kT, met, N = KB * TK, 0, 256
    while N <= nmax:
        t0 = time.process_time()
        d = solve(N, kT, d0)
        t = time.process_time() - t0
        err = abs(d - dref)
        print(f"N={N} cpu_s={t:.6g} delta={d:.12g} err={err:.3g}", flush=True)
        if err <= tol:
            met = N
            break
        N *= 2
    print(f"met_N={met}")


if __name__ == "__main__":
    main()
