#!/usr/bin/env python3
"""Synthetic measurement-like files for the transport examples (fixed seeds; parameters in comments).
Run with /usr/bin/python3 (numpy) from this directory."""
import numpy as np

rng = np.random.default_rng(2026)
muB, hbar = 9.2740100783e-24, 1.054571817e-34


def hanle_k(B, L, D, tau):
    s = 1 / tau - 1j * 2 * muB * B / hbar
    return (np.exp(-L * np.sqrt(s / D)) / (2 * np.sqrt(D * s))).real


# Hanle, seed 001 eq. 3: L = 0.8 um, D = 6.5e-3 m^2/s, tau = 0.17 ns (lambda_s = 1.05 um, sign change at
# +-0.126 T as in seed 001 Fig. 4d), amplitude 1.5 ohm, bg 0.2 ohm
B = np.linspace(-0.5, 0.5, 121)
R = 0.2 + 1.5 * hanle_k(B, 0.8e-6, 6.5e-3, 1.7e-10) / hanle_k(0.0, 0.8e-6, 6.5e-3, 1.7e-10)
np.savetxt("hanle.csv", np.c_[B, R + rng.normal(0, 0.01, B.size)], delimiter=",",
           header="B_T,RNL_ohm", comments="", fmt="%.6g")

# BKT V-I: alpha(T) = 1 + 2 exp(-2 (T - 6.3)), V = 0.5 I^alpha, 1 % noise
rows = []
for T in np.arange(5.5, 7.01, 0.25):
    a = 1 + 2 * np.exp(-2 * (T - 6.3))
    for I in np.logspace(-2, 1, 30):
        rows.append((T, I, 0.5 * I ** a * (1 + 0.01 * rng.normal())))
np.savetxt("vi.txt", rows, header="T_K I_mA V_mV", comments="", fmt="%.6g")

# Halperin-Nelson R(T): R0 = 1500 ohm, a = 1.2, T_BKT = 6.35 K, 2 ohm noise
T = np.linspace(5.5, 9.5, 60)
t = np.clip(T / 6.35 - 1, 1e-300, None)
R = np.where(T > 6.35, 1500 * np.exp(-1.2 / np.sqrt(t)), 0.0) + rng.normal(0, 2, T.size)
np.savetxt("rt.csv", np.c_[T, R], delimiter=",", header="T_K,R_ohm", comments="", fmt="%.6g")

# dV/dI(I, T): families Ic0 = 1.0, 1.3, 2.3, 2.8 mA, Tc = 6, 8, 9.5, 10.8 K, Andreev peak at 0
lor = lambda x, x0, w: 1 / (1 + ((x - x0) / w) ** 2)
rows = []
for T in np.arange(2.0, 6.01, 1.0):
    I = np.linspace(-3, 3, 601)
    y = 10 + 0.4 * I + 0.3 * I ** 2 + 3 * lor(I, 0, 0.15)
    for k, (i0, tc) in enumerate(zip([1.0, 1.3, 2.3, 2.8], [6.0, 8.0, 9.5, 10.8])):
        ic = i0 * max(0.0, 1 - (T / tc) ** 2) ** 1.5
        if ic > 0.3:
            y += (1 + 0.3 * k) * (lor(I, ic, 0.05) + lor(I, -ic, 0.05))
    rows += [(T, a, b) for a, b in zip(I, y + rng.normal(0, 0.02, I.size))]
np.savetxt("dvdi.csv", rows, delimiter=",", header="T_K,I_mA,dVdI_ohm", comments="", fmt="%.6g")

# MR loops (seed 004 Fig. 7): Bc = 0.3, 0.2, 0.08 T, dR = 0.8, 0.5, 0.2 ohm, 5 ohm B^2 background
rows = []
for T, bc, dr in [(2, 0.3, 0.8), (10, 0.2, 0.5), (20, 0.08, 0.2)]:
    for d, f in [(-1, np.linspace(1, -1, 101)), (1, np.linspace(-1, 1, 101))]:
        R = 100 + 5 * f ** 2 + 0.5 * dr * np.tanh((f - d * bc) / 0.01) + rng.normal(0, 0.005, f.size)
        rows += [(T, b, r, d) for b, r in zip(f, R)]
np.savetxt("mr.csv", rows, delimiter=",", header="T_K,B_T,R_ohm,direction", comments="", fmt="%.6g")
