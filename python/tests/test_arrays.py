"""Arrays of any real dtype, byte order, stride or container are converted; bool, complex, text,
object and wrongly shaped data are rejected clearly; non-finite inputs are named."""

import numpy as np
import pytest

import sfhet

V = np.linspace(-2, 2, 9)
REF = sfhet.didv("nis", V, delta=0.8, gamma=0.05, T=1.0).G


def g(x):
    return sfhet.didv("nis", x, delta=0.8, gamma=0.05, T=1.0).G


@pytest.mark.parametrize("x", [
    V.tolist(),                                    # a list
    tuple(V),                                      # a tuple
    V.astype(">f8"),                               # big-endian
    V.astype(np.float32).astype(np.float64),       # (the float32 values, as float64)
    np.repeat(V, 3)[::3],                          # strided
    np.asfortranarray(V[:, None])[:, 0],           # a column of a Fortran array
    np.array(V, dtype=object),                     # Python floats in an object array
    np.ma.masked_array(V),                         # a masked array without masked points
])
def test_real_arrays_are_converted(x):
    assert np.array_equal(g(x), REF)


def test_float32_and_integers_are_widened():
    assert np.array_equal(g(V.astype(np.float32)), g(V.astype(np.float32).astype(np.float64)))
    assert np.array_equal(g(np.arange(-2, 3, dtype=np.int16)), g(np.arange(-2.0, 3.0)))
    assert np.array_equal(g(np.arange(0, 3, dtype=np.uint8)), g([0.0, 1.0, 2.0]))


def test_a_scalar_is_one_point():
    assert g(0.5).shape == (1,) and g(0.5)[0] == g([0.5])[0]


def test_empty_arrays_give_empty_results():
    r = sfhet.didv("nis", [], delta=0.8, T=1.0)
    assert r.G.shape == (0,) and r.I.shape == (0,)


def test_results_are_fresh_owned_float64_arrays():
    a, b = g(V), g(V)
    assert a.dtype == np.float64 and a.flags.c_contiguous and a.flags.owndata and a is not b
    a[0] = 99
    assert g(V)[0] == REF[0]


def test_input_is_not_modified():
    x = V[::-1].copy()
    before = x.copy()
    G = x * 0 + 1.1
    with pytest.warns(UserWarning, match="does not describe the data"):  # a sine is no noise: the misfit warning
        sfhet.fit(x, G + 0.01 * np.sin(7 * x), junction="nis", free="gnn", T=1.0)
    assert np.array_equal(x, before)


@pytest.mark.parametrize("x, what", [
    (np.array([True, False]), "booleans"),
    (V + 0j, "complex"),
    (np.array(["1", "2"]), "text"),
    (np.array([b"1"]), "bytes"),
    (np.array([1.0, "a"], dtype=object), "objects"),
    (np.array(["2024-01-01"], dtype="datetime64[D]"), "dates"),
])
def test_non_real_data_are_rejected(x, what):
    with pytest.raises(TypeError, match=what):
        g(x)


def test_wrong_shapes_are_rejected():
    with pytest.raises(ValueError, match="1-D"):
        g(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        sfhet.fit(np.zeros(4), np.zeros((2, 5)), junction="nis", free="gnn", T=1.0)
    with pytest.raises(ValueError, match="2-D"):
        sfhet.fit(np.zeros(4), np.zeros((2, 2, 2)), junction="nis", free="gnn", T=1.0)


def test_non_finite_inputs_are_named():
    with pytest.raises(sfhet.errors.InvalidArgument, match=r"V\[2\]: value nan is not finite"):
        g([0.0, 1.0, np.nan])
    with pytest.raises(sfhet.errors.InvalidArgument, match=r"E\[0\]: value inf"):
        sfhet.dos("dynes", [np.inf])


def test_a_range_string_is_the_clis_range():
    assert np.array_equal(g("-2:2:9"), REF)
    with pytest.raises(sfhet.errors.ParseError):
        g("-2:2:x")


def test_argument_values_are_checked():
    with pytest.raises(TypeError, match="argument delta"):
        sfhet.didv("nis", V, delta=[0.8], T=1.0)
    with pytest.raises(sfhet.errors.RangeError, match="gamma"):
        sfhet.didv("nis", V, delta=0.8, gamma=-1, T=1.0)
