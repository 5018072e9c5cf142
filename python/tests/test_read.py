"""sfhet.read returns what the library's reader reads (the CLI's `inspect` agrees), for the formats
it accepts, with text columns, missing cells and the '#' metadata."""

import numpy as np
import pytest

import sfhet
from conftest import assert_json_equal, cli_json

FILES = {
    "comma.csv": "# sfhet 0.1.0\n# command: sfhet synth --seed 1\nV_mV,G\n-1,1.25\n0,0.5\n1,1.25\n",
    "tab.tsv": "V_mV\tG\tB_T\n-1\t1\t0\n1\t2\t0.5\n",
    "space.txt": "  V_mV   G\n -1   3e-1\n 1    4E2\n",
    "semi.csv": "V_mV;G\n-1;1,5\n",  # ';' separated: the decimal comma stays text
    "crlf.csv": "\ufeffV_mV,G\r\n1,2\r\n\r\n3,4\r\n",
    "missing.csv": "V_mV,G\n1,\n2,nan\n3,7\n",
    "noheader.csv": "1,2\n3,4\n",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("read")
    for name, text in FILES.items():
        (d / name).write_text(text, encoding="utf-8", newline="")
    return d


@pytest.mark.parametrize("name", ["comma.csv", "tab.tsv", "space.txt", "crlf.csv", "missing.csv", "noheader.csv"])
def test_read_agrees_with_inspect(files, name):
    path = files / name
    t = sfhet.read(path)
    cli = cli_json("inspect", "--data", path)
    assert list(t) == [c["name"] for c in cli["columns"]] and t.nrows == cli["rows"]
    for c in cli["columns"]:
        col = t[c["name"]]
        assert col.dtype == np.float64 and t.meta["missing"][c["name"]] == c["missing"]
        assert_json_equal(np.nanmin(col), c["min"], f"{name} {c['name']} min")
        assert_json_equal(np.nanmax(col), c["max"], f"{name} {c['name']} max")


def test_values_and_metadata(files):
    t = sfhet.read(files / "comma.csv")
    assert t["G"].tolist() == [1.25, 0.5, 1.25] and t.V_mV.tolist() == [-1.0, 0.0, 1.0]
    assert t.meta["header"] == {"command": "sfhet synth --seed 1"} and t.meta["comments"][0] == "sfhet 0.1.0"
    assert t.meta["lines"].tolist() == [4, 5, 6]
    assert sfhet.read(files / "space.txt")["G"].tolist() == [0.3, 400.0]
    assert sfhet.read(files / "crlf.csv").meta["lines"].tolist() == [2, 4]
    assert list(sfhet.read(files / "noheader.csv")) == ["col1", "col2"]
    m = sfhet.read(files / "missing.csv")["G"]
    assert np.isnan(m[0]) and np.isnan(m[1]) and m[2] == 7


def test_text_columns_are_kept_as_text(tmp_path):
    p = tmp_path / "labels.csv"
    p.write_text('B_T,label,G\n0,"up, first",1\n0.5,down,2\n')
    t = sfhet.read(p)
    assert t["label"].tolist() == ["up, first", "down"] and t["G"].tolist() == [1.0, 2.0]
    semi = tmp_path / "semi.csv"
    semi.write_text(FILES["semi.csv"])
    assert sfhet.read(semi)["G"].tolist() == ["1,5"]


def test_repeated_names_stay_apart(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("G,G\n1,2\n")
    t = sfhet.read(p)
    assert t["G"].tolist() == [1.0] and t["G.2"].tolist() == [2.0]


def test_a_sweep_file_feeds_the_fit(data_dir):
    t = sfhet.read(data_dir / "fieldsweep" / "data.csv")
    assert {"B_T", "V_mV", "G"} <= set(t) and t.nrows == 21 * 161
    assert "sfhet synth" in t.meta["header"]["command"]


@pytest.fixture(scope="module")
def labdata(tmp_path_factory):
    """The lab-data fixtures of the library's reader tests, from their independent generator."""
    import subprocess
    import sys
    from conftest import ROOT
    d = tmp_path_factory.mktemp("labdata")
    subprocess.run([sys.executable, str(ROOT / "tests" / "data" / "labdata" / "make_labdata.py"), str(d)],
                   check=True, capture_output=True, timeout=300)
    return d


def expected_columns(path):
    """The generator's expected table, parsed here with the csv module (not with sfhet)."""
    import csv
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return {name: np.array([float(r[k]) for r in rows[1:]]) for k, name in enumerate(rows[0])}


@pytest.mark.parametrize("name, kwargs, expected, fmt", [
    ("ppms_rt.dat", {}, "ppms_rt.dat.expected.csv", "multivu"),
    ("sts_T1.50K.dat", {}, "sts_T1.50K.dat.expected.csv", "nanonis"),
    ("grid.3ds", {}, "grid.3ds.expected.csv", "nanonis-3ds"),
    ("qcodes.db", {"run": 1}, "qcodes.db.run1.expected.csv", "qcodes"),
    ("spectra.h5:/sweep", {}, "spectra.h5.sweep.expected.csv", "hdf5"),
    ("labber.hdf5", {}, "labber.hdf5.expected.csv", "labber"),
])
def test_instrument_formats_read_through_the_binding(labdata, name, kwargs, expected, fmt):
    t = sfhet.read(str(labdata / name), **kwargs)
    assert t.meta["format"] == fmt
    for col, want in expected_columns(labdata / expected).items():
        got = t[col]
        assert got.shape == want.shape and np.array_equal(np.isnan(got), np.isnan(want)), col
        ok = ~np.isnan(want)
        assert np.allclose(got[ok], want[ok], rtol=1e-15, atol=0), col


def test_units_metadata_and_conversion(labdata):
    t = sfhet.read(labdata / "sts_T1.50K.dat")
    assert t.meta["units"]["Bias calc (V)"] == "V" and t.meta["header"]
    assert any(k.endswith("Temperature 1 (K)") for k in t.meta["header"])
    c = sfhet.read(labdata / "sts_T1.50K.dat", convert=True)
    assert c.meta["units"]["Bias calc (V)"] == "mV"
    assert np.allclose(c["Bias calc (V)"], 1e3 * t["Bias calc (V)"], rtol=1e-15)
    db = sfhet.read(labdata / "qcodes.db", list=True)
    assert [e[0] for e in db.meta["entries"]] == [1, 2, 3] and not db.columns
    with pytest.raises(sfhet.InputError, match="run"):
        sfhet.read(labdata / "qcodes.db")
