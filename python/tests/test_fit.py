"""sfhet.fit gives the CLI's fit to the last printed digit (single spectra, sweeps, global fits,
sigma columns), handles the data layouts, warns and fails as the CLI does."""

import warnings

import numpy as np
import pytest

import sfhet
from conftest import assert_json_equal, assert_printed_equal, cli_json, cli_table, printed, run_cli

J = dict(junction="sis", T=1.5, vac=0.04)
JCLI = ["--junction", "sis", "--T", "1.5", "--vac", "0.04"]


@pytest.fixture(scope="module")
def spectrum(tmp_path_factory):
    path = tmp_path_factory.mktemp("fit") / "s.csv"
    run_cli("synth", *JCLI, "--delta", "0.86", "--gamma", "0.08", "--V", "-3:3:121", "--noise", "0.01", "--seed",
            "3", "--gnn", "1.03", "-o", path)
    return path


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    path = tmp_path_factory.mktemp("fit") / "sweep.csv"
    run_cli("synth", *JCLI, "--delta", "0.86", "--gamma", "0.08", "--ddelta", "0.02", "--dgamma", "0.04",
            "--Bsat", "0.4", "--B", "0:1:6", "--V", "-3:3:81", "--noise", "0.01", "--seed", "5", "--gnn", "1.02",
            "-o", path)
    return path


def compare_json(py, cli, where="json"):
    """Same keys and values; numbers as the CLI prints them."""
    assert set(py) == set(cli), f"{where}: keys {sorted(set(py) ^ set(cli))} differ"
    for k, c in cli.items():
        p = py[k]
        if isinstance(c, dict):
            compare_json(p, c, f"{where}.{k}")
        elif isinstance(c, list):
            assert len(p) == len(c), f"{where}.{k}"
            for a, b in zip(p, c):
                compare_json({"x": a}, {"x": b}, f"{where}.{k}[]")
        elif isinstance(c, (bool, str)):
            assert p == c, f"{where}.{k}: {p!r} vs CLI {c!r}"
        else:
            assert_json_equal(p, c, f"{where}.{k}")


def test_single_fit_equals_cli_to_the_last_digit(spectrum):
    cli = cli_json("fit", "--data", spectrum, *JCLI, "--free", "delta,gamma,gnn")
    t = sfhet.read(spectrum)
    r = sfhet.fit(t["V_mV"], t["G"], free=["delta", "gamma", "gnn"], **J)
    compare_json(r.json(), cli)
    assert r.converged and r.free == ["delta", "gamma", "gnn"]
    assert r.correlation.shape == (3, 3) and np.allclose(np.diag(r.correlation), 1)


def test_fit_with_given_starts_and_fixed_values_equals_cli(spectrum):
    cli = cli_json("fit", "--data", spectrum, *JCLI, "--free", "delta,gamma2", "--delta", "0.8", "--gnn", "1.03",
                   "--gamma", "0.07", "--starts", "1")
    t = sfhet.read(spectrum)
    r = sfhet.fit(t["V_mV"], t["G"], free="delta,gamma2", delta="800ueV", gnn=1.03, gamma=0.07, starts=1, **J)
    compare_json(r.json(), cli)
    assert "gamma2" in r.free  # a second-electrode parameter named free is a parameter of its own


def test_sigma_column_equals_cli(spectrum, tmp_path):
    t = sfhet.read(spectrum)
    s = 0.01 * (1 + 0.3 * np.abs(t["V_mV"]))
    path = tmp_path / "sig.csv"
    np.savetxt(path, np.column_stack([t["V_mV"], t["G"], s]), delimiter=",", header="V_mV,G,sG", comments="",
               fmt="%.17g")
    cli = cli_json("fit", "--data", path, "--sigma", "sG", *JCLI, "--free", "delta,gamma,gnn")
    d = sfhet.read(path)
    r = sfhet.fit(d["V_mV"], d["G"], sigma=d["sG"], free="delta,gamma,gnn", **J)
    compare_json(r.json(), cli)
    assert not r.errors_scaled


@pytest.mark.parametrize("shared", [None, "gnn"])
def test_sweep_equals_cli_table(sweep, shared):
    args = ["fit", "--data", sweep, "--sweep", "B_T", *JCLI, "--free", "delta,gamma", "--quiet", "--threads", "2"]
    cli = cli_table(*args, *(["--shared", shared] if shared else []))
    t = sfhet.read(sweep)
    r = sfhet.fit(t["V_mV"], t["G"], sweep=t["B_T"], free=["delta", "gamma"], shared=shared, threads=2, **J)
    tab = r.table("B_T")
    assert list(tab) == list(cli)
    for col in cli:
        assert_printed_equal(tab[col], cli[col], f"sweep {shared} {col}")
    if shared:
        assert np.all(r["gnn"] == r["gnn"][0]) and r.chi2_red_global > 0
    assert len(r) == 6 and np.allclose(r.sweep, np.linspace(0, 1, 6), rtol=0, atol=1e-12)


def test_two_d_array_equals_long_format(sweep):
    t = sfhet.read(sweep)
    long = sfhet.fit(t["V_mV"], t["G"], sweep=t["B_T"], free="delta,gamma", **J)
    B = np.unique(t["B_T"])
    G2 = np.array([t["G"][t["B_T"] == b] for b in B])
    V = t["V_mV"][t["B_T"] == B[0]]
    grid = sfhet.fit(V, G2, sweep=B, free="delta,gamma", **J)
    assert np.array_equal(long["delta"], grid["delta"]) and np.array_equal(long.errors("gamma"), grid.errors("gamma"))
    fortran = sfhet.fit(V, np.asfortranarray(G2), free="delta,gamma", **J)  # strides do not matter
    assert np.array_equal(fortran["delta"], grid["delta"]) and np.array_equal(fortran.sweep, np.arange(6))


def test_model_curve_and_evaluation(spectrum):
    t = sfhet.read(spectrum)
    r = sfhet.fit(t["V_mV"], t["G"], free="delta,gamma,gnn", **J)
    assert np.array_equal(r.model(r.V), r.curve) and np.array_equal(r.residual, r.G - r.curve)
    V = np.linspace(-4, 4, 33)
    ref = r["gnn"] * sfhet.didv("sis", V, delta=r["delta"], gamma=r["gamma"], T=1.5, vac=0.04).G
    # gnn*G(V - V0) + bg with V0 = bg = 0, within the junction's stated accuracy (didv: 1e-4 relative)
    assert np.allclose(r.model(V), ref, rtol=1e-4, atol=0)
    assert abs(r["delta"] - 0.86) < 4 * r.errors["delta"] and abs(r["gamma"] - 0.08) < 4 * r.errors["gamma"]


def test_cleaning_warns_like_the_cli(spectrum):
    t = sfhet.read(spectrum)
    V, G = t["V_mV"].copy(), t["G"].copy()
    G[5] = np.nan
    with pytest.warns(UserWarning, match="skipped 1 row"):
        r = sfhet.fit(V[::-1], G[::-1], free="delta,gamma,gnn", **J)  # reversed order is sorted
    assert r.n_points == 120 and np.all(np.diff(r.V) > 0)
    with pytest.warns(UserWarning, match="not near gnn"):
        sfhet.fit(V, 2 * G, free="delta,gamma", **J)


@pytest.mark.parametrize("kwargs, error, text", [
    (dict(free="delta"), sfhet.errors.UsageError, "T is required"),
    (dict(free="delta,nope", T=1.5), sfhet.errors.InvalidArgument, "'nope' is not a parameter"),
    (dict(free="delta", shared="gnn", T=1.5), sfhet.InputError, "shared needs a sweep"),
    (dict(free="delta", T="3meV"), sfhet.errors.UnitError, "T: unit 'meV'"),
    (dict(T=1.5), sfhet.errors.UsageError, "free is required"),
])
def test_bad_fits_raise_input_errors(spectrum, kwargs, error, text):
    t = sfhet.read(spectrum)
    with pytest.raises(error, match=text) as e:
        sfhet.fit(t["V_mV"], t["G"], junction="sis", **kwargs)
    assert isinstance(e.value, ValueError) and e.value.exit_code == 2


def test_too_few_points_is_a_data_error():
    with pytest.raises(sfhet.errors.DataError, match="need more points"):
        sfhet.fit([0, 1, 2], [1, 2, 1.5], junction="nis", free="delta,gamma,gnn", T=1)


def test_printed_helper_matches_cli_format():
    assert printed(-0.0) == "0" and printed(1.0) == "1" and printed(0.1 + 0.2) == "0.3"


@pytest.fixture(scope="module")
def spiked(spectrum, tmp_path_factory):
    """The noisy spectrum with three spikes (a robust fit should leave them out)."""
    t = sfhet.read(spectrum)
    G = t["G"].copy()
    G[[10, 60, 100]] += [0.5, -0.4, 0.6]
    path = tmp_path_factory.mktemp("fit") / "spiked.csv"
    np.savetxt(path, np.column_stack([t["V_mV"], G]), delimiter=",", header="V_mV,G", comments="", fmt="%.17g")
    return path


@pytest.mark.parametrize("cli_args, kwargs", [
    (["--loss", "huber", "--loss-scale", "2"], dict(loss="huber", loss_scale=2)),
    (["--clip", "5"], dict(clip=5)),
    (["--loss", "soft_l1", "--clip", "4", "--max-evals", "5000", "--time-limit", "60"],
     dict(loss="soft_l1", clip=4, max_evals=5000, time_limit="60000ms")),
])
def test_robust_fits_equal_cli(spiked, cli_args, kwargs):
    cli = cli_json("fit", "--data", spiked, *JCLI, "--free", "delta,gamma,gnn", *cli_args)
    t = sfhet.read(spiked)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the clip's and the misfit's warnings (checked below)
        r = sfhet.fit(t["V_mV"], t["G"], free="delta,gamma,gnn", **kwargs, **J)
    compare_json(r.json(), cli)
    if "clip" in kwargs:
        assert r.rejected.shape == r.V.shape and r.rejected.sum() == r.n_rejected
        assert set(np.flatnonzero(r.rejected)) >= {10, 60, 100}  # the spikes are among those left out


def test_clip_warns_and_sweep_table_has_n_rejected(sweep):
    args = ["fit", "--data", sweep, "--sweep", "B_T", *JCLI, "--free", "delta,gamma", "--clip", "3", "--quiet"]
    cli = cli_table(*args)
    t = sfhet.read(sweep)
    with pytest.warns(UserWarning, match="clip 3: left out"):
        r = sfhet.fit(t["V_mV"], t["G"], sweep=t["B_T"], free="delta,gamma", clip=3, **J)
    tab = r.table("B_T")
    assert list(tab) == list(cli) and "n_rejected" in tab
    for col in cli:
        assert_printed_equal(tab[col], cli[col], f"clipped sweep {col}")


def test_budget_and_misfit():
    V = np.linspace(-3, 3, 121)
    G = sfhet.didv("sis", V, delta=0.86, gamma=0.08, T=1.5).G
    with pytest.raises(sfhet.ComputationError) as e:
        sfhet.fit(V, G, junction="sis", T=1.5, free="delta,gamma", max_evals=3)
    assert e.value.exit_code == 1
    with pytest.raises(sfhet.InputError, match="unknown loss 'l2'"):
        sfhet.fit(V, G, junction="sis", T=1.5, free="delta,gamma", loss="l2")
    with pytest.raises(sfhet.errors.UsageError, match="clip: must be"):
        sfhet.fit(V, G, junction="sis", T=1.5, free="delta,gamma", clip=0.5)
    noisy = G + 0.01 * np.cos(37 * V)  # fitted with the wrong temperature: worse than the noise explains
    with pytest.warns(UserWarning, match="does not describe the data"):
        sfhet.fit(V, noisy, junction="sis", T=4.0, free="delta,gamma", delta=0.86, gamma=0.08)
