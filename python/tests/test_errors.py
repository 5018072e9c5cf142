"""Library statuses map to exceptions: exit-2 statuses to InputError (ValueError) subclasses,
exit-1 statuses to ComputationError (RuntimeError) subclasses, each carrying the library's message,
the same message the CLI prints for the same mistake."""

import pytest

import sfhet
from conftest import run_cli


def test_every_status_has_a_class_under_its_exit_class():
    raw_codes, _ = sfhet.call("statuses")
    classes = sfhet.errors.classes()
    assert len(classes) == len(raw_codes["code"]) - 1  # all but SFHET_OK
    for cls in classes.values():
        base = sfhet.InputError if cls.exit_code == 2 else sfhet.ComputationError
        assert issubclass(cls, base) and issubclass(cls, sfhet.Error)
        assert issubclass(cls, ValueError if cls.exit_code == 2 else RuntimeError)
    assert classes["SFHET_ENOCONV"] is sfhet.NoConvergence and classes["SFHET_EUNIT"] is sfhet.UnitError


def cli_message(*args):
    _, err = run_cli(*args, expect=2)
    line = [l for l in err.splitlines() if l.startswith("sfhet: error: ")]
    assert len(line) == 1, err
    return line[0][len("sfhet: error: "):]


@pytest.mark.parametrize("call, cli, cls", [
    (lambda: sfhet.dos("dynes", [0], delta="3K"), ["dos", "--delta", "3K"], sfhet.errors.UnitError),
    (lambda: sfhet.dos("dynes", [0], delta="0.8x"), ["dos", "--delta", "0.8x"], sfhet.errors.UnitError),
    (lambda: sfhet.dos("dynes", [0], gamma=-1), ["dos", "--gamma", "-1"], sfhet.errors.RangeError),
    (lambda: sfhet.gap([1], Tc="abc"), ["gap", "--Tc", "abc", "--T", "1"], sfhet.errors.ParseError),
    (lambda: sfhet.gap([1], Tc="1e400"), ["gap", "--Tc", "1e400", "--T", "1"], sfhet.errors.ParseError),
])
def test_input_errors_carry_the_clis_message(call, cli, cls):
    with pytest.raises(cls) as e:
        call()
    assert e.value.exit_code == 2 and isinstance(e.value, ValueError)
    py, c = str(e.value), cli_message(*cli)
    assert py == c.replace("--", ""), f"python: {py}\ncli:    {c}"


def test_file_errors_name_the_file(tmp_path):
    with pytest.raises(sfhet.errors.FileError, match="nothere.csv"):
        sfhet.read(tmp_path / "nothere.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("V_mV,G\n1,2\n3\n")
    with pytest.raises(sfhet.InputError, match=r"bad.csv:3"):
        sfhet.read(bad)


def test_unknown_arguments_list_the_accepted_ones():
    with pytest.raises(sfhet.errors.UsageError, match=r"unknown argument 'delta_s'.*delta, gamma") as e:
        sfhet.dos("dynes", [0], delta_s=0.3)
    assert "E" in str(e.value)
    with pytest.raises(sfhet.errors.UsageError, match="unknown model 'nope'"):
        sfhet.dos("nope", [0])
    with pytest.raises(sfhet.errors.InvalidArgument, match="unknown function"):
        sfhet.call("nope")


def test_computation_errors_are_runtime_errors():
    """A TMR of 10 with P1 = 0.1 needs |P2| > 1: no solution (the CLI exits 1 for it)."""
    _, err = run_cli("tmr", "--tmr", "10", "--P1", "0.1", expect=1)
    with pytest.raises(sfhet.NoSolution) as e:
        sfhet.tmr(tmr=10, P1=0.1)
    assert isinstance(e.value, RuntimeError) and isinstance(e.value, sfhet.ComputationError)
    assert e.value.exit_code == 1 and e.value.status_name == "SFHET_ENOSOL"
    assert err.strip() == "sfhet: error: " + str(e.value)  # the library names the CLI option here
    assert sfhet.tmr(P1=0.5, P2=0.5)["TMR"] == pytest.approx(2 * 0.25 / 0.75, rel=1e-15)


def test_errors_leave_no_state_behind():
    with pytest.raises(sfhet.Error):
        sfhet.dos("dynes", [0], delta="3K")
    assert sfhet.dos("dynes", [0], delta=0.8).N.shape == (1,)
