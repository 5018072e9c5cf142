#!/usr/bin/python3
"""Independent generator of lab-data fixtures for sfhet's readers (tests/test_readers.c,
tests/cli_labdata.sh). Nothing here uses sfhet. Usage: make_labdata.py OUTDIR [--big-3ds PATH].

Writes, byte for byte in the layout of the instrument software (docs/data.md describes each):
  ppms_rt.dat        Quantum Design MultiVu .dat (PPMS resistivity option): [Header] with ';' comment,
                     FILEOPENTIME/BYAPP/TITLE/DATATYPE/INFO/STARTUPAXIS lines, [Data], quoted-free
                     header 'Comment,Time Stamp (sec),Temperature (K),Magnetic Field (Oe),...', an empty
                     Comment column, unmeasured columns left empty (trailing empty cells), CRLF.
                     R(T) follows Halperin-Nelson R = R0 exp(-a/sqrt(T/T_BKT - 1)) (R0 = 120 ohm,
                     a = 1.2, T_BKT = 6.1 K) times a smooth normal-state factor, 0.2 % noise.
  sts_T<T>K.dat      Nanonis bias spectroscopy .dat, a temperature series: "key<TAB>value<TAB>" header
                     (X/Y/Z, lock-in settings, 'Temperature 1>Temperature 1 (K)'), blank line, [DATA],
                     tab-separated 'Bias calc (V)', 'Current (A)', 'LI Demod 1 X (A)', ... in Nanonis
                     engineering notation (-5.00000E-3, 132.523E-12), NaN cells in a [filt] channel, CRLF.
                     dI/dV is NIS tunnelling with a Dynes DOS (delta(T) the weak-coupling BCS gap of
                     Tc = 6.5 K, solved here with scipy; gamma 20 ueV), thermally
                     smeared by numerical integration over the Fermi window (numpy), lock-in X = G_N V_ac G.
  grid.3ds           Nanonis grid .3ds: quoted header values, 'Grid dim="7 x 5"', ':HEADER_END:' then
                     big-endian float32 per pixel: Sweep Start, Sweep End, X (m), Y (m), Z (m), then the
                     channels 'Current (A)' and 'LI Demod 1 X (A)' (61 points each).
  grid_truncated.3ds the same grid cut in the middle of pixel 20.
  qcodes.db          QCoDeS SQLite (schema of qcodes.dataset.sqlite: experiments, runs with
                     run_description JSON v3, layouts, dependencies, results-<exp>-<counter>):
                     run 1 numeric (bias [V], lockin_G [S], field [T]) one row per point; run 2 array
                     parameters as numpy .npy blobs (bias, G per field step) plus a scalar field;
                     run 3 with a text parameter.
  spectra.h5         generic HDF5 (h5py): /sweep group of 1-D datasets V (units V), G (units uS), B (units
                     mT); /matrix 2-D [n x 3] with a 'columns' attribute; /table compound; /cube 3-D.
  labber.hdf5        Labber log: /Data/Data [bias points x 3 channels x 4 field entries], /Data/Channel
                     names (name, info), /Channels (name, unitPhys, ...), /Step list, /Log list, attrs.
Every fixture F also gets F.expected.csv: the columns sfhet must read from it (names as sfhet reports
them, values as Python computed them, %.17g; NaN as 'nan').
"""
import json
import math
import os
import sqlite3
import struct
import sys

import numpy as np


def eng(x, digits=6):
    """Nanonis engineering notation: mantissa in [1, 1000), exponent a multiple of 3."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0.00000E+0"
    e = int(math.floor(math.log10(abs(x)) / 3.0) * 3)
    m = x / 10.0 ** e
    if abs(m) >= 999.9995:
        e += 3
        m = x / 10.0 ** e
    dec = max(digits - 1 - int(math.floor(math.log10(abs(m)))), 0)
    return "%.*fE%+d" % (dec, m, e)


def write_expected(path, names, cols):
    with open(path + ".expected.csv", "w") as f:
        f.write(",".join('"%s"' % n for n in names) + "\n")
        for row in zip(*cols):
            f.write(",".join("nan" if v != v else "%.17g" % v for v in row) + "\n")


def ppms_rt(out):
    rng = np.random.default_rng(4)
    T = np.linspace(5.0, 9.0, 161)
    r0, a, tb = 120.0, 1.2, 6.1
    t = np.clip(T / tb - 1.0, 1e-12, None)
    R = np.where(T > tb, r0 * np.exp(-a / np.sqrt(t)), 0.0) * (1 + 0.01 * (T - 5.0))
    R = R * (1 + 0.002 * rng.standard_normal(T.size))
    lines = ["[Header]",
             "; Copyright (c) 2003-2013, Quantum Design, Inc. All rights reserved.",
             "FILEOPENTIME, 5084584.5000 03/14/2023, 10:15 AM",
             "BYAPP, Resistivity, 1.3.0 Build 9",
             "TITLE, NbSe2 flake B, R(T) cool-down",
             "DATATYPE, COMMENT,1",
             "DATATYPE, TIME,2",
             "INFO, APPNAME, Resistivity",
             "INFO, NbSe2 flake B, SAMPLE_MATERIAL",
             "INFO, 1.000000, SAMPLE_MASS",
             "STARTUPAXIS, X, 3, LINEAR, AUTO",
             "STARTUPAXIS, Y1, 6, LINEAR, AUTO",
             "[Data]",
             "Comment,Time Stamp (sec),Temperature (K),Magnetic Field (Oe),Sample Position (deg),"
             "Bridge 1 Resistance (Ohms),Bridge 1 Excitation (uA),Bridge 2 Resistance (Ohms),"
             "Bridge 2 Excitation (uA),Bridge 3 Resistance (Ohms),Bridge 3 Excitation (uA),Number of Readings,"
             "Status (code)"]
    ts = 5084590.25 + 12.5 * np.arange(T.size)
    for i in range(T.size):
        cells = ["", "%.4f" % ts[i], "%.6f" % T[i], "%.4f" % 0.0, "%.3f" % 0.0, "%.7g" % R[i], "%.4f" % 10.0,
                 "", "", "", "", "25", ""]
        lines.append(",".join(cells))
    with open(os.path.join(out, "ppms_rt.dat"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode())
    n = T.size
    write_expected(os.path.join(out, "ppms_rt.dat"),
                   ["Time Stamp (sec)", "Temperature (K)", "Magnetic Field (Oe)", "Bridge 1 Resistance (Ohms)",
                    "Bridge 2 Resistance (Ohms)"],
                   [[float("%.4f" % v) for v in ts], [float("%.6f" % v) for v in T], [0.0] * n,
                    [float("%.7g" % v) for v in R], [float("nan")] * n])


def dynes(E, delta, gamma):
    z = E + 1j * gamma
    return np.abs(np.real(z / np.sqrt(z - delta) / np.sqrt(z + delta)))


def nis_didv(V, T, delta, gamma):
    """dI/dV/G_N of an NIS junction: int N(E) (-df/dE)(E - eV) dE, numerically (kB in meV/K)."""
    kT = 8.617333262e-2 * T
    E = np.linspace(-12.0, 12.0, 48001)
    N = dynes(E, delta, gamma)
    dE = E[1] - E[0]
    G = np.empty_like(V)
    for i, v in enumerate(V):
        x = (E - v) / kT
        w = 0.25 / kT / np.cosh(0.5 * np.clip(x, -700, 700)) ** 2
        G[i] = np.sum(N * w) * dE
    return G


def bcs_gap(T, Tc):
    """Weak-coupling BCS gap [meV] from ln(D0/D) = 2 int_0^inf f(E)/E dxi, D0 = pi e^-gamma kTc (scipy)."""
    from scipy.integrate import quad
    from scipy.optimize import brentq
    kB = 8.617333262e-2
    d0 = math.pi * math.exp(-0.5772156649015329) * kB * Tc
    kT = kB * T

    def g(d):
        f = lambda xi: 1.0 / (math.sqrt(xi * xi + d * d) * (math.exp(min(math.sqrt(xi * xi + d * d) / kT, 700)) + 1))
        return math.log(d0 / d) - 2 * quad(f, 0, 50 * kT + 10 * d0, limit=200, epsabs=1e-13)[0]
    return brentq(g, 1e-9 * d0, d0, xtol=1e-14)


def nanonis_series(out):
    rng = np.random.default_rng(11)
    V_V = np.linspace(-5e-3, 5e-3, 201)
    gn_S, vac = 1.0e-6, 50e-6  # normal-state conductance, lock-in amplitude
    temps = [1.5, 2.5, 3.5, 4.5, 5.5]
    truth = []
    for T in temps:
        d = bcs_gap(T, 6.5)
        G = nis_didv(V_V * 1e3, T, d, 0.02)
        X = gn_S * vac * G * (1 + 0.003 * rng.standard_normal(V_V.size))
        I = np.cumsum(G) * (V_V[1] - V_V[0]) * gn_S
        I -= np.interp(0.0, V_V, I)
        truth.append((T, d))
        head = [("Experiment", "bias spectroscopy"), ("Date", "14.03.2023 11:%02d:07" % int(10 * T)),
                ("User", ""), ("X (m)", eng(12.5e-9)), ("Y (m)", eng(-3.25e-9)), ("Z (m)", eng(-8.1e-9)),
                ("Z offset (m)", eng(-250e-12)), ("Settling time (s)", eng(200e-6)),
                ("Integration time (s)", eng(20e-3)), ("Z-Ctrl hold", "TRUE"), ("Final Z (m)", "N/A"),
                ("Filter type", "Gaussian"), ("Order", "6"), ("Cutoff frq", ""),
                ("Lock-in>Lock-in status", "ON"), ("Lock-in>Modulated signal", "Bias (V)"),
                ("Lock-in>Frequency (Hz)", eng(877.0)), ("Lock-in>Amplitude", eng(vac)),
                ("Temperature 1>Temperature 1 (K)", eng(T)),
                ("Bias Spectroscopy>Sweep Start (V)", eng(V_V[0])), ("Bias Spectroscopy>Sweep End (V)", eng(V_V[-1])),
                ("Bias Spectroscopy>Number of sweeps", "1")]
        lines = ["%s\t%s\t" % kv for kv in head] + ["", "[DATA]",
                 "\t".join(["Bias calc (V)", "Current (A)", "LI Demod 1 X (A)", "LI Demod 1 Y (A)",
                            "LI Demod 1 X (A) [filt]"])]
        rows = []
        for i in range(V_V.size):
            filt = float("nan") if i < 2 else X[i]
            cells = [eng(V_V[i]), eng(I[i]), eng(X[i]), eng(1e-3 * X[i]), eng(filt)]
            lines.append("\t".join(cells))
            rows.append([float(c) if c != "NaN" else float("nan") for c in cells])
        name = "sts_T%.2fK.dat" % T
        with open(os.path.join(out, name), "wb") as f:
            f.write(("\r\n".join(lines) + "\r\n").encode())
        cols = list(zip(*rows))
        write_expected(os.path.join(out, name), ["Bias calc (V)", "Current (A)", "LI Demod 1 X (A)",
                                                  "LI Demod 1 Y (A)", "LI Demod 1 X (A) [filt]"], cols)
    with open(os.path.join(out, "sts_truth.csv"), "w") as f:
        f.write("T_K,delta_meV,gamma_meV\n")
        for T, d in truth:
            f.write("%.17g,%.17g,0.02\n" % (T, d))


def grid_3ds(out, nx=7, ny=5, pts=61, name="grid.3ds", cut=None):
    chans = ["Current (A)", "LI Demod 1 X (A)"]
    params = ["Sweep Start", "Sweep End", "X (m)", "Y (m)", "Z (m)"]
    head = ['Grid dim="%d x %d"' % (nx, ny),
            "Grid settings=1.000000E-9;2.000000E-9;7.000000E-9;5.000000E-9;0.000000E+0",
            'Sweep Signal="Bias (V)"', 'Fixed parameters="Sweep Start;Sweep End"',
            'Experiment parameters="X (m);Y (m);Z (m)"', "# Parameters (4 byte)=%d" % len(params),
            "Experiment size (bytes)=%d" % (4 * pts * len(chans)), "Points=%d" % pts,
            'Channels="%s"' % ";".join(chans), "Delay before measuring (s)=0.000000E+0",
            'Experiment="Grid Spectroscopy"', 'Start time="14.03.2023 12:00:00"', 'End time="14.03.2023 13:00:00"',
            "User=", 'Comment="NbSe2 map, 1.5 K"', "Lock-in>Lock-in status=ON", "Lock-in>Amplitude=50E-6",
            ":HEADER_END:"]
    body = bytearray()
    cols = {k: [] for k in ["ix", "iy", "x_m", "y_m", "Bias (V)", "Current (A)", "LI Demod 1 X (A)", "Z (m)"]}
    for p in range(nx * ny):
        ix, iy = p % nx, p // nx
        v0, v1 = -3e-3 - 1e-5 * p, 3e-3 + 2e-5 * p
        x, y, z = 1e-9 * ix, 1e-9 * iy, -8e-9 + 1e-11 * p
        bias = np.linspace(v0, v1, pts)
        cur = 1e-9 * np.tanh(bias / 1e-3) * (1 + 0.01 * p)
        lix = 5e-11 * (1 + 0.3 * np.cos(bias / 1e-3 + 0.1 * p))
        if p == 3:
            lix[5] = float("nan")
        f32 = [np.float32(v) for v in (v0, v1, x, y, z)]
        body += struct.pack(">5f", *f32)
        body += np.asarray(cur, dtype=">f4").tobytes() + np.asarray(lix, dtype=">f4").tobytes()
        b32 = float(f32[0]) + (float(f32[1]) - float(f32[0])) * np.arange(pts) / (pts - 1)
        for j in range(pts):
            cols["ix"].append(ix), cols["iy"].append(iy)
            cols["x_m"].append(float(f32[2])), cols["y_m"].append(float(f32[3]))
            cols["Bias (V)"].append(float(b32[j]))
            cols["Current (A)"].append(float(np.float32(cur[j])))
            cols["LI Demod 1 X (A)"].append(float(np.float32(lix[j])))
            cols["Z (m)"].append(float(f32[4]))
    data = ("\r\n".join(head) + "\r\n").encode() + bytes(body)
    if cut is not None:
        data = data[:len(data) - len(body) + cut]
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    if cut is None:
        write_expected(os.path.join(out, name), list(cols), list(cols.values()))
    return len(body) // (nx * ny)


def npy_blob(a):
    import io
    b = io.BytesIO()
    np.save(b, np.asarray(a))
    return b.getvalue()


def paramspec(name, label, unit, depends=(), ptype="numeric"):
    return {"name": name, "paramtype": ptype, "label": label, "unit": unit, "inferred_from": [],
            "depends_on": list(depends)}


def run_description(specs):
    base = {s["name"]: {k: s[k] for k in ("name", "paramtype", "label", "unit")} for s in specs}
    deps = {s["name"]: s["depends_on"] for s in specs if s["depends_on"]}
    indep = {d for s in specs for d in s["depends_on"]}
    stand = [s["name"] for s in specs if not s["depends_on"] and s["name"] not in indep]
    return json.dumps({"version": 3, "interdependencies": {"paramspecs": specs},
                       "interdependencies_": {"parameters": base, "dependencies": deps, "inferences": {},
                                              "standalones": stand},
                       "shapes": None})


def qcodes_db(out):
    path = os.path.join(out, "qcodes.db")
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    c = con.cursor()
    c.executescript("""
    CREATE TABLE experiments (exp_id INTEGER PRIMARY KEY, name TEXT, sample_name TEXT, start_time INTEGER,
        end_time INTEGER, run_counter INTEGER, format_string TEXT);
    CREATE TABLE runs (run_id INTEGER PRIMARY KEY, exp_id INTEGER, name TEXT, result_table_name TEXT,
        result_counter INTEGER, run_timestamp INTEGER, completed_timestamp INTEGER, is_completed BOOL,
        parameters TEXT, guid TEXT, run_description TEXT, snapshot TEXT, captured_run_id INTEGER,
        captured_counter INTEGER, parent_datasets TEXT, FOREIGN KEY(exp_id) REFERENCES experiments(exp_id));
    CREATE TABLE layouts (layout_id INTEGER PRIMARY KEY, run_id INTEGER, parameter TEXT, label TEXT,
        unit TEXT, inferred_from TEXT, FOREIGN KEY(run_id) REFERENCES runs(run_id));
    CREATE TABLE dependencies (dependent INTEGER, independent INTEGER, axis_num INTEGER);
    PRAGMA user_version = 9;
    """)
    c.execute("INSERT INTO experiments VALUES (1, 'tunnel_junction', 'NbSe2_CrBr3_J2', 1678790000, NULL, 3, "
              "'{}-{}-{}')")
    V = np.linspace(-4e-3, 4e-3, 41)
    G = 2e-6 * (1 + 0.5 * np.cos(V / 1e-3))

    def add_run(rid, name, specs, table, rows, colsql):
        c.execute("INSERT INTO runs VALUES (?, 1, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, '[]')",
                  (rid, name, table, rid, 1678790000 + rid, 1678790100 + rid,
                   ",".join(s["name"] for s in specs), "aaaaaaaa-0000-0000-0000-%012d" % rid,
                   run_description(specs), json.dumps({"station": {}}), rid, rid))
        for s in specs:
            c.execute("INSERT INTO layouts (run_id, parameter, label, unit, inferred_from) VALUES (?, ?, ?, ?, '')",
                      (rid, s["name"], s["label"], s["unit"]))
        c.execute('CREATE TABLE "%s" (id INTEGER PRIMARY KEY, %s)' % (table, colsql))
        q = ",".join("?" * len(specs))
        names = ",".join('"%s"' % s["name"] for s in specs)
        c.executemany('INSERT INTO "%s" (%s) VALUES (%s)' % (table, names, q), rows)

    s1 = [paramspec("bias", "Bias voltage", "V"), paramspec("field", "Magnetic field", "T"),
          paramspec("lockin_G", "Conductance", "S", ("bias", "field"))]
    rows1 = []
    exp1 = {"bias": [], "field": [], "lockin_G": []}
    for B in (0.0, 0.5):
        for v, g in zip(V, G * (1 + B)):
            rows1.append((float(v), B, float(g)))
            exp1["bias"].append(float(v)), exp1["field"].append(B), exp1["lockin_G"].append(float(g))
    rows1[5] = (rows1[5][0], rows1[5][1], None)
    exp1["lockin_G"][5] = float("nan")
    add_run(1, "dIdV_vs_B", s1, "results-1-1", rows1, '"bias" numeric, "field" numeric, "lockin_G" numeric')

    s2 = [paramspec("field", "Magnetic field", "T"), paramspec("bias", "Bias voltage", "V", (), "array"),
          paramspec("G", "dI/dV", "uS", ("field", "bias"), "array")]
    rows2 = []
    exp2 = {"field": [], "bias": [], "G": []}
    for B in (0.0, 0.25, 0.75):
        g = 2.0 * (1 + 0.5 * np.cos(V / 1e-3)) * (1 + B)
        rows2.append((B, npy_blob(V), npy_blob(g.astype("<f4"))))
        for v, gv in zip(V, g.astype(np.float32)):
            exp2["field"].append(B), exp2["bias"].append(float(v)), exp2["G"].append(float(gv))
    add_run(2, "buffered_sweep", s2, "results-1-2", rows2, '"field" numeric, "bias" array, "G" array')

    s3 = [paramspec("T", "Temperature", "mK"), paramspec("R", "Resistance", "Ohm", ("T",)),
          paramspec("note", "Operator note", "", (), "text")]
    rows3 = [(float(t), 100.0 + 0.01 * t, "cooldown %d" % i) for i, t in enumerate(range(50, 250, 50))]
    add_run(3, "R_vs_T", s3, "results-1-3", rows3, '"T" numeric, "R" numeric, "note" text')
    con.commit()
    con.close()
    write_expected(os.path.join(out, "qcodes.db.run1"), list(exp1), list(exp1.values()))
    write_expected(os.path.join(out, "qcodes.db.run2"), list(exp2), list(exp2.values()))


def hdf5_files(out):
    import h5py
    n = 51
    V = np.linspace(-2e-3, 2e-3, n)
    G = 3.0 + np.sin(V / 1e-3)
    B = np.full(n, 250.0)
    with h5py.File(os.path.join(out, "spectra.h5"), "w") as f:
        f.attrs["sample"] = "NbSe2 J3"
        f.attrs["temperature_K"] = 1.5
        g = f.create_group("sweep")
        g.attrs["operator"] = "helper"
        for name, data, unit in (("V", V, "V"), ("G", G, "uS"), ("B", B, "mT")):
            d = g.create_dataset(name, data=data)
            d.attrs["units"] = unit
        m = f.create_dataset("matrix", data=np.stack([V, G, B], axis=1))
        m.attrs["columns"] = np.array([b"Bias", b"Conductance", b"Field"])
        m.attrs["units"] = np.array([b"V", b"uS", b"mT"])
        t = np.zeros(n, dtype=[("V_mV", "<f8"), ("G", "<f4"), ("label", "S8")])
        t["V_mV"], t["G"], t["label"] = V * 1e3, G, b"x"
        f.create_dataset("table", data=t)
        f.create_dataset("cube", data=np.zeros((2, 3, 4)))
    write_expected(os.path.join(out, "spectra.h5.sweep"), ["B", "G", "V"], [B, G, V])
    nb, nf = 31, 4
    bias = np.linspace(-3e-3, 3e-3, nb)
    fields = np.array([0.0, 0.1, 0.2, 0.3])
    data = np.zeros((nb, 3, nf))
    for e, Bf in enumerate(fields):
        data[:, 0, e] = bias
        data[:, 1, e] = Bf
        data[:, 2, e] = 1e-6 * (1 + 0.4 * np.cos(bias / 1e-3)) * (1 + Bf)
    cn = np.array([(b"DC source - Voltage", b""), (b"Magnet - Field", b""), (b"Lock-in - Conductance", b"")],
                  dtype=[("name", "S64"), ("info", "S32")])
    ch = np.array([(b"DC source - Voltage", b"DC source", b"Voltage", b"V", b"V", 1.0, 0.0, 1.0, 10.0, -10.0),
                   (b"Magnet - Field", b"Magnet", b"Field", b"T", b"A", 1.0, 0.0, 1.0, 9.0, -9.0),
                   (b"Lock-in - Conductance", b"Lock-in", b"Conductance", b"S", b"V", 1.0, 0.0, 1.0, 1.0, -1.0)],
                  dtype=[("name", "S64"), ("instrument", "S64"), ("quantity", "S64"), ("unitPhys", "S16"),
                         ("unitInstr", "S16"), ("gain", "<f8"), ("offset", "<f8"), ("amp", "<f8"),
                         ("highLim", "<f8"), ("lowLim", "<f8")])
    with h5py.File(os.path.join(out, "labber.hdf5"), "w") as f:
        f.attrs["log_name"] = "NbSe2 field sweep"
        f.attrs["comment"] = ""
        f.attrs["creation_time"] = 1678790000.0
        f.attrs["version"] = "1.8.0"
        f.attrs["Step dimensions"] = np.array([nb, nf])
        f.create_dataset("Channels", data=ch)
        f.create_dataset("Step list", data=np.array([(b"DC source - Voltage",), (b"Magnet - Field",)],
                                                    dtype=[("channel_name", "S64")]))
        f.create_dataset("Log list", data=np.array([(b"Lock-in - Conductance",)], dtype=[("channel_name", "S64")]))
        d = f.create_group("Data")
        d.attrs["Step index"] = np.array([0, 1])
        d.attrs["Step dimensions"] = np.array([nb, nf])
        d.create_dataset("Channel names", data=cn)
        d.create_dataset("Data", data=data)
    flat = [data[:, k, :].T.reshape(-1) for k in range(3)]  # row = point + nb * entry
    write_expected(os.path.join(out, "labber.hdf5"), ["DC source - Voltage", "Magnet - Field",
                                                       "Lock-in - Conductance"], flat)


def big_3ds(path, nx=256, ny=256, pts=201):
    """The benchmark grid: 256 x 256 pixels, 201 points, 2 channels (written quickly with numpy)."""
    head = ['Grid dim="%d x %d"' % (nx, ny), 'Sweep Signal="Bias (V)"', 'Fixed parameters="Sweep Start;Sweep End"',
            'Experiment parameters="X (m);Y (m);Z (m)"', "# Parameters (4 byte)=5",
            "Experiment size (bytes)=%d" % (8 * pts), "Points=%d" % pts,
            'Channels="Current (A);LI Demod 1 X (A)"', ":HEADER_END:"]
    npx = nx * ny
    p = np.arange(npx)
    block = np.empty((npx, 5 + 2 * pts), dtype=">f4")
    block[:, 0], block[:, 1] = -5e-3, 5e-3
    block[:, 2], block[:, 3], block[:, 4] = 1e-9 * (p % nx), 1e-9 * (p // nx), -8e-9
    v = np.linspace(-5e-3, 5e-3, pts)
    block[:, 5:5 + pts] = 1e-9 * np.tanh(v / 1e-3)[None, :] * (1 + 1e-6 * p[:, None])
    block[:, 5 + pts:] = 5e-11 * (1 + 0.3 * np.cos(v / 1e-3))[None, :] * (1 + 1e-6 * p[:, None])
    with open(path, "wb") as f:
        f.write(("\r\n".join(head) + "\r\n").encode())
        f.write(block.tobytes())


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--big-3ds":
        big_3ds(sys.argv[2])
        return
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    ppms_rt(out)
    nanonis_series(out)
    stride = grid_3ds(out)
    grid_3ds(out, name="grid_truncated.3ds", cut=19 * stride + stride // 2)
    qcodes_db(out)
    hdf5_files(out)


if __name__ == "__main__":
    main()
