"""Why a step diverged: the parameters it would blow up, the units that stall, what to try."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .health import layer_norms, unit_flags

if TYPE_CHECKING:
    from .network import Gradients, Network, Trace

Array = np.ndarray
WORST_SHOWN = 5  # the parameters listed, worst first
MAX_HALVINGS = 1023  # alpha / 2^k, k <= 1023 (2^1024 overflows)
MAX_TRIALS = 21  # forward passes the search takes at most: 11 doublings, 10 bisections


def _where(net: Network, k: int) -> dict:
    """The (layer, to, from) of flat parameter k; from None for a bias."""
    layout = net.layout
    for layer, (n_in, n_out) in enumerate(zip(net.layers, net.layers[1:])):
        if layout.w_off[layer] <= k < layout.w_off[layer] + n_in * n_out:
            to, source = divmod(k - int(layout.w_off[layer]), n_in)
            return {"layer": layer, "to": int(to), "from": int(source)}
    for layer, n_out in enumerate(net.layers[1:]):
        if layout.b_off[layer] <= k < layout.b_off[layer] + n_out:
            return {"layer": layer, "to": k - int(layout.b_off[layer]), "from": None}
    raise IndexError(k)


def _lower_rate(
    net: Network, x: Array, t: Array, gradient: Array, before: float, alpha: float
) -> dict | None:
    """The largest alpha / 2^k (k <= MAX_HALVINGS) whose step on this batch is finite and
    does not raise E: k doubles until one works, then is narrowed down by bisection."""
    layout, flat = net.layout, net.layout.pack(net.weights, net.biases)

    def works(k: int) -> dict | None:
        rate = alpha / 2.0**k
        changes, optimizer = net.optimizer.changes(gradient, rate)
        params = flat + changes
        if not (np.all(np.isfinite(params)) and np.all(np.isfinite(optimizer.state))):
            return None
        after = net.with_parameters(*layout.unpack(params)).forward(x, t).objective
        if np.isfinite(after) and (not np.isfinite(before) or after <= before):
            return {
                "factor": 2.0**k,
                "learning_rate": rate,
                "loss_before": before,
                "loss_after": after,
            }
        return None

    low, high, found = 0, 1, works(1)
    while found is None and high < MAX_HALVINGS:
        low, high = high, min(2 * high, MAX_HALVINGS)
        found = works(high)
    while found is not None and high - low > 1:  # k = low fails, k = high works
        middle = (low + high) // 2
        tried = works(middle)
        low, high, found = (low, middle, tried) if tried else (middle, high, found)
    return found


def lower_rate(net: Network, x: Array, t: Array, alpha: float) -> dict | None:
    """_lower_rate for a step of `net` on the batch (x, t) at alpha."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        trace = net.forward(x, t)
        grads = net.backward(trace, t)
        gradient = net.layout.pack(grads.weights, grads.biases)
        return _lower_rate(net, trace.inputs, t, gradient, trace.objective, alpha)


def diagnosis(
    net: Network, trace: Trace, t: Array, grads: Gradients, changes: Array, alpha: float
) -> dict:
    """What a refused step would have done, as plain numbers (non-finite ones included)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _diagnosis(net, trace, t, grads, changes, alpha)


def _diagnosis(
    net: Network, trace: Trace, t: Array, grads: Gradients, changes: Array, alpha: float
) -> dict:
    layout = net.layout
    before = layout.pack(net.weights, net.biases)
    gradient = layout.pack(grads.weights, grads.biases)
    after = before + changes
    bad = ~np.isfinite(after)
    growth = np.where(bad, np.inf, np.abs(after) - np.abs(before))
    size = np.nan_to_num(np.abs(changes), nan=np.inf)
    order = np.lexsort((-np.abs(before), -size, -growth))[:WORST_SHOWN]  # last key first
    worst = [
        _where(net, int(k))
        | {
            "value": float(before[k]),
            "gradient": float(gradient[k]),
            "lr_times_gradient": float(alpha * gradient[k]),
            "change": float(changes[k]),
            "after": float(after[k]),
            "non_finite": bool(bad[k]),
        }
        for k in order
    ]
    lower = _lower_rate(net, trace.inputs, t, gradient, trace.objective, alpha)
    hidden = net.hidden_activation
    return {
        "learning_rate": alpha,
        "loss": trace.objective,
        "non_finite_parameters": int(bad.sum()),
        "worst": worst,
        "units": [vars(f) for f in unit_flags(net, trace)],
        "layers": [vars(n) for n in layer_norms(net, grads, alpha)],
        "lower_learning_rate": lower,  # None: none found, or E is already not finite
        "loss_finite": bool(np.isfinite(trace.objective)),
        "init": "he" if hidden in ("relu", "leaky_relu") else "xavier",
    }
