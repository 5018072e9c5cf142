"""examples/python/fieldsweep.py runs, reproduces the CLI's fit of the example sweep and draws its figure."""

import subprocess
import sys

from conftest import ROOT


def test_fieldsweep_example(tmp_path):
    p = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "fieldsweep.py"), str(tmp_path)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "21 fields, 0 mismatches" in p.stdout
    png = (tmp_path / "fieldsweep_python.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000
    assert (tmp_path / "params.csv").read_text().startswith("B_T,delta_meV,delta_err_meV")
