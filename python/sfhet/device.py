"""The device simulator (sfhet device): conductance maps G(B, V) of a NbSe2/CrBr3 junction over a
field sweep in both directions, and their fit. Calls the bound functions device and device_fit with
the CLI's option names (Tc0, T, lambda_, HK, ...); until the library binds them each raises
sfhet.Unavailable."""

from ._ext import call_if_bound
from ._types import scalars, table_from
from .models import values


def simulate(B, V, **params):
    """G on the grid of fields B [T] x biases V [mV] for both sweep directions, as `sfhet device`:
    Table B_T, direction, V_mV, G."""
    arrays = {"B": values(B, "field", "B"), "V": values(V, "voltage", "V")}
    return table_from(call_if_bound("device", arrays, **params))


def fit(B, direction, V, G, free, **params):
    """Fits the device model to a measured map (long format: B [T], direction, V [mV], G per row), as
    `sfhet device --fit --json`: {p, p_err, ..., chi2_red, converged}."""
    arrays = {"B": B, "direction": direction, "V": V, "G": G}
    return scalars(call_if_bound("device_fit", arrays, free=free if isinstance(free, str) else ",".join(free),
                                 **params))
