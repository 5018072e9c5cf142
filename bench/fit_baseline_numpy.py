#!/usr/bin/python3
"""Best Python baselines for bench_fit: the same 2-parameter SIS fit (Dynes DOS on both sides, T, lock-in)
with the model a competent user writes (bench/junction_numpy.py: DOS once on one grid, FFT correlations,
lock-in as a multiplication by 2 J1(w Vac)/(w Vac), grid chosen for the accuracy against the 1e-10
reference curve at the true parameters), fitted by lmfit (Levenberg-Marquardt, MINPACK) and by
scipy.optimize.least_squares (method 'lm' and 'trf'), from the same start values as sfhet.

Usage: fit_baseline_numpy.py DATA.csv T_K VAC_mV DELTA0 GAMMA0 TOL REF.csv REPEATS
REF.csv: V,G of the reference model at the true parameters (for the grid choice; the truth's Delta and
Gamma are its 3rd and 4th header fields "#delta,gamma"). Prints one JSON object per fitter.
"""
import json
import os
import sys
import time

import numpy as np
from lmfit import Parameters, minimize
from scipy.optimize import least_squares

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from junction_numpy import cheapest  # noqa: E402


def main():
    path, T, vac, d0, g0, tol, refpath, reps = sys.argv[1:9]
    T, vac, d0, g0, tol, reps = float(T), float(vac), float(d0), float(g0), float(tol), int(reps)
    rows = [l for l in open(path) if not l.startswith("#")][1:]
    data = np.loadtxt(rows, delimiter=",")
    V, y = data[:, 0], data[:, 1]
    head = open(refpath).readline().lstrip("#").split(",")
    dt, gt = float(head[0]), float(head[1])
    ref = np.loadtxt(refpath, delimiter=",", comments="#")[:, 1]
    step = (V[-1] - V[0]) / (len(V) - 1)
    relerr = lambda G: float(np.max(np.abs(G - ref) / (np.abs(ref) + 1e-3)))
    best = cheapest(dt, gt, T, vac, V[0], step, len(V), tol, relerr)
    if best is None:
        print(json.dumps({"error": "no grid reaches the accuracy"}))
        return
    curve, err, m, wkt = best
    resid = lambda d, g: curve.run(d, g) - y

    def lm_fit():
        p = Parameters()
        p.add("delta", value=d0, min=0.1, max=3)
        p.add("gamma", value=g0, min=1e-5, max=1)
        r = minimize(lambda q: resid(q["delta"].value, q["gamma"].value), p)
        return r.params["delta"].value, r.params["gamma"].value, r.nfev

    def ls_fit(method):
        def f():
            kw = {} if method == "lm" else {"bounds": ([0.1, 1e-5], [3, 1])}
            r = least_squares(lambda q: resid(q[0], q[1]), [d0, g0], method=method, **kw)
            return r.x[0], r.x[1], r.nfev
        return f

    for name, fit in (("lmfit", lm_fit), ("least_squares_lm", ls_fit("lm")), ("least_squares_trf", ls_fit("trf"))):
        t = 1e30
        for _ in range(reps):
            t0 = time.process_time()
            dd, gg, nfev = fit()
            t = min(t, time.process_time() - t0)
        print(json.dumps({"fitter": name, "seconds_per_fit": t, "delta": dd, "gamma": gg, "nfev": nfev,
                          "model_err": err, "m": m}))


if __name__ == "__main__":
    main()
