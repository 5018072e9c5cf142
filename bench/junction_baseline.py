#!/usr/bin/python3
"""Baselines for bench_junction: the SIS dI/dV a user writes in numpy.

(a) naive: I(V) by np.trapz on a uniform energy grid, then G = np.gradient(I, V) on the bias grid;
(b) fair:  G(V) by np.trapz of the differentiated integrand N1(E)[N2'(E+V)(f(E)-f(E+V)) + N2(E+V)(-f'(E+V))]
    on a uniform energy grid, refined (doubling) until max |G - G_ref| / (|G_ref| + 1e-3) <= tol.
Usage: junction_baseline.py DELTA GAMMA T VMIN VMAX NV TOL REF_CSV
REF_CSV: V,G reference (from sfhet at 1e-9). Prints key=value lines; times are process CPU seconds
(best of repeats), so that a loaded machine affects both sides alike.
"""
import sys
import time

import numpy as np

KB = 8.617333262e-2  # meV/K


def dos(E, d, g):
    z = E + 1j * g
    s = np.sqrt(z - d) * np.sqrt(z + d)
    return (z / s).real, (-d * d / s**3).real


def fermi(x, kT):
    return 0.5 * (1.0 - np.tanh(0.5 * x / kT))


def mdfermi(x, kT):
    return 0.25 / kT / np.cosh(np.clip(0.5 * x / kT, -350, 350)) ** 2


def grid(V, kT, npts):
    W = 40 * kT
    return np.linspace(min(0.0, -V.max()) - W, max(0.0, -V.min()) + W, npts)


def sis_G(V, d, g, kT, npts):
    E = grid(V, kT, npts)
    n1, _ = dos(E, d, g)
    fa = fermi(E, kT)
    out = np.empty_like(V)
    for i0 in range(0, len(V), 50):
        v = V[i0:i0 + 50, None]
        x = E[None, :] + v
        n2, dn2 = dos(x, d, g)
        integrand = n1 * (dn2 * (fa - fermi(x, kT)) + n2 * mdfermi(x, kT))
        out[i0:i0 + 50] = np.trapz(integrand, E, axis=1)
    return out


def sis_I(V, d, g, kT, npts):
    E = grid(V, kT, npts)
    n1, _ = dos(E, d, g)
    fa = fermi(E, kT)
    out = np.empty_like(V)
    for i0 in range(0, len(V), 50):
        v = V[i0:i0 + 50, None]
        x = E[None, :] + v
        n2, _ = dos(x, d, g)
        out[i0:i0 + 50] = np.trapz(n1 * n2 * (fa - fermi(x, kT)), E, axis=1)
    return out


def timed(fn, reps=3):
    best = 1e30
    for _ in range(reps):
        t0 = time.process_time()
        r = fn()
        best = min(best, time.process_time() - t0)
    return best, r


def main():
    d, g, T, vmin, vmax, nv, tol = map(float, sys.argv[1:8])
    ref = np.loadtxt(sys.argv[8], delimiter=",")
    kT = KB * T
    V = np.linspace(vmin, vmax, int(nv))
    Gref = ref[:, 1]
    relerr = lambda G: np.max(np.abs(G - Gref) / (np.abs(Gref) + 1e-3))
    npts = 101
    while True:  # grow the grid by 15% until the accuracy is reached
        t, G = timed(lambda: sis_G(V, d, g, kT, npts), reps=1)
        e = relerr(G)
        if e <= tol or npts > 2_000_000 or t > 60:
            break
        npts = int(npts * 1.15) + 1
    t, G = timed(lambda: sis_G(V, d, g, kT, npts), reps=2 if t < 5 else 1)
    print(f"fair_npts={npts}\nfair_err={relerr(G):.3g}\nfair_s={t:.6g}")
    tn, I = timed(lambda: sis_I(V, d, g, kT, npts), reps=1)
    Gn = np.gradient(I, V)
    print(f"naive_s={tn:.6g}\nnaive_err={relerr(Gn):.3g}")


if __name__ == "__main__":
    main()
