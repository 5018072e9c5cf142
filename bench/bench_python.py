#!/usr/bin/python3
"""Benchmark of the Python binding: a 2-parameter SIS fit (delta, gamma; Dynes DOS on both sides,
T = 1.5 K, 40 uV lock-in, 241 biases, 1 % noise) through sfhet.fit against the same fit written with
lmfit and a vectorised numpy/FFT model (bench/fit_baseline_lmfit.py's sis_didv, the baseline of
bench_fit), in the same process, at equal stated accuracy: for a target model accuracy (1e-4 and 1e-6,
the largest |G - G_ref| over the biases, G_ref = sfhet at relative accuracy 1e-9; the noise is 1e-2)
each side uses its coarsest setting that meets it (sfhet's accuracy option, the numpy model's energy
step), measured and printed. Both fits start from delta = 0.8, gamma = 0.05 meV. Also prints the
per-call overhead of the binding.
Usage: bench/bench_python.py [REPEATS]   (SFHET_LIB or the build tree's libsfhet.so)"""

import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
from lmfit import Parameters, minimize  # noqa: E402

import sfhet  # noqa: E402
from fit_baseline_lmfit import sis_didv  # noqa: E402

T, VAC, DELTA, GAMMA = 1.5, 0.04, 0.86, 0.08


def timed(fn, reps):
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def coarsest(candidates, model, ref, target):
    """The first (coarsest) setting whose model is within target of ref, with its error."""
    for c in candidates:
        err = np.max(np.abs(model(c) - ref))
        if err <= target:
            return c, err
    raise SystemExit(f"bench_python: no setting reaches {target:g}")


def compare(V, G, ref, target, reps):
    acc, err_s = coarsest([3e-2, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6], lambda a: sfhet.didv(
        "sis", V, delta=DELTA, gamma=GAMMA, T=T, vac=VAC, accuracy=a).G, ref, target)
    dE, err_n = coarsest([0.016 / 2 ** k for k in range(9)], lambda d: sis_didv(V, DELTA, GAMMA, T, VAC, d), ref,
                         target)
    print(f"  at model accuracy {target:g} (max |G - G_ref|): sfhet accuracy={acc:g} gives {err_s:.1e}, "
          f"numpy/FFT dE = {1e3 * dE:g} ueV gives {err_n:.1e}")

    def ours():
        return sfhet.fit(V, G, junction="sis", T=T, vac=VAC, free="delta,gamma", delta=0.8, gamma=0.05, starts=1,
                         accuracy=acc)

    def theirs():
        p = Parameters()
        p.add("delta", value=0.8, min=0.1, max=3)
        p.add("gamma", value=0.05, min=1e-3, max=1)
        return minimize(lambda q: sis_didv(V, q["delta"].value, q["gamma"].value, T, VAC, dE) - G, p)

    t_ours, r = timed(ours, reps)
    t_lm, lm = timed(theirs, reps)
    d_lm, g_lm = lm.params["delta"].value, lm.params["gamma"].value
    print(f"    sfhet.fit (Python binding): {1e3 * t_ours:9.2f} ms per fit, delta = {r['delta']:.6f} "
          f"+- {r.errors['delta']:.1e}, gamma = {r['gamma']:.6f} +- {r.errors['gamma']:.1e} meV")
    print(f"    lmfit + numpy/FFT model:    {1e3 * t_lm:9.2f} ms per fit, delta = {d_lm:.6f}, gamma = {g_lm:.6f} meV "
          f"({lm.nfev} model evaluations)")
    print(f"    values agree within {abs(r['delta'] - d_lm) / r.errors['delta']:.2f} and "
          f"{abs(r['gamma'] - g_lm) / r.errors['gamma']:.2f} standard errors; "
          f"ratio lmfit / sfhet.fit = {t_lm / t_ours:.1f}")


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    V = np.linspace(-4, 4, 241)
    ref = sfhet.didv("sis", V, delta=DELTA, gamma=GAMMA, T=T, vac=VAC, accuracy=1e-9).G
    G = ref + 0.01 * np.random.default_rng(1).standard_normal(V.size)
    print(f"bench_python: 2-parameter SIS fit, {V.size} biases, T = {T} K, vac = {VAC} mV, noise 0.01, "
          f"best of {reps}; G_ref = sfhet at relative accuracy 1e-9")
    for target in (1e-4, 1e-6):
        compare(V, G, ref, target, reps)
    t_call, _ = timed(lambda: sfhet.dos("dynes", [0.5], delta=0.86), 2000)
    print(f"  binding overhead: one sfhet.dos call at one energy takes {1e6 * t_call:.1f} us")


if __name__ == "__main__":
    main()
