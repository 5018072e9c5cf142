#!/usr/bin/python3
"""Field sweep of a NbSe2/CrBr3/NbSe2-like SIS junction, from Python (notebook style: run it whole,
or cell by cell in Jupyter / an editor that knows "# %%").

Loads the measured-style sweep examples/fieldsweep/data.csv (21 in-plane fields 0..1 T, 161 biases;
seed 000 Fig. 2), fits Delta(B) and Gamma(B) of every spectrum with the conductance scale gnn and the
bias offset V0 shared by all fields (a global fit) -- the fit examples/fieldsweep/run.sh does with the
CLI -- checks the result against that example's expected table and the truth, and plots it.

Usage: examples/python/fieldsweep.py [OUTDIR]   (writes OUTDIR/fieldsweep_python.png and params.csv)
"""

# %% set-up: the package of this source tree (after scripts/setup.sh a plain `import sfhet` works)
import csv
import pathlib
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "python"))

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import sfhet  # noqa: E402

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="sfhet-py-"))
OUT.mkdir(parents=True, exist_ok=True)
DATA = HERE.parent / "fieldsweep"

# %% load the sweep (long format: one row per (B, V) point) with the library's reader
t = sfhet.read(DATA / "data.csv")
print(f"{t.meta['file']}: {t.nrows} rows, columns {t.columns}")

# %% fit: SIS, T = 1.5 K, 40 uV lock-in; delta, gamma per field, gnn and V0 shared (as run.sh)
fit = sfhet.fit(t["V_mV"], t["G"], sweep=t["B_T"], junction="sis", T="1.5K", vac="40uV",
                free=["delta", "gamma"], shared=["gnn", "V0"], threads=2)
table = fit.table("B_T")
print(f"{len(fit)} spectra, joint chi2_red = {fit.chi2_red_global:.4g}, "
      f"gnn = {fit['gnn'][0]:.6f} +- {fit.errors('gnn')[0]:.2g}, V0 = {1e3 * fit['V0'][0]:.3f} uV")
with open(OUT / "params.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(table.columns)
    w.writerows(("%.12g" % x for x in row) for row in table.to_array())


# %% the same result as the CLI's fit of this sweep (expected_params.csv) and the truth (within 4 sigma)
def rows(path):
    return list(csv.DictReader(l for l in open(path) if not l.startswith("#")))


expected, truth = rows(DATA / "expected_params.csv"), rows(DATA / "truth.csv")
bad = 0
for i, (e, tr) in enumerate(zip(expected, truth)):
    for k in ("delta_meV", "gamma_meV", "gnn", "V0_mV"):
        if abs(table[k][i] - float(e[k])) > 1e-6 * max(abs(float(e[k])), 1e-3):
            print(f"B = {e['B_T']} T: {k} = {table[k][i]:.12g}, expected {e[k]}")
            bad += 1
    for k in ("delta_meV", "gamma_meV"):
        err = table[k.replace("_meV", "_err_meV")][i]
        if abs(table[k][i] - float(tr[k])) > 4 * err:
            print(f"B = {e['B_T']} T: {k} = {table[k][i]:.6g} is more than 4 sigma from the truth {tr[k]}")
            bad += 1
print(f"fieldsweep (python): {len(fit)} fields, {bad} mismatches with the CLI's table and the truth")

# %% plot: Delta(B) and Gamma(B) with 1-sigma errors and the truth; the spectra at 0 T and 1 T
B = fit.sweep
Bt = np.array([float(r["B_T"]) for r in truth])
fig, ax = plt.subplots(2, 2, figsize=(10, 7.5), constrained_layout=True)
for a, name, sym in ((ax[0, 0], "delta", r"$\Delta$"), (ax[0, 1], "gamma", r"$\Gamma$")):
    a.errorbar(B, 1e3 * fit[name], yerr=1e3 * fit.errors(name), fmt="o", ms=4, capsize=2, label="fit ± 1σ")
    a.plot(Bt, [1e3 * float(r[name + "_meV"]) for r in truth], "k--", lw=1, label="truth")
    a.set(xlabel="in-plane field B (T)", ylabel=f"{sym} (µeV)", title=f"{sym}(B), shared gnn and V0")
    a.legend()
for a, i in ((ax[1, 0], 0), (ax[1, 1], len(fit) - 1)):
    r = fit.results[i]
    V = np.linspace(r.V[0], r.V[-1], 801)
    a.plot(r.V, r.G, ".", ms=3, color="0.45", label="data")
    a.plot(V, r.model(V), "C3", lw=1.2, label="model")
    a.axhline(-0.6, color="C0", lw=0.6, ls=":")
    a.plot(r.V, r.residual * 10 - 0.6, ".", ms=2, color="C0", label="10 × residual − 0.6")
    a.set(xlabel="bias V (mV)", ylabel="dI/dV / G_nn",
          title=f"B = {r.sweep_value:g} T: Δ = {1e3 * r['delta']:.1f} ± {1e3 * r.errors['delta']:.1f} µeV, "
                f"Γ = {1e3 * r['gamma']:.1f} ± {1e3 * r.errors['gamma']:.1f} µeV")
    a.legend(loc="upper center", fontsize=8)
fig.suptitle("NbSe2/CrBr3/NbSe2-like SIS junction, T = 1.5 K, 40 µV lock-in: global fit with sfhet (Python)")
fig.savefig(OUT / "fieldsweep_python.png", dpi=120)
print(f"wrote {OUT / 'fieldsweep_python.png'} and {OUT / 'params.csv'}")
sys.exit(1 if bad else 0)
