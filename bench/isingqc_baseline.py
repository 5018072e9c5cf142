#!/usr/bin/python3
"""Baseline for bench_isingqc: the same equations as src/isingqc written the way a numpy user would.

Nambu-spin 4x4 matrices built from Pauli components, the matrix sign by np.linalg.eig on stacks of
matrices (V diag(sign Im lambda) V^-1), the Born self-energy by damped fixed-point iteration
(G <- G + 0.5 (F(G) - G), each energy or frequency iterated until |F - G| < 1e-11), the Matsubara gap
function summed exactly up to w = 40 max(scales) plus the same fitted 1/w^2 tail as sfhet (polygammas),
roots by scipy.optimize.brentq (Bc: the gap function at delta = 1e-3 meV, iterated to 1e-14, as the
linearised equation; its O(delta^2) error is ~1e-7).
Usage: isingqc_baseline.py dos N OUT | gap TC0 T | bc TC0 T NPHI OUT
Parameters are those of bench_isingqc.c. Prints key=value lines; times are process CPU seconds.
"""
import sys
import time

import numpy as np
from scipy.optimize import brentq
from scipy.special import polygamma

KB = 8.617333262e-2
_t = [np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])]
X = np.array([np.kron(_t[a], _t[b]) for a in range(4) for b in range(4)], dtype=complex)


def model(delta, gamma, dso, b, th, ph, eta, ej):
    th, ph = np.radians(th), np.radians(ph)
    bv = b * np.array([np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)])
    w = np.zeros(16)
    for a in range(4):
        for k in range(4):
            ea = 1 if a in (0, 3) else -1
            w[4 * a + k] = eta + sum(ej[j] * ea * (1 if k in (0, j + 1) else -1) for j in range(3))
    return dict(delta=delta, gamma=gamma, betas=[dso, -dso], bv=bv, w=w)


def lcheck(m, z, beta, G):
    c = 1j * m["w"] * G
    c[:, 12] += z
    c[:, 3] -= beta
    c[:, 13:16] -= m["bv"]
    c[:, 8] -= 1j * m["delta"]
    return np.einsum("nk,kij->nij", c, X)


def sign(L):
    lam, V = np.linalg.eig(L)
    return V @ (np.sign(lam.imag)[..., None] * np.linalg.inv(V))


def comps(M):
    return 0.25 * np.einsum("kij,nji->nk", X, M)


def scba(m, z, tol=1e-11, alpha=0.5, maxit=5000):
    G = np.zeros((len(z), 16), complex)
    G[:, 12] = 1
    act = np.arange(len(z))
    for _ in range(maxit):
        Ga = G[act]
        F = sum(comps(sign(lcheck(m, z[act], be, Ga))) for be in m["betas"]) / len(m["betas"])
        r = np.abs(F - Ga).max(axis=1)
        G[act] = Ga + alpha * (F - Ga)
        act = act[r >= tol]
        if len(act) == 0:
            break
    return G


def zeta_tail(k, N):  # sum_{n>=N} (n + 1/2)^-k
    fact = np.prod(np.arange(1, k))
    return (-1) ** k * polygamma(k - 1, N + 0.5) / fact


def gap_function(m, Tc0, T, scales, tol=1e-11):
    kT = KB * T
    tp = 2 * np.pi * kT
    N = int(np.ceil(40 * max(scales + [m["delta"], tp]) / tp))
    w = tp * (np.arange(N) + 0.5)
    wt = tp * (N + 0.5) * np.array([1.0, 2.0, 4.0])
    G = scba(m, 1j * (np.concatenate([w, wt]) + m["gamma"]), tol)
    t = 1.0 / np.concatenate([w, wt]) + G[:, 8].real / m["delta"]  # f = -G_20
    x, y = 1.0 / wt, t[N:] * wt**2
    c = np.polyfit(x, y, 2)[::-1]  # c0 + c1 x + c2 x^2
    tail = sum(c[k] / tp ** (k + 1) * zeta_tail(k + 2, N) for k in range(3))
    return np.log(T / Tc0) + tp * t[:N].sum() + tail


P_DOS = (0.86, 0.03, 0.5, 0.2, 90.0, 0.0, 0.3, [0.02, 0.01, 0.03])


def main():
    mode = sys.argv[1]
    if mode == "dos":
        n, out = int(sys.argv[2]), sys.argv[3]
        E = np.linspace(-3, 3, n) + 1.234e-4
        m = model(*P_DOS)
        t0 = time.process_time()
        G = scba(m, E + 1j * m["gamma"])
        t1 = time.process_time()
        np.savetxt(out, np.c_[E, (G[:, 0] + G[:, 12]).real], fmt="%.15g", delimiter=",")
        print(f"dos_s={t1 - t0:.6g}")
    elif mode == "gap":
        Tc0, T = float(sys.argv[2]), float(sys.argv[3])
        k = KB * Tc0
        t0 = time.process_time()
        g = lambda d: gap_function(model(d, 0.02 * k, 20 * k, 0.45 * k, 90, 0, k, [0, 0, 0]), Tc0, T,
                                   [0.45 * k, 20 * k, 0.02 * k + k])
        d = brentq(g, 0.2 * 1.764 * k, 1.2 * 1.764 * k, xtol=1e-12, rtol=1e-11)
        print(f"gap_s={time.process_time() - t0:.6g}\ngap_delta={d:.12g}")
    elif mode == "bc":
        Tc0, T, nphi, out = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        k = KB * Tc0
        phis = np.linspace(0, 180, nphi)
        t0 = time.process_time()
        bc = []
        for ph in phis:
            g = lambda b: gap_function(model(1e-3, 0.0, 20 * k, b, 90, ph, 0.0, [0.25 * k, 0, 0]), Tc0, T,
                                       [b, 20 * k, 0.25 * k], tol=1e-14)
            bc.append(brentq(g, 2 * k, 20 * k, xtol=1e-12, rtol=1e-10))
        print(f"bc_s={time.process_time() - t0:.6g}")
        np.savetxt(out, np.c_[phis, bc], fmt="%.15g", delimiter=",")


if __name__ == "__main__":
    main()
