#!/usr/bin/env python3
"""Figures of examples/isingqc/run.sh: seed 002 Fig. 2 (a, b, c), Fig. 3(b) and the flop loops.
Usage: plots.py OUT_DIR kTc_meV"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out, kTc = sys.argv[1], float(sys.argv[2])


def table(name):
    with open(f"{out}/{name}") as f:
        rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
    return {k: [float(r[k]) for r in rows] for k in rows[0]}


bts = ["0", "0.225", "0.45", "0.67"]
colors = ["tab:blue", "tab:red", "tab:green", "tab:gray"]
gap = table("fig2_gap.csv")
fig, ax = plt.subplots(1, 3, figsize=(14, 4.2))
for i, (th, title) in enumerate([(0, r"(a) $b \parallel c$"), (90, r"(b) $b \perp c$ (along $x$)")]):
    for bt, c in zip(bts, colors):
        d = table(f"fig2_didv_th{th}_b{bt}.csv")
        ax[i].plot(d["V_mV"], d["G"], color=c, lw=1.2, label=f"$b$ = {bt} $T_c$")
    ax[i].set_xlabel("bias $eV$ (meV)")
    ax[i].set_ylabel(r"$dI/dV$ / $G_{nn}$")
    ax[i].set_title(title)
    ax[i].set_xlim(1.2, 2.4)
    ax[i].legend(loc="upper right", fontsize=8)
    ins = ax[i].inset_axes([0.14, 0.5, 0.28, 0.38])
    sel = [j for j, t in enumerate(gap["theta_deg"]) if t == th]
    ins.plot([gap["b_over_Tc"][j] for j in sel], [gap["delta_meV"][j] / kTc for j in sel], "ko-", ms=3)
    ins.set_xlabel("$b/T_c$", fontsize=7)
    ins.set_ylabel(r"$\Delta_o/T_c$", fontsize=7)
    ins.tick_params(labelsize=6)
p0, p90 = table("fig2c_th0.csv"), table("fig2c_th90.csv")
b = [x / kTc for x in p0["b_meV"]]
ax[2].plot(b, [(x - p0["peak_mV"][0]) * 1e3 for x in p0["peak_mV"]], "o-", color="tab:blue", label=r"peak shift, $b \parallel c$")
ax[2].plot(b, [(x - p90["peak_mV"][0]) * 1e3 for x in p90["peak_mV"]], "s-", color="tab:red", label=r"peak shift, $b \perp c$")
ax[2].set_xlabel("$b/T_c$")
ax[2].set_ylabel(r"peak shift ($\mu$eV)")
ax[2].set_title("(c) peak position and FWHM")
tw = ax[2].twinx()
tw.plot(b, [(x - p90["fwhm_mV"][0]) * 1e3 for x in p90["fwhm_mV"]], "^--", color="tab:green", label=r"FWHM change, $b \perp c$")
tw.plot(b, [(x - p0["fwhm_mV"][0]) * 1e3 for x in p0["fwhm_mV"]], "v--", color="tab:purple", label=r"FWHM change, $b \parallel c$")
tw.set_ylabel(r"FWHM change ($\mu$eV)")
h1, l1 = ax[2].get_legend_handles_labels()
h2, l2 = tw.get_legend_handles_labels()
ax[2].legend(h1 + h2, l1 + l2, loc="center left", fontsize=8)
fig.suptitle(r"seed 002 Fig. 2: SIS, $T = 0.5\,T_c$, $\Delta_{so} = 20\,T_c$, $\eta = T_c$, $\Gamma = 0.02\,T_c$ ($T_c$ = 6.2 K)")
fig.tight_layout()
fig.savefig(f"{out}/fig2.png", dpi=110)

fig, ax = plt.subplots(figsize=(6, 4.2))
for a, c, m in [("x", "tab:green", "o"), ("y", "tab:red", "s"), ("z", "tab:gray", "^")]:
    d = table(f"fig3b_{a}.csv")
    ax.plot(d["phi_deg"], [x / kTc for x in d["bc_meV"]], m + "-", color=c, label=f"defect spins along {a}")
ax.set_xlabel(r"field angle $\varphi_B$ from $x$ (deg)")
ax.set_ylabel(r"critical exchange field $b_c/T_c$")
ax.set_title(r"seed 002 Fig. 3(b): $T = 0.2\,T_c$, $\Delta_{so} = 20\,T_c$, $\eta_i = 0.25\,T_c$")
ax.set_xticks(range(0, 181, 30))
ax.legend()
fig.tight_layout()
fig.savefig(f"{out}/fig3b.png", dpi=110)

temps = [("1.5", "tab:blue"), ("3.5", "tab:orange"), ("5.0", "tab:gray")]
fig, axs = plt.subplots(1, 3, figsize=(13, 3.8), sharey=True)
for ax, (T, c) in zip(axs, temps):
    d = table(f"flop_T{T}.csv")
    up = [i for i, s in enumerate(d["direction"]) if s > 0]
    dn = [i for i, s in enumerate(d["direction"]) if s < 0]
    ax.plot([d["B_T"][i] for i in up], [d["gamma_eff_meV"][i] for i in up], "-", color=c, lw=2.2, label="sweep up")
    ax.plot([d["B_T"][i] for i in dn], [d["gamma_eff_meV"][i] for i in dn], "--", color="k", lw=1.2, label="sweep down")
    ax.set_xlabel("in-plane field $B$ (T)")
    ax.set_xlim(-6, 6)
    ax.set_title(f"T = {T} K" + (" (above $T_{hyst}$ = 4.21 K)" if T == "5.0" else ""))
    ax.legend(fontsize=8, loc="upper right")
axs[0].set_ylabel(r"$\Gamma_{\rm eff}$ (meV)")
fig.suptitle("defect-moment flop, default model ($T_c$ = 6.2 K): $\\Gamma_{\\rm eff} = \\Gamma_0 + \\Gamma_d\\cos^2\\vartheta$")
fig.tight_layout()
fig.savefig(f"{out}/flop.png", dpi=110)
