"""The package loads this tree's library, describes itself, and documents every public name."""

import re

import numpy as np

import sfhet
from conftest import ROOT, run_cli


def test_version_is_the_clis():
    out, _ = run_cli("--version")
    assert sfhet.__version__ in out


def test_library_is_this_trees_build():
    assert sfhet.library_path.endswith((".so", ".so.0")), sfhet.library_path


def test_the_readme_line():
    """The line the README promises works after set-up (here from the build tree)."""
    r = sfhet.didv("sis", [0, 1.7], delta=0.86, gamma=0.08, T=1.5)
    assert isinstance(r, sfhet.DIdV) and r.G.shape == (2,) and r.G.dtype == np.float64
    assert r.G[0] < 0.1 < 2 < r.G[1]  # inside the gap and on the coherence peak (2 delta = 1.72 meV)


def test_models_and_their_parameters_are_the_clis():
    out, _ = run_cli("dos", "--models")
    ms = sfhet.models()
    assert list(ms) == out.split()
    for name, m in ms.items():
        help_text, _ = run_cli("dos", "--model", name, "--help")
        for p in m.params:
            assert re.search(rf"--{re.escape(p.name)}\b", help_text), (name, p.name)
            assert p.lo <= p.default <= p.hi, (name, p)
    delta = {p.name: p for p in ms["dynes"].params}["delta"]
    assert delta.unit == "meV" and delta.dim == "energy"


def test_junction_parameters_follow():
    ps = {p.name: p for p in sfhet.junction_params("sis", "dynes")}
    assert ps["delta2"].follows == "delta" and ps["gamma2"].follows == "gamma"
    assert ps["T"].unit == "K" and ps["vac"].unit == "mV" and ps["T"].follows is None
    assert "delta2" not in {p.name for p in sfhet.junction_params("nis")}


def test_quantities_and_ranges_parse_as_the_cli():
    assert sfhet.quantity("80ueV", "energy") == 0.08
    assert sfhet.quantity("300mK", "K") == 0.3
    assert np.array_equal(sfhet.qrange("-1:1:5", "voltage"), [-1, -0.5, 0, 0.5, 1])
    assert np.allclose(sfhet.qrange("0,10mT,0.1T", "field"), [0, 0.01, 0.1])
    assert sfhet.dims()["diffusion"] == "m2/s" and sfhet.dims()["field"] == "T"


def test_every_public_name_is_documented():
    doc = (ROOT / "docs" / "python.md").read_text()
    public = [n for n in sfhet.__all__ if not n[0].isupper() or n in ("Table", "FitResult", "SweepResult")]
    public += ["ising." + n for n in ("lambda_soc", "bands", "gap", "tc", "chi", "free_energy", "jc", "map")]
    missing = [n for n in public if f"`{n}" not in doc and f"sfhet.{n}" not in doc]
    assert not missing, f"docs/python.md does not document: {missing}"


def test_every_bound_function_is_listed():
    fns = sfhet.functions()
    for name in ("dos", "didv", "fit", "fit_eval", "read", "gap", "pairbreak", "hanle", "loop", "ising_chi"):
        assert name in fns and fns[name][0]


def test_install_puts_the_package_next_to_the_library(tmp_path):
    """`cmake --install` installs the package beside the library; it imports from a clean environment
    and loads the installed libsfhet, not the build tree's."""
    import os
    import pathlib
    import subprocess
    import sys
    build = pathlib.Path(sfhet.library_path).parent
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(tmp_path / "p")], check=True,
                   capture_output=True)
    pkg = list((tmp_path / "p").glob("lib/python3*/*-packages/sfhet/__init__.py"))
    assert len(pkg) == 1, pkg
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SFHET", "PYTHON"))}
    env["PYTHONPATH"] = str(pkg[0].parent.parent)
    code = "import sfhet; print(sfhet.library_path); print(sfhet.didv('sis', [0, 1.7], delta=0.86, gamma=0.08, T=1.5))"
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[0].startswith(str(tmp_path / "p" / "lib")) and "DIdV(G=array" in p.stdout


def test_setup_pth_makes_the_tree_importable(tmp_path):
    """scripts/install-python.sh (run by scripts/setup.sh) writes a .pth naming this tree's python/."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, SFHET_PTH_DIR=str(tmp_path))
    subprocess.run(["bash", str(ROOT / "scripts" / "install-python.sh")], env=env, check=True, capture_output=True)
    assert (tmp_path / "sfhet.pth").read_text().strip() == str(ROOT / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SFHET", "PYTHON"))}
    code = f"import site; site.addsitedir({str(tmp_path)!r}); import sfhet; print(sfhet.__file__)"
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.strip() == str(ROOT / "python" / "sfhet" / "__init__.py"), p.stderr
