#!/usr/bin/python3
"""Pull experiment for `fit --normalize` (issue 14): SIS spectra on a curved normal state
G_N(V) = 3(1 + 0.02 V^2) with 1 % noise, divided by an independently noisy normal-state file, fitted for
Δ and Γ; prints the mean pull and the pull spread of Δ and Γ over NSEED seed pairs for one case.
Usage: normalize_pulls.py SFHET CASE [NSEED]   CASE: both_sigma | no_sigma
The reference spectrum is made here by `sfhet synth` (noise-free); the noise is numpy's."""
import json, os, subprocess, sys, tempfile
import numpy as np

sfhet, case = sys.argv[1], sys.argv[2]
nseed = int(sys.argv[3]) if len(sys.argv) > 3 else 40
tmp = tempfile.mkdtemp()
clean = subprocess.run([sfhet, "synth", "--junction", "sis", "--delta", "0.86meV", "--gamma", "80ueV", "--T", "1.5K",
                        "--vac", "40uV", "--V", "-4:4:201", "--noise", "0"], capture_output=True, text=True, check=True)
rows = [l for l in clean.stdout.splitlines() if l and l[0] not in "#V"]
V, G = np.array([[float(x) for x in l.split(",")[:2]] for l in rows]).T
gn = 3 * (1 + 0.02 * V * V)
sd = 0.01
pulls = []
for seed in range(nseed):
    rd, rn = np.random.default_rng(1000 + seed), np.random.default_rng(5000 + seed)
    y = gn * G + sd * gn * rd.standard_normal(V.size)
    yn = gn + sd * gn * rn.standard_normal(V.size)
    d, n = os.path.join(tmp, "d.csv"), os.path.join(tmp, "n.csv")
    with_sigma = case == "both_sigma"
    with open(d, "w") as f:
        f.write("V_mV,G,sG\n" if with_sigma else "V_mV,G\n")
        for a, b, s in zip(V, y, sd * gn):
            f.write(f"{a},{b},{s}\n" if with_sigma else f"{a},{b}\n")
    with open(n, "w") as f:
        f.write("V_mV,G,sG\n" if with_sigma else "V_mV,G\n")
        for a, b, s in zip(V, yn, sd * gn):
            f.write(f"{a},{b},{s}\n" if with_sigma else f"{a},{b}\n")
    cmd = [sfhet, "fit", "--data", d, "--normalize", n, "--junction", "sis", "--T", "1.5", "--vac", "40uV",
           "--free", "delta,gamma", "--json", "--quiet"] + (["--sigma", "sG"] if with_sigma else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"normalize_pulls: fit failed (seed {seed}): {r.stderr.strip()}")
    j = json.loads(r.stdout)
    pulls.append(((j["delta"] - 0.86) / j["delta_err"], (j["gamma"] - 0.08) / j["gamma_err"]))
p = np.array(pulls)
m, s = p.mean(axis=0), p.std(axis=0, ddof=1)
print(f"{case}: {nseed} seeds; delta pull mean {m[0]:+.2f} spread {s[0]:.2f}; gamma pull mean {m[1]:+.2f} spread {s[1]:.2f}")
