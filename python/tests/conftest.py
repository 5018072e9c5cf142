"""Shared fixtures of the sfhet Python tests: the package from this source tree, the CLI it is
compared with, and helpers that compare numbers the way the CLI prints them (12 significant digits)."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))  # the package of this tree, whatever is installed

import sfhet  # noqa: E402


def _cli_path():
    exe = os.environ.get("SFHET_CLI") or str(pathlib.Path(sfhet.library_path).parent / "sfhet")
    if not os.path.isfile(exe):
        exe = str(ROOT / "build" / "sfhet")
    return exe


CLI = _cli_path()


def run_cli(*args, expect=0):
    """Runs the CLI; returns (stdout, stderr); fails unless the exit status is expect."""
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert p.returncode == expect, f"sfhet {' '.join(map(str, args))}: exit {p.returncode}\n{p.stderr}"
    return p.stdout, p.stderr


def cli_table(*args):
    """A CLI table as {column: [text cells]}."""
    out, _ = run_cli(*args)
    lines = [l for l in out.splitlines() if l and not l.startswith("#")]
    head = lines[0].split(",")
    rows = [l.split(",") for l in lines[1:]]
    return {h: [r[k] for r in rows] for k, h in enumerate(head)}


def cli_json(*args):
    out, _ = run_cli(*args, "--json")
    return json.loads(out)


def printed(v):
    """A number as the CLI prints it (%.12g, no negative zero, nan for non-finite)."""
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        return "nan"
    return "%.12g" % (0.0 if v == 0 else v)


def assert_printed_equal(values, cells, what=""):
    """Every value prints exactly as the CLI printed it."""
    got = [printed(v) for v in values]
    assert got == list(cells), f"{what}: python {got[:6]} vs CLI {list(cells)[:6]}"


def assert_json_equal(value, cli_value, what=""):
    """A Python number against a CLI JSON number (parsed from its 12-digit text)."""
    if cli_value is None:
        assert value is None or value != value, f"{what}: {value} vs CLI null"
        return
    assert printed(value) == printed(cli_value), f"{what}: {printed(value)} vs CLI {printed(cli_value)}"


@pytest.fixture
def data_dir():
    return ROOT / "examples"
