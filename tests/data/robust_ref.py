#!/usr/bin/python3
"""Reference values of tests/test_lsq.c (test_robust_vs_scipy): scipy.optimize.least_squares with the
robust losses on a Gaussian peak with four spikes. The data are a closed formula (no random generator)
so that the C test builds the same numbers. Prints the values typed into the test."""
import numpy as np
from scipy.optimize import least_squares

n = 101
i = np.arange(n)
x = -3 + 6.0 * i / (n - 1)
u1 = np.mod(i * 0.6180339887498949 + 0.1, 1.0)
u2 = np.mod(i * 0.4142135623730951 + 0.3, 1.0)
eps = np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)  # deterministic, roughly normal
y = 2.0 * np.exp(-0.5 * ((x - 0.3) / 0.7) ** 2) + 0.5 + 0.05 * eps
for k, d in ((10, 1.0), (37, -0.8), (64, 1.5), (90, 2.0)):
    y[k] += d
sigma = 0.05


def model(p):
    return p[0] * np.exp(-0.5 * ((x - p[1]) / p[2]) ** 2) + p[3]


for loss in ("linear", "soft_l1", "huber", "cauchy"):
    r = least_squares(lambda p: (model(p) - y) / sigma, [1.0, 0.0, 1.0, 0.0], loss=loss, f_scale=1.0,
                      x_scale="jac", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)
    print(loss, " ".join(f"{v:.12e}" for v in r.x), f"cost {r.cost:.12e}")
