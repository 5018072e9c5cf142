#!/usr/bin/python3
"""Baseline for bench_fit: the same 2-parameter SIS fit (Dynes DOS on both sides, T, lock-in) written the
way a careful lmfit + numpy user would: I(V) on a fixed uniform energy grid (4 ueV) as two FFT
correlations (scipy.signal.fftconvolve), dI/dV by np.gradient, the first-harmonic lock-in average by
Gauss-Chebyshev quadrature, interpolated at the data biases.
Usage: fit_baseline_lmfit.py DATA.csv T_K VAC_mV REPEATS -> prints JSON {seconds_per_fit, delta, gamma}."""
import json
import sys
import time

import numpy as np
from lmfit import Parameters, minimize
from scipy.signal import fftconvolve

KB = 8.617333262e-2  # meV/K


def dynes(E, d, g):
    z = E + 1j * g
    return np.real(z / (np.sqrt(z - d) * np.sqrt(z + d)))


def sis_didv(V, d, g, T, vac, dE=0.004):
    """dI/dV of I(V) = int N(E) N(E+V) [f(E) - f(E+V)] dE on a fixed grid (FFT correlations)."""
    vmax = np.max(np.abs(V)) + vac + 4 * dE
    emax = vmax + 2 * d + 30 * KB * T
    E = np.arange(-emax, emax + dE / 2, dE)
    N = dynes(E, d, g)
    f = 0.5 * (1.0 - np.tanh(E / (2 * KB * T)))
    n = len(E)
    # c[k] = sum_j a[j] b[j + k] for shifts k = -(n-1)..(n-1)
    corr = lambda a, b: fftconvolve(b, a[::-1], mode="full")
    I = (corr(N * f, N) - corr(N, N * f)) * dE
    shifts = np.arange(-(n - 1), n) * dE
    keep = np.abs(shifts) <= vmax
    Vf, If = shifts[keep], I[keep]
    G = np.gradient(If, Vf)
    if vac <= 0:
        return np.interp(V, Vf, G)
    m = 16  # first harmonic: (2/pi) int G(V + vac cos t) sin^2 t dt, Gauss-Chebyshev (2nd kind)
    t = np.arange(1, m + 1) * np.pi / (m + 1)
    w = np.sin(t) ** 2 * 2.0 / (m + 1)
    return sum(wk * np.interp(V + vac * np.cos(tk), Vf, G) for tk, wk in zip(t, w))


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
