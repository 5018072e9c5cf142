"""Figure of the point-contact example: data with the BTK fit, the same contact without spin
polarisation (P = 0) for comparison, and the residuals against the +-1 sigma noise band.
Usage: plot.py OUTDIR (reads curves.csv, fit.json, unpolarised.csv there; writes pointcontact.png)."""
import csv, json, sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1]
rd = lambda f: list(csv.DictReader(l for l in open(f) if not l.startswith("#")))
c, u, fit = rd(f"{out}/curves.csv"), rd(f"{out}/unpolarised.csv"), json.load(open(f"{out}/fit.json"))
V = [float(r["V_mV"]) for r in c]
fig, (a, b) = plt.subplots(2, 1, figsize=(6, 5.6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
a.plot(V, [float(r["G_data"]) for r in c], ".", ms=3, color="0.45", label="data (synthetic Nb/Co contact, 4.2 K)")
a.plot(V, [float(r["G_model"]) for r in c], "-", color="C3", lw=1.6,
       label=f"BTK fit: P = {fit['P']:.3f} ± {fit['P_err']:.3f}, Z = {fit['Z']:.3f} ± {fit['Z_err']:.3f}")
a.plot([float(r["V_mV"]) for r in u], [fit["gnn"] * float(r["G"]) for r in u], "--", color="C0", lw=1.2,
       label="same contact, P = 0")
a.set_ylabel("dI/dV (normalised)")
a.text(0.02, 0.04, f"Δ = {fit['delta']:.3f} ± {fit['delta_err']:.3f} meV\nΓ = {1e3 * fit['gamma']:.0f} ± "
       f"{1e3 * fit['gamma_err']:.0f} µeV", transform=a.transAxes, fontsize=9)
a.legend(fontsize=8, loc="upper left", frameon=False, markerscale=3)
b.plot(V, [float(r["residual"]) for r in c], ".", ms=3, color="0.3")
b.axhspan(-0.004, 0.004, color="C2", alpha=0.2, lw=0, label="noise ±1σ")
b.axhline(0, color="k", lw=0.6)
b.set_xlabel("V (mV)")
b.set_ylabel("residual")
b.legend(fontsize=8, loc="upper right", frameon=False)
fig.tight_layout()
fig.savefig(f"{out}/pointcontact.png", dpi=130)
