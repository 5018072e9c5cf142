"""dos and didv agree with `sfhet dos` and `sfhet didv` on the same inputs, digit for digit, for every
registered model (so models added to the library are covered without editing this file)."""

import numpy as np
import pytest

import sfhet
from conftest import assert_printed_equal, cli_table

MODELS = list(sfhet.models())


def nudged(model):
    """Every non-integer parameter moved off its default (inside the bounds), as keyword arguments."""
    out = {}
    for p in sfhet.models()[model].params:
        if p.integer:
            continue
        v = p.default * 1.1 + 0.013
        if p.lo < v < p.hi:
            out[p.name] = v
    return out


# Models whose values depend on the earlier calls of the same thread, within their stated accuracy:
# isingqc interpolates N(E) from Chebyshev panels cached per thread and parameter set, extended or
# refreshed from the previous mesh (src/isingqc/qc_mesh.c, accuracy ~1e-9), so a Python session that
# evaluated the model before can differ from a fresh CLI process by that much.
HISTORY_DEPENDENT = {"isingqc": 1e-9}


def assert_near_cli(values, cells, atol, what):
    ref = np.array([float(c) for c in cells])
    assert np.allclose(values, ref, rtol=5e-12, atol=atol), f"{what}: max |diff| {np.max(np.abs(values - ref))}"


def cli_args(params):
    return [x for k, v in params.items() for x in (f"--{k}", repr(float(v)) if not isinstance(v, str) else v)]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("nudge", [False, True])
def test_dos_equals_cli(model, nudge):
    params = nudged(model) if nudge else {}
    cli = cli_table("dos", "--model", model, "--E", "-3:3:61", *cli_args(params))
    r = sfhet.dos(model, "-3:3:61", **params)
    same = ((lambda v, c, w: assert_near_cli(v, c, HISTORY_DEPENDENT[model], w)) if model in HISTORY_DEPENDENT
            else assert_printed_equal)
    same(r.N, cli["N"], f"{model} N")
    if "N_up" in cli:
        same(r.N_up, cli["N_up"], f"{model} N_up")
        same(r.N_down, cli["N_down"], f"{model} N_down")
    else:
        assert np.array_equal(r.N_up, r.N / 2)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("junction", ["nis", "sis"])
def test_didv_equals_cli(model, junction):
    params = dict(nudged(model), T=1.5, vac=0.04)
    cli = cli_table("didv", "--junction", junction, "--model", model, "--V", "-2.5:2.5:26", *cli_args(params))
    r = sfhet.didv(junction, np.linspace(-2.5, 2.5, 26), model=model, **params)
    for col, got in (("G", r.G), ("I_mV", r.I), ("G_err", r.G_err)):
        if model in HISTORY_DEPENDENT:
            assert_near_cli(got, cli[col], HISTORY_DEPENDENT[model], f"{junction} {model} {col}")
        else:
            assert_printed_equal(got, cli[col], f"{junction} {model} {col}")


@pytest.mark.parametrize("extra", [
    {"delta2": 0.5},                       # second electrode set: no longer follows
    {"gamma2": "40ueV", "P": 0.2},
    {"vac_rms": "30uV"},                   # lock-in rms setting (vac = sqrt2 x rms)
    {"sigma_inst": 0.02, "zbp_amp": 0.1, "zbp_sigma": 0.05},
    {"accuracy": 1e-6},
])
def test_didv_options_equal_cli(extra):
    params = dict(delta="0.86meV", gamma="80ueV", T="1.5K", **extra)
    cli = cli_table("didv", "--junction", "sis", "--V", "-3:3:31",
                    *[x for k, v in params.items() for x in (f"--{k.replace('vac_rms', 'vac-rms')}", str(v))])
    r = sfhet.didv("sis", "-3:3:31", **params)
    assert_printed_equal(r.G, cli["G"], f"sis {extra} G")
    assert_printed_equal(r.I, cli["I_mV"], f"sis {extra} I")


def test_second_electrode_follows_the_first():
    """Same model on both sides: delta2 not given equals delta; given, it is its own."""
    V = np.linspace(-3, 3, 61)
    tied = sfhet.didv("sis", V, delta=0.7, gamma=0.05, T=1.5)
    both = sfhet.didv("sis", V, delta=0.7, gamma=0.05, delta2=0.7, gamma2=0.05, T=1.5)
    other = sfhet.didv("sis", V, delta=0.7, gamma=0.05, delta2=0.5, T=1.5)
    assert np.array_equal(tied.G, both.G)
    assert not np.allclose(tied.G, other.G)


def test_two_models_equal_cli():
    cli = cli_table("didv", "--junction", "sis", "--model", "dynes", "--model2", "zeeman", "--delta", "0.86",
                    "--gamma", "0.05", "--delta2", "0.6", "--gamma2", "0.03", "--h2", "0.1", "--T", "1", "--V", "-2:2:21")
    r = sfhet.didv("sis", "-2:2:21", model="dynes", model2="zeeman", delta=0.86, gamma=0.05, delta2=0.6, gamma2=0.03,
                    h2=0.1, T=1)
    assert_printed_equal(r.G, cli["G"], "dynes|zeeman G")


def test_quantity_strings_equal_numbers():
    a = sfhet.didv("sis", [0.5, 1.8], delta="860ueV", gamma="0.08 meV", T="1500mK", vac="40uV")
    b = sfhet.didv("sis", [0.5, 1.8], delta=0.86, gamma=0.08, T=1.5, vac=0.04)
    assert np.array_equal(a.G, b.G)


def test_dos_against_the_closed_form():
    """The binding returns the library's Dynes DOS: Re[z/sqrt(z^2 - delta^2)], z = E + i gamma."""
    E = np.linspace(-3, 3, 601)
    z = E + 0.05j
    ref = np.real(z / (np.sqrt(z - 0.7) * np.sqrt(z + 0.7)))
    assert np.allclose(sfhet.dos("dynes", E, delta=0.7, gamma=0.05).N, ref, rtol=1e-12, atol=1e-14)
