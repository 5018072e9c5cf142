"""sfhet.device against the CLI (`sfhet device`, `sfhet device --fit --json`) on the same inputs, and
the fit's recovery of known parameters from a noisy synthetic map (tests/data/README.md, "Python")."""

import json

import numpy as np
import pytest

import sfhet
from conftest import run_cli

CHAIN = dict(Tc0=7, T=1.5, lambda_=0.4, HK=0.35, eta=0.3, gamma0=0.05, vac=0.02)


def cli_chain(lam="0.4", eta="0.3"):
    """CHAIN as CLI options (lambda and eta replaceable: the fit's start values)."""
    return ["--Tc0", "7", "--T", "1.5", "--lambda", lam, "--HK", "0.35", "--eta", eta, "--gamma0", "0.05",
            "--vac", "0.02"]


def load(path):
    rows = [l for l in open(path) if not l.startswith("#")]
    cols = rows[0].strip().split(",")
    data = np.array([[float(x) if x else np.nan for x in l.strip().split(",")] for l in rows[1:]])
    return cols, data


def test_simulate_equals_cli(tmp_path):
    t = sfhet.device.simulate("0:0.6:7", "-2.5:2.5:41", sweep="up,down", **CHAIN)
    run_cli("device", "--B", "0:0.6:7", "--V", "-2.5:2.5:41", "--sweep", "up,down", *cli_chain(), "--per-field",
            tmp_path / "pf.csv", "-o", tmp_path / "map.csv")
    cols, m = load(tmp_path / "map.csv")
    assert t.columns == cols and t.nrows == 14 * 41
    np.testing.assert_allclose(t.to_array(), m, rtol=1e-10, atol=1e-11)
    cols, p = load(tmp_path / "pf.csv")
    pf = t.meta["per_field"]
    assert pf.columns == cols
    np.testing.assert_allclose(pf.to_array(), p, rtol=1e-9, atol=1e-11, equal_nan=True)
    # lambda as an equivalent field: lambda_meV = muB lambda_T
    t2 = sfhet.device.simulate("0:0.6:7", "-2.5:2.5:41", **dict(CHAIN, lambda_=f"{0.4 / 0.0578838:.9g}T"))
    np.testing.assert_allclose(t2.G, t.G[: 7 * 41], rtol=1e-6)


def test_fit_recovers_and_equals_cli(tmp_path):
    t = sfhet.device.simulate("0:0.6:7", "-2.5:2.5:61", **CHAIN)
    rng = np.random.default_rng(5)
    sigma = 0.01 * t.G
    G = t.G + sigma * rng.standard_normal(t.nrows)
    start = dict(CHAIN, lambda_=0.37, eta=0.33)
    r = sfhet.device.fit(t.B_T, t.direction, t.V_mV, G, "lambda,eta,gnn", sigma=sigma, threads=2, **start)
    assert r["converged"] and r["free"] == ["lambda", "eta", "gnn"] and r["corr"].shape == (3, 3)
    for k, truth in (("lambda", 0.4), ("eta", 0.3), ("gnn", 1.0)):
        assert abs(r[k] - truth) < 4 * r[k + "_err"], (k, r[k], r[k + "_err"])
    assert 0.7 < r["chi2_red"] < 1.3 and r["fixed"]["HK"] == 0.35
    path = tmp_path / "noisy.csv"
    np.savetxt(path, np.column_stack([t.B_T, t.direction, t.V_mV, G, sigma]), delimiter=",", fmt="%.17g",
               header="B_T,direction,V_mV,G,sigma", comments="")
    cli = ["--fit", "--data", str(path), "--sigma", "sigma", "--free", "lambda,eta,gnn", "--json", "--quiet",
           "--threads", "2", *cli_chain("0.37", "0.33")]
    out = json.loads(run_cli("device", *cli)[0])
    for k in ("lambda", "eta", "gnn", "lambda_err", "eta_err", "chi2_red"):
        assert r[k] == pytest.approx(out[k], rel=1e-9), k


def test_bad_input_names_the_argument():
    with pytest.raises(sfhet.InputError, match="sweep"):
        sfhet.device.simulate("0:1:3", "-2:2:5", sweep="sideways", **CHAIN)
    with pytest.raises(sfhet.InputError, match="free"):
        sfhet.device.fit([0, 0, 0], None, [0, 1, 2], [1, 1, 1], "", **CHAIN)
    with pytest.raises(sfhet.InputError, match="same length"):
        sfhet.device.fit([0, 0, 0], None, [0, 1], [1, 1, 1], "lambda", **CHAIN)
    with pytest.raises(sfhet.InputError, match="T"):
        sfhet.device.simulate("0:1:3", "-2:2:5", **dict(CHAIN, T=8))
