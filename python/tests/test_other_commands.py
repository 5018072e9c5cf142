"""gap, pairbreak, hanle, loop, the AFM inversion and the Ising lattice model agree with the CLI
commands of the same names on the same inputs, digit for digit."""

import numpy as np
import pytest

import sfhet
from conftest import assert_json_equal, assert_printed_equal, cli_json, cli_table, run_cli


def same_table(py, cli, what):
    assert list(py) == list(cli), f"{what}: columns {list(py)} vs CLI {list(cli)}"
    for col in cli:
        assert_printed_equal(py[col], cli[col], f"{what} {col}")


def same_scalars(py, cli, what):
    for k, v in cli.items():
        if isinstance(v, bool):
            assert bool(py[k]) == v, f"{what} {k}"
        elif isinstance(v, str):
            assert py[k] == v, f"{what} {k}"
        elif isinstance(v, (int, float)) or v is None:
            assert_json_equal(py[k], v, f"{what} {k}")


def test_gap_equals_cli():
    cli = cli_table("gap", "--Tc", "7.2K", "--T", "0:7.2:25", "--delta0", "1.2")
    assert_printed_equal(sfhet.gap("0:7.2:25", Tc="7.2K", delta0=1.2), cli["Delta_meV"], "gap")


def test_gap_fit_equals_cli(tmp_path):
    T = np.linspace(0.5, 6.5, 13)
    D = sfhet.gap(T, Tc=7.0, delta0=1.1) * (1 + 0.003 * np.cos(7 * T))
    path = tmp_path / "g.csv"
    np.savetxt(path, np.column_stack([T, D]), delimiter=",", header="T_K,Delta_meV", comments="", fmt="%.17g")
    cli = cli_json("gap", "--fit", "--data", path)
    t = sfhet.read(path)
    same_scalars(sfhet.gap_fit(t["T_K"], t["Delta_meV"]), cli, "gap fit")


@pytest.mark.parametrize("cli_args, kwargs", [
    (["--alpha", "0:0.6:13"], dict(alpha="0:0.6:13")),
    (["--zeeman", "0:0.7:8"], dict(zeeman="0:0.7:8")),
    (["--B", "0:3:7", "--D", "2cm2/s", "--orientation", "perpendicular"], dict(B="0:3:7", D="2cm2/s")),
    (["--B", "0:10:5", "--D", "1e-4", "--thickness", "5nm", "--orientation", "parallel"],
     dict(B="0:10:5", D=1e-4, thickness="5nm", orientation="parallel")),
    (["--pauli-boundary"], dict(pauli_boundary=True)),
    (["--ising-lambda", "1meV", "--T", "0.5:7:6"], dict(ising_lambda="1meV", T="0.5:7:6")),
])
def test_pairbreak_equals_cli(cli_args, kwargs):
    cli = cli_table("pairbreak", "--Tc0", "7.2", *cli_args)
    same_table(sfhet.pairbreak(7.2, **kwargs), cli, f"pairbreak {cli_args[0]}")


def test_pairbreak_fits_equal_cli(tmp_path):
    B = np.linspace(0, 2, 9)
    Tc = sfhet.pairbreak(7.0, B=B, D=1e-4)["Tc_K"] + 0.01 * np.sin(5 * B)
    path = tmp_path / "tcb.csv"
    np.savetxt(path, np.column_stack([B, Tc]), delimiter=",", header="B_T,Tc_K", comments="", fmt="%.17g")
    cli = cli_json("pairbreak", "--fit", "orbital", "--data", path)
    t = sfhet.read(path)
    same_scalars(sfhet.pairbreak_fit("orbital", t["B_T"], t["Tc_K"]), cli, "orbital fit")
    T = np.linspace(1, 6.5, 8)
    h = sfhet.pairbreak(7.0, ising_lambda=2.0, T=T)["B_T"] * (1 + 0.01 * np.cos(3 * T))
    path = tmp_path / "bc2.csv"
    np.savetxt(path, np.column_stack([T, h]), delimiter=",", header="T_K,B_T", comments="", fmt="%.17g")
    cli = cli_json("pairbreak", "--fit", "ising", "--data", path, "--Tc0", "7")
    t = sfhet.read(path)
    same_scalars(sfhet.pairbreak_fit("ising", t["T_K"], t["B_T"], Tc0=7), cli, "ising fit")


def test_hanle_equals_cli():
    cli = cli_json("hanle", "--L", "0.8um", "--D", "1e-3", "--tau", "1.1ns", "--B", "-0.6:0.6:25", "--Bv", "0.2")
    R, lam = sfhet.hanle("-0.6:0.6:25", L="0.8um", D=1e-3, tau="1.1ns", Bv=0.2)
    assert_printed_equal(R, [f"{x:.12g}" for x in cli["R_NL"]], "hanle")
    assert_json_equal(lam, cli["lambda_s_m"], "lambda_s")


def test_hanle_fit_equals_cli(data_dir):
    path = data_dir / "transport" / "hanle.csv"
    cli = cli_json("hanle", "--data", path, "--x", "B_T", "--y", "RNL_ohm", "--L", "0.8um", "--fit-bg")
    t = sfhet.read(path)
    same_scalars(sfhet.hanle_fit(t["B_T"], t["RNL_ohm"], L="0.8um", fit_bg=True), cli, "hanle fit")


@pytest.mark.parametrize("cli_args, kwargs", [
    (["--model", "sw", "--HK", "1", "--psi", "30", "--H", "1.5:-1.5:61"], dict(model="sw", HK=1, psi=30)),
    (["--preset", "mnbi2te4", "--H", "0:10:11", "--equilibrium"], dict(preset="mnbi2te4", equilibrium=True)),
    (["--model", "afm", "--HE", "2", "--HA", "0.5", "--layers", "4", "--H", "0:8:9", "--return"],
     dict(model="afm", HE=2, HA=0.5, layers=4, return_sweep=True)),
])
def test_loop_equals_cli(cli_args, kwargs):
    H = cli_args[cli_args.index("--H") + 1]
    cli = cli_table("loop", *cli_args)
    r = sfhet.loop(H, **kwargs)
    for col in ("H_T", "Mz", "Mx"):
        assert_printed_equal(r[col], cli[col], f"loop {cli_args[1]} {col}")
    js = cli_json("loop", *cli_args)
    for key in ("Hc_T", "switching_fields_T", "switching_dM", "onset_fields_T"):
        assert_printed_equal(r.meta[key], [f"{x:.12g}" for x in js[key]], f"loop {key}")
    for key, v in js.items():  # the summary: psi, closed-form fields
        if key.endswith("_T") and isinstance(v, (int, float)) and key in r.meta:
            assert_json_equal(r.meta[key], v, f"loop {key}")


def test_default_loop_and_barrier_equal_cli():
    cli = cli_table("loop", "--model", "sw", "--HK", "0.5", "--psi", "20")
    r = sfhet.loop(model="sw", HK=0.5, psi=20)
    assert_printed_equal(r["H_T"], cli["H_T"], "default H") and len(r["H_T"]) == 401
    assert_printed_equal(r["Mz"], cli["Mz"], "default loop Mz")
    js = cli_json("loop", "--model", "sw", "--HK", "1", "--H", "0.3:-0.3:7", "--barrier-at", "0")
    b = sfhet.loop("0.3:-0.3:7", model="sw", HK=1, barrier_at=0)
    assert_json_equal(b.meta["barrier"], js["barrier"], "barrier") and b.meta["barrier_unit"] == js["barrier_unit"]


def test_afm_fit_equals_cli():
    cli = cli_json("loop", "--model", "afm", "--flop", "3T", "--sat", "8T", "--flop-err", "0.1", "--sat-err", "0.2")
    same_scalars(sfhet.afm_fit("3T", "8T", 0.1, 0.2), cli, "afm fit")
    same_scalars(sfhet.loop_invert("afm", flop=3, sat=8, flop_err=0.1, sat_err=0.2), cli, "afm inversion")
    with pytest.raises(sfhet.InputError, match="no inversion"):
        sfhet.loop_invert("sw", flop=1, sat=2)


MODEL = dict(rtol=1e-3)  # a coarser Brillouin-zone cubature keeps these tests short


def test_ising_lambda_and_bands_equal_cli():
    assert_json_equal(sfhet.ising.lambda_soc(t0=30), cli_json("ising", "lambda", "--t0", "30")["lambda_soc_meV"])
    same_table(sfhet.ising.bands(n=40), cli_table("ising", "bands", "--k", "GMKG:40"), "bands")


def test_ising_gap_equals_cli():
    cli = cli_json("ising", "gap", "--T", "1.5", "--J", "0.2", "--theta", "90", "--rtol", "1e-3")
    r = sfhet.ising.gap(1.5, J=0.2, theta=90, **MODEL)
    same_scalars(r, {k: v for k, v in cli.items() if k != "solutions"}, "ising gap")
    sol = r["solutions"]
    assert list(sol["kind"]) == [s["kind"] for s in cli["solutions"]]
    assert_printed_equal(sol["delta_meV"], [f"{s['delta_meV']:.12g}" for s in cli["solutions"]], "solutions")


def test_ising_curves_equal_cli():
    same_table(sfhet.ising.tc("0,0.2", threads=2, **MODEL),
               cli_table("ising", "tc", "--J", "0,0.2", "--rtol", "1e-3"), "ising tc")
    same_table(sfhet.ising.chi("0.5,2", **MODEL), cli_table("ising", "chi", "--T", "0.5,2", "--rtol", "1e-3"),
               "ising chi")
    same_table(sfhet.ising.free_energy(1, 0.2, theta="0,90", phi="0,30", **MODEL),
               cli_table("ising", "free-energy", "--T", "1", "--J", "0.2", "--theta", "0,90", "--phi", "0,30",
                         "--rtol", "1e-3"), "ising free energy")


def test_ising_lambda_map_and_weak_soc_equal_cli():
    assert_json_equal(sfhet.ising.lambda_soc(lambda_=50), cli_json("ising", "lambda", "--lambda", "50")["lambda_soc_meV"])
    with pytest.raises(sfhet.InputError, match="exclude"):
        sfhet.ising.lambda_soc(lambda_=50, phi0=0.3)
    same_table(sfhet.ising.map("1,2", "0,0.2", "0,90", threads=2, **MODEL),
               cli_table("ising", "map", "--T", "1,2", "--J", "0,0.2", "--theta", "0,90", "--rtol", "1e-3"), "ising map")
    same_table(sfhet.ising.chi("0.5", weak_soc=True, lambda_=20, **MODEL),
               cli_table("ising", "chi", "--T", "0.5", "--weak-soc", "--lambda", "20", "--rtol", "1e-3"), "weak soc")


def test_ising_jc_equals_cli():
    same_table(sfhet.ising.jc(1, theta=[90], rtol=1e-2),
               cli_table("ising", "jc", "--T", "1", "--theta", "90", "--rtol", "1e-2"), "ising jc")


def test_model_parameters_reach_the_library():
    """A lattice parameter given changes the result as it does in the CLI (t0 enters lambda_soc)."""
    a, b = sfhet.ising.lambda_soc(), sfhet.ising.lambda_soc(t0=2 * 26.3)
    assert b == pytest.approx(2 * a, rel=1e-14)


@pytest.mark.parametrize("cli_args, kwargs", [
    (["--P1", "0.4", "--P2", "-0.3"], dict(P1=0.4, P2=-0.3)),
    (["--tmr", "0.25"], dict(tmr=0.25)),
    (["--tmr", "0.25", "--P1", "0.6"], dict(tmr=0.25, P1=0.6)),
])
def test_tmr_equals_cli(cli_args, kwargs):
    same_scalars(sfhet.tmr(**kwargs), cli_json("tmr", *cli_args), f"tmr {cli_args}")
