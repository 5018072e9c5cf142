"""Densities of states and tunnel-junction conductance (sfhet dos, sfhet didv)."""

from . import _lib
from ._types import DIdV, DOS
from .models import values


def dos(model, E, **params):
    """N(E), N_up, N_down of a DOS model at energies E [meV] (an array or a range string such as
    "-3:3:601"), normalised to the normal state. params are the model's parameters by name (see
    sfhet.models()[model].params), numbers in their default unit or quantity strings ("80ueV").
    Models without spin splitting give N_up = N_down = N/2. Returns DOS(N, N_up, N_down)."""
    raw = _lib.call("dos", {"E": values(E, "energy", "E")}, model=model, **params)
    return DOS(raw.arrays["N"], raw.arrays["N_up"], raw.arrays["N_down"])


def didv(junction, V, model=None, model2=None, **params):
    """Conductance of a junction ("nis" or "sis") at biases V [mV] (an array or a range string), from
    the exact current integral, as `sfhet didv`: G = (dI/dV)/G_nn, I/G_nn [mV] and the estimated
    discretisation error G_err. params: the DOS parameters of the model (default dynes: delta, gamma
    [meV]) and, for sis, of the second electrode (delta2, gamma2, ...; with the same model on both
    sides each follows the first electrode's unless given), T [K] (required), vac [mV] (lock-in peak
    amplitude; or vac_rms), sigma_inst [mV], zbp_amp, zbp_sigma [mV], P, accuracy (relative, 1e-4).
    Returns DIdV(G, I, G_err)."""
    raw = _lib.call("didv", {"V": values(V, "voltage", "V")}, junction=junction, model=model, model2=model2,
                    **params)
    return DIdV(raw.arrays["G"], raw.arrays["I"], raw.arrays["G_err"])
