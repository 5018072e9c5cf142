#!/usr/bin/python3
"""Reference DOS values of the isingqc model from an independent implementation: the equations of
docs/isingqc.md written directly in numpy (4x4 Nambu-spin matrices from Kronecker products of Pauli
matrices, matrix sign by np.linalg.eig, V diag(sign Im lambda) V^-1, Born self-energy by damped
fixed-point iteration to |F - G| < 1e-13 started from the normal state tau3). No sfhet code is used.
Writes tests/data/isingqc_eig_ref.csv: case,E_meV,N,N_up,N_down (spin axis along b) for three
parameter sets without a closed form (in-plane and tilted fields with scalar and magnetic defects).
Usage: /usr/bin/python3 tests/data/isingqc_eig_ref.py > tests/data/isingqc_eig_ref.csv"""
import numpy as np

_t = [np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])]
X = np.array([np.kron(_t[a], _t[b]) for a in range(4) for b in range(4)], dtype=complex)
# delta, gamma, dso, b, theta, phi, eta, eta_x, eta_y, eta_z (the test's CASES, same order)
CASES = [
    (0.86, 0.03, 0.5, 0.2, 90.0, 0.0, 0.3, 0.0, 0.0, 0.0),
    (0.86, 0.04, 0.8, 0.3, 55.0, 25.0, 0.3, 0.02, 0.01, 0.03),
    (1.0, 0.02, 2.0, 0.5, 90.0, 40.0, 1.0, 0.05, 0.0, 0.02),
]


def dos(c, E):
    d, g, dso, b, th, ph, eta, ex, ey, ez = c
    th, ph = np.radians(th), np.radians(ph)
    n = np.array([np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)])
    bv, ej = b * n, [ex, ey, ez]
    w = np.array([eta + sum(ej[j] * (1 if a in (0, 3) else -1) * (1 if k in (0, j + 1) else -1)
                            for j in range(3)) for a in range(4) for k in range(4)])
    z = E + 1j * g
    G = np.zeros((len(E), 16), complex)
    G[:, 12] = 1
    for _ in range(20000):
        F = 0
        for beta in (dso, -dso):
            cm = 1j * w * G
            cm[:, 12] += z
            cm[:, 3] -= beta
            cm[:, 13:16] -= bv
            cm[:, 8] -= 1j * d
            L = np.einsum("nk,kij->nij", cm, X)
            lam, V = np.linalg.eig(L)
            S = V @ (np.sign(lam.imag)[..., None] * np.linalg.inv(V))
            F = F + 0.25 * np.einsum("kij,nji->nk", X, S) / 2
        r = np.abs(F - G).max()
        G = G + 0.5 * (F - G)
        if r < 1e-13:
            break
    t = (G[:, 0] + G[:, 12]).real
    s = sum(n[k] * (G[:, 1 + k] + G[:, 13 + k]).real for k in range(3))
    return t, 0.5 * (t + s), 0.5 * (t - s)


print("case,E_meV,N,N_up,N_down")
E = np.linspace(-2.5, 2.5, 41) + 1.234e-4
for i, c in enumerate(CASES):
    N, up, dn = dos(c, E)
    for k in range(len(E)):
        print(f"{i},{E[k]:.10g},{N[k]:.15g},{up[k]:.15g},{dn[k]:.15g}")
