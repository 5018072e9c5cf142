"""The GIL is released during library calls (ctypes foreign calls), so Python threads overlap with
them; concurrent calls give the serial results. Overlap is shown by events, not by timing thresholds:
a thread writes into a FIFO the library is blocked reading, and another samples a computing thread's
CPU clock inside its call."""

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import sfhet
from conftest import ROOT

FIFO_SCRIPT = r"""
import os, sys, threading
sys.path.insert(0, sys.argv[2])
import sfhet
fifo = sys.argv[1]
os.mkfifo(fifo)
out = {}
reader = threading.Thread(target=lambda: out.setdefault("t", sfhet.read(fifo)))
reader.start()
# Opening the FIFO for writing returns only once the reader thread has opened it inside the library;
# while the library then waits for data, this thread runs Python: impossible if the call held the GIL.
with open(fifo, "w") as f:
    f.write("V_mV,G\n1,2\n")
    f.flush()
    assert reader.is_alive(), "the read finished before the file was complete"
    f.write("3,4\n")
reader.join()
assert out["t"]["V_mV"].tolist() == [1.0, 3.0] and out["t"]["G"].tolist() == [2.0, 4.0]
print("overlap ok")
"""


def test_python_runs_while_the_library_blocks(tmp_path):
    p = subprocess.run([sys.executable, "-c", FIFO_SCRIPT, str(tmp_path / "fifo.csv"), str(ROOT / "python")],
                       capture_output=True, text=True, timeout=120)  # a held GIL would deadlock: timeout
    assert p.returncode == 0 and "overlap ok" in p.stdout, p.stderr


def samples_inside_a_call():
    """How many times the main thread read a worker's CPU clock while the worker was inside a library
    call (between 10 % and 90 % of the call's CPU time): with the GIL held during the call it could only
    read the clock before the call began or after it ended."""
    span, ready = {}, threading.Event()

    def work():
        ready.set()
        span["t0"] = time.thread_time()
        span["tc"] = sfhet.ising.tc("0:0.2:4", threads=1, rtol=1e-3)
        span["t1"] = time.thread_time()

    worker = threading.Thread(target=work)
    worker.start()
    ready.wait()
    clock = time.pthread_getcpuclockid(worker.ident)
    samples = []
    while worker.is_alive():
        try:
            samples.append(time.clock_gettime(clock))
        except OSError:  # the thread ended between the check and the read
            break
        time.sleep(0.002)
    worker.join()
    t0, t1 = span["t0"], span["t1"]
    assert span["tc"]["Tc_K"][0] > span["tc"]["Tc_K"][-1] > 0
    return len([s for s in samples if t0 + 0.1 * (t1 - t0) < s < t1 - 0.1 * (t1 - t0)]), len(samples)


def test_python_samples_a_thread_inside_a_long_computation():
    inside, total = samples_inside_a_call()
    assert inside >= 3, f"only {inside} of {total} clock samples fell inside the call"


def test_the_overlap_measure_sees_a_held_gil(monkeypatch):
    """The same measurement with the library loaded as ctypes.PyDLL (which keeps the GIL during calls)
    finds no sample inside the call: the test above can fail for the right reason."""
    import ctypes
    monkeypatch.setattr(sfhet._lib, "LIB", sfhet._lib.prototypes(ctypes.PyDLL(sfhet.library_path)))
    inside, total = samples_inside_a_call()
    assert inside == 0, f"{inside} of {total} samples inside a call that held the GIL"


def test_concurrent_calls_equal_serial_ones():
    V = np.linspace(-3, 3, 121)
    jobs = [dict(delta=0.7 + 0.02 * k, gamma=0.05 + 0.01 * k, T=1.0 + 0.1 * k) for k in range(8)]
    serial = [sfhet.didv("sis", V, **j).G for j in jobs]
    with ThreadPoolExecutor(4) as ex:
        parallel = list(ex.map(lambda j: sfhet.didv("sis", V, **j).G, jobs))
    assert all(np.array_equal(a, b) for a, b in zip(serial, parallel))
    data = [s * 1.01 + 0.002 * np.sin(13 * V) for s in serial]
    fits = lambda k: sfhet.fit(V, data[k], junction="sis", free="delta,gamma,gnn", T=jobs[k]["T"]).values
    with ThreadPoolExecutor(4) as ex:
        par_fits = list(ex.map(fits, range(4)))
    assert par_fits == [fits(k) for k in range(4)]


def test_errors_stay_in_their_thread():
    """Each thread sees its own library error message (sfhet_last_error is per thread)."""
    def bad(k):
        try:
            sfhet.dos("dynes", [0], delta=f"{k}K")
        except sfhet.UnitError as e:
            return str(e)
    with ThreadPoolExecutor(4) as ex:
        msgs = list(ex.map(bad, range(1, 33)))
    assert all(m.startswith("delta: unit 'K'") for m in msgs)


def test_library_loaded_with_gil_release():
    assert type(sfhet._lib.LIB).__name__ == "CDLL" and os.path.isfile(sfhet.library_path)
