#!/usr/bin/python3
"""Compares a fitted gap map (sfhet fit --pixel output) with the truth of gen_map.py: prints the
number of pixels, how many have delta and gamma within 3 sigma of the truth, and that fraction.
Usage: check_map.py FIT TRUTH"""
import sys


def table(path):
    lines = [l.strip().split(",") for l in open(path) if l.strip() and not l.startswith("#")]
    head = lines[0]
    return {(round(float(r[0]) * 1e12), round(float(r[1]) * 1e12)): dict(zip(head, map(float, r))) for r in lines[1:]}


fit, truth = table(sys.argv[1]), table(sys.argv[2])
assert set(fit) == set(truth), "the fitted map and the truth have different pixels"
ok = 0
worst = 0.0
for key, t in truth.items():
    f = fit[key]
    z = max(abs(f["delta_meV"] - t["delta_meV"]) / f["delta_err_meV"],
            abs(f["gamma_meV"] - t["gamma_meV"]) / f["gamma_err_meV"])
    worst = max(worst, z)
    ok += f["converged"] == 1 and z < 3
print("pixels %d within_3sigma %d fraction %.4f worst_z %.2f" % (len(truth), ok, ok / len(truth), worst))
