"""sfhet.isingqc (seed 002's quasiclassical Ising superconductor) agrees with `sfhet isingqc` on the
same inputs digit for digit, reaches its limits (BCS at b = 0, the unitary temperature in closed form)
and maps its errors to the exceptions of the CLI's exit statuses."""

import pytest

import sfhet
from conftest import assert_json_equal, assert_printed_equal, cli_json, cli_table

MODEL = dict(dso="1.5meV", theta=0, eta=0.2)
MODEL_CLI = ["--dso", "1.5meV", "--theta", "0", "--eta", "0.2"]


def same_table(py, cli, what):
    assert list(py) == list(cli), f"{what}: columns {list(py)} vs CLI {list(cli)}"
    for col in cli:
        assert_printed_equal(py[col], cli[col], f"{what} {col}")


def test_gap_equals_cli():
    cli = cli_json("isingqc", "gap", "--Tc0", "6.5", "--T", "2K", "--b", "0.5", *MODEL_CLI)
    py = sfhet.isingqc.gap(6.5, "2K", b=0.5, **MODEL)
    for k in ("delta_meV", "f_sn_N0_meV2", "Tc0_K", "T_K"):
        assert_json_equal(py[k], cli[k], k)
    sol = py["solutions"]
    assert len(sol["kind"]) == len(cli["solutions"]) >= 1
    for i, s in enumerate(cli["solutions"]):
        assert_json_equal(sol["delta_meV"][i], s["delta_meV"], f"solution {i}")
        assert_json_equal(sol["f_sn_N0_meV2"][i], s["f_sn_N0_meV2"], f"solution {i}")
        assert sol["kind"][i] == s["kind"]


@pytest.mark.parametrize("fn, cli_args, args, kwargs", [
    ("tc", ["--b", "0:2:5"], (6.5, "0:2:5"), {}),
    ("bc", ["--T", "3", "--phi", "0:60:3", "--eta_x", "0.1"], (6.5, 3, "0:60:3"), dict(eta_x=0.1)),
    ("peaks", ["--T", "1", "--b", "0:0.5:3", "--gamma", "0.05"], (6.5, 1, "0:0.5:3"), dict(gamma=0.05)),
])
def test_curves_equal_cli(fn, cli_args, args, kwargs):
    cli = cli_table("isingqc", fn, "--Tc0", "6.5", *cli_args, "--dso", "1.5meV")
    same_table(getattr(sfhet.isingqc, fn)(*args, dso="1.5meV", threads=2, **kwargs), cli, f"isingqc {fn}")


def test_flop_equals_cli():
    cli = cli_table("isingqc", "flop", "--Tc0", "6.5", "--T", "1", "--B", "-1:1:9", "--Kd", "0.05")
    same_table(sfhet.isingqc.flop(6.5, 1, B="-1:1:9", Kd=0.05), cli, "isingqc flop")
    cli = cli_json("isingqc", "flop", "--Tc0", "6.5", "--T", "1", "--B", "-2:2:41")
    py = sfhet.isingqc.flop_temps(6.5, T=1, B="-2:2:41")
    assert list(py) == list(cli)
    for k, v in cli.items():
        assert_json_equal(py[k], v, k)


def test_bcs_limit_at_zero_field():
    """b = 0 and scalar disorder only: Anderson's theorem leaves the clean BCS gap and Tc = Tc0."""
    T = 2.0
    py = sfhet.isingqc.gap(6.5, T, eta=0.3, dso=1.5)
    bcs = sfhet.gap([T], Tc=6.5)[0]
    assert py["delta_meV"] == pytest.approx(bcs, rel=1e-5)
    assert sfhet.isingqc.tc(6.5, [0.0])["Tc_K"][0] == pytest.approx(6.5, rel=1e-6)


def test_unitary_temperature_closed_form():
    """xi(T) = xi0 / sqrt(1 - T/Tc0) = Rd at T_unitary = Tc0 (1 - (xi0/Rd)^2)."""
    t = sfhet.isingqc.flop_temps(6.5, xi0="0.9nm", Rd="1.6nm")
    assert t["T_unitary_K"] == pytest.approx(6.5 * (1 - (0.9 / 1.6) ** 2), rel=1e-12)
    assert "Ep_meV" not in t


def test_errors_map_to_exceptions():
    with pytest.raises(sfhet.UsageError, match="gamma: peaks needs"):
        sfhet.isingqc.peaks(6.5, 1, [0.0])
    with pytest.raises(sfhet.RangeError, match=r"b\[1\]"):
        sfhet.isingqc.tc(6.5, [0.0, -1.0])
    with pytest.raises(sfhet.UsageError, match="soc"):
        sfhet.isingqc.gap(6.5, 1, soc="pocket")
    with pytest.raises(sfhet.InputError, match="Tc0"):
        sfhet.isingqc.tc("-1K", [0.0])
    with pytest.raises(sfhet.ComputationError, match="normal state is stable"):
        sfhet.isingqc.peaks(6.5, 1, [0.0, 3.0], gamma=0.05, dso=1.5, theta=90)
    assert issubclass(sfhet.UsageError, ValueError) and issubclass(sfhet.ComputationError, RuntimeError)


def test_flop_params_are_introspectable():
    names = [p.name for p in sfhet.params("isingqc_flop")]
    assert names == ["Kd", "Jd", "Rd", "xi0", "N0", "mud", "gamma0", "gammad"]
