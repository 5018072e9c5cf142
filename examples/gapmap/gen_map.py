#!/usr/bin/python3
"""Synthetic STM gap map for `sfhet fit --pixel`: N x N NIS spectra (Dynes DOS, T = 0.5 K) with
spatially varying gap and broadening and Gaussian noise, made by `sfhet synth` (one call per grid
row: the row's field sweep varies delta and gamma along x through synth's profile f(B) = (B/Bsat)^2).

    delta(x, y) = delta_row(y) + ddelta_row(y) * u(x),  gamma(x, y) = gamma_row(y) + dgamma_row(y) * u(x)
    u(x) = sin^2(pi x / L),  delta_row = 0.8 + 0.2 t,  ddelta_row = 0.25 cos(pi t),
    gamma_row = 0.03 + 0.05 t,  dgamma_row = 0.04 (1 - t),  t = y / L  (meV; L the map size)

Writes DATA (x_m,y_m,V_mV,G; positions in m, step 2 nm) and TRUTH (x_m,y_m,delta_meV,gamma_meV).
Usage: gen_map.py SFHET N DATA TRUTH [NOISE]"""
import math
import subprocess
import sys
import os
import tempfile

BSAT = 0.4


def rows(text):
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split(",")


def main():
    sfhet, n, data, truth = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    noise = sys.argv[5] if len(sys.argv) > 5 else "0.01"
    step = 2e-9
    u = [math.sin(math.pi * i / (n - 1)) ** 2 for i in range(n)]
    fields = ",".join("%.12g" % (BSAT * math.sqrt(v)) for v in u)
    with open(data, "w") as fd, open(truth, "w") as ft, tempfile.TemporaryDirectory() as tmp:
        fd.write("x_m,y_m,V_mV,G\n")
        ft.write("x_m,y_m,delta_meV,gamma_meV\n")
        for iy in range(n):
            t = iy / (n - 1)
            args = [sfhet, "synth", "--junction", "nis", "--T", "0.5K", "--V", "-2.5:2.5:101",
                    "--delta", "%.12g" % (0.8 + 0.2 * t), "--ddelta", "%.12g" % (0.25 * math.cos(math.pi * t)),
                    "--gamma", "%.12g" % (0.03 + 0.05 * t), "--dgamma", "%.12g" % (0.04 * (1 - t)),
                    "--B", fields, "--Bsat", "%g" % BSAT, "--noise", noise, "--seed", str(iy + 1),
                    "--truth", os.path.join(tmp, "truth.csv")]
            out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
            body = list(rows(out))[1:]
            per = len(body) // n
            y = iy * step
            for j, r in enumerate(body):
                fd.write("%.6g,%.6g,%s,%s\n" % ((j // per) * step, y, r[1], r[2]))
            with open(os.path.join(tmp, "truth.csv")) as tt:
                true = list(rows(tt.read()))[1:]
            for ix, r in enumerate(true):
                ft.write("%.6g,%.6g,%s,%s\n" % (ix * step, y, r[1], r[2]))


if __name__ == "__main__":
    main()
