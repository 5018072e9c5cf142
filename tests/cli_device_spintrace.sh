#!/usr/bin/env bash
# The device SIS of a tilted exchange field is the full spin trace Tr ρ1ρ2 ∝ NN' + S·S' (issue 17):
# (1) the isingqc spin density lies in the plane of b and c: N_up = N_down along e_φ (axis 3);
# (2) it is a vector: S_c = cos θ S_b − sin θ S_θ (axes 1, 0, 2), to the DOS accuracy;
# (3) `sfhet device` at a field below H_K equals `didv` with the same b, θ_b, Δ, whichever spin frame
#     the electrodes report in (axes 0, 2, 3: the junction forms the frame-free trace NN' + S·S'), and
#     differs from NN' + S_b S_b' (the projection on b), assembled from the same runs as
#     G − (G_θ − G_φ)_collinear = G − S_θ S_θ' via `didv --P 1` along e_θ and e_φ:
#     with a perfect filter along a the trace is 4 N_a↑ ⋆ N_a↑' (the transverse spins are projected out).
SFHET=${1:?usage: cli_device_spintrace.sh SFHET}
. "$(dirname "$0")/harness.sh"
PY=/usr/bin/python3
Q=(--model isingqc --delta 0.85 --b 0.56 --theta 60 --dso 10 --eta 4 --gamma 0.05 --E 0.5:1.6:12)
for a in 0 1 2 3; do "$SFHET" dos "${Q[@]}" --axis $a -o dos$a.csv || bad "dos --axis $a failed"; done
$PY - <<'PY' && ok || bad "isingqc spin density: not in the b-c plane or not a vector"
import numpy as np
def load(f): return np.array([[float(x) for x in l.split(",")] for l in open(f) if l[0] not in "#EVB"])
d = [load(f"dos{a}.csv") for a in range(4)]
S = [x[:, 2] - x[:, 3] for x in d]
t = np.radians(60)
assert np.max(np.abs(S[3])) < 1e-9, S[3]
assert np.max(np.abs(S[1] - (np.cos(t) * S[0] - np.sin(t) * S[2]))) < 1e-8
assert np.max(np.abs(S[2])) > 0.1  # the component the projection on b drops is not small
PY
D=(--Tc0 5.66 --T 1.5 --dso 10 --lambda 0.55 --eta 4 --HK 0.35 --gamma0 0.05 --vac 0.02 --V 0.5:2.5:21)
"$SFHET" device --B 0.2 "${D[@]}" --per-field pf.csv -o map.csv || bad "device failed"
read -r b th dl < <($PY -c "
import csv
r = [l for l in open('pf.csv') if not l.startswith('#')]
row = next(csv.DictReader(r))
print(row['b_meV'], row['theta_b_deg'], row['delta_meV'])")
for a in 0 2 3; do
  "$SFHET" didv --junction sis --model isingqc --delta "$dl" --gamma 0.05 --b "$b" --theta "$th" --dso 10 --eta 4 \
    --T 1.5 --vac 0.02 --V 0.5:2.5:21 --axis $a -o g$a.csv || bad "didv --axis $a failed"
  for P in 1 -1; do
    "$SFHET" didv --junction sis --model isingqc --delta "$dl" --gamma 0.05 --b "$b" --theta "$th" --dso 10 \
      --eta 4 --T 1.5 --vac 0.02 --V 0.5:2.5:21 --axis $a --P $P -o p$a$P.csv || bad "didv --P $P failed"
  done
done
$PY - <<'PY' && ok || bad "device G at a tilted field is not the frame-free full spin trace"
import numpy as np
def load(f): return np.array([[float(x) for x in l.split(",")] for l in open(f) if l[0] not in "#EVB"])
m = load("map.csv")[:, 2:4]
g = [load(f"g{a}.csv")[:, 1] for a in (0, 2, 3)]
for x in g:
    assert np.max(np.abs(m[:, 1] - x)) < 1e-6 * np.max(x), np.max(np.abs(m[:, 1] - x))
# collinear part along a: G_a(P=1) + G_a(P=-1) = 4 (N↑N↑' + N↓N↓') ⋆ = 2 NN' + 8 S_a S_a' (P-odd terms cancel)
c = {a: load(f"p{a}1.csv")[:, 1] + load(f"p{a}-1.csv")[:, 1] for a in (0, 2, 3)}
SS = {a: (c[a] - c[3]) / 8.0 for a in (0, 2)}  # S_a S_a' (S_φ = 0: c[3] = 2 NN')
full = c[3] / 2.0 + 4.0 * (SS[0] + SS[2])     # NN' + 4 (S_b S_b' + S_θ S_θ')
assert np.max(np.abs(m[:, 1] - full)) < 1e-6 * np.max(full), np.max(np.abs(m[:, 1] - full))
proj = c[3] / 2.0 + 4.0 * SS[0]
assert np.max(np.abs(m[:, 1] - proj)) > 0.05  # the projection on b alone is measurably different
PY
finish cli_device_spintrace
