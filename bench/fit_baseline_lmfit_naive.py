#!/usr/bin/python3
"""Headline baseline for bench_fit: the 2-parameter SIS fit written the straightforward way a user writes
it with lmfit + numpy (the way issue 4 measured it): I(V) = trapz over a uniform energy grid (4 ueV) of
N(E) N(E+V) [f(E) - f(E+V)] at every data bias, dI/dV = np.gradient(I, V), the lock-in first harmonic
as a 16-node Gauss-Chebyshev average of np.interp of that G.
Usage: fit_baseline_lmfit_naive.py DATA.csv T_K VAC_mV REPEATS -> prints JSON {seconds_per_fit, ...}."""
import json
import sys
import time

import numpy as np
from lmfit import Parameters, minimize

KB = 8.617333262e-2  # meV/K


def dynes(E, d, g):
    z = E + 1j * g
    return np.abs(np.real(z / np.sqrt(z * z - d * d)))


def fermi(E, T):
    return 1.0 / (np.exp(np.clip(E / (KB * T), -700, 700)) + 1.0)


def sis_didv(V, d, g, T, vac, dE=0.004):
    emax = np.max(np.abs(V)) + vac + 2 * d + 30 * KB * T
    E = np.arange(-emax, emax + dE / 2, dE)
    N1, fE = dynes(E, d, g), fermi(E, T)
    I = np.array([np.trapz(N1 * dynes(E + v, d, g) * (fE - fermi(E + v, T)), E) for v in V])
    G = np.gradient(I, V)
    m = 16  # lock-in first harmonic: (2/pi) int G(V + vac cos t) sin^2 t dt
    t = np.arange(1, m + 1) * np.pi / (m + 1)
    w = np.sin(t) ** 2 * 2.0 / (m + 1)
    return sum(wk * np.interp(V + vac * np.cos(tk), V, G) for tk, wk in zip(t, w))


def main():
    path, T, vac, reps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    rows = [l for l in open(path) if not l.startswith("#")][1:]
    data = np.loadtxt(rows, delimiter=",")
    V, y = data[:, 0], data[:, 1]
    res = None
    t0 = time.perf_counter()
    for _ in range(reps):
        p = Parameters()
        p.add("delta", value=0.8, min=0.1, max=3)
        p.add("gamma", value=0.05, min=1e-3, max=1)
        res = minimize(lambda q: sis_didv(V, q["delta"].value, q["gamma"].value, T, vac) - y, p)
    dt = (time.perf_counter() - t0) / reps
    print(json.dumps({"seconds_per_fit": dt, "delta": res.params["delta"].value,
                      "gamma": res.params["gamma"].value, "nfev": res.nfev}))


if __name__ == "__main__":
    main()
