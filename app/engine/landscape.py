"""The loss over a grid of two parameters' values around their current ones, the rest fixed."""

from dataclasses import dataclass

import numpy as np

from .losses import LOSSES
from .network import Network
from .penalties import penalty_of

Array = np.ndarray
Index = tuple[int, int, int | None]  # (layer, to, from); from None: the bias of unit `to`


def flat_index(net: Network, layer: int, to: int, source: int | None) -> int:
    """Where weights[layer][to][source] (or the bias) sits in the flat parameter layout."""
    net.check_index(layer, to, source)
    layout = net.layout
    if source is None:
        return int(layout.b_off[layer]) + to
    return int(layout.w_off[layer]) + to * net.layers[layer] + source


@dataclass
class Landscape:
    """E (the data loss plus any penalty) at xs[c], ys[r] in losses[r][c]; NaN: overflowed."""

    xs: Array  # (R,) the first parameter's values
    ys: Array  # (R,) the second parameter's values
    losses: Array  # (R, R): row r is ys[r], column c is xs[c]
    centre: tuple[float, float]  # the two current values


def landscape(
    net: Network,
    inputs: object,
    targets: object,
    x: Index,
    y: Index,
    radius: float,
    resolution: int,
) -> Landscape:
    """E on a resolution x resolution grid, each parameter within +-radius of its value."""
    i, j = flat_index(net, *x), flat_index(net, *y)
    flat = net.layout.pack(net.weights, net.biases)
    centre = (float(flat[i]), float(flat[j]))
    offsets = np.linspace(-radius, radius, resolution)
    xs, ys = centre[0] + offsets, centre[1] + offsets
    rows = net.forward(inputs).inputs  # checks the inputs once
    t = net.check_targets(targets, rows.shape[0])
    values = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)  # point r*R + c: (xs[c], ys[r])
    widest = max(net.layers) * rows.shape[0] * 3 + max(w.size for w in net.weights)
    chunk = max(1, CHUNK_BYTES // (8 * widest))
    losses = np.empty(len(values))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for at in range(0, len(values), chunk):
            losses[at : at + chunk] = _objectives(net, rows, t, (i, j), values[at : at + chunk])
    losses[~np.isfinite(losses)] = np.nan
    return Landscape(xs, ys, losses.reshape(resolution, resolution), centre)


CHUNK_BYTES = 8_000_000  # about what one chunk of grid points holds: activations, weights


def _objectives(net: Network, x: Array, t: Array, at: tuple[int, int], values: Array) -> Array:
    """E at each row of values (G, 2): flat parameters at[0], at[1] set to it, the rest fixed.

    The G points go through the forward pass together: a layer holding a varied parameter
    gets a (G, n_out, n_in) stack of weights (or (G, n_out) of biases), and every layer's
    a layer of shared weights is one matmul of every point's rows, a varied one a matmul
    per point, and E is summed over each point's (B, K) block as a single pass sums it:
    each E is a single forward pass's to the bit (tests/engine/test_landscape.py).
    """
    layout, g = net.layout, len(values)
    a = x  # (B, n_0), the same for every point until a varied layer
    weights = []
    for layer, (w, b) in enumerate(zip(net.weights, net.biases)):
        ws = _set(w, int(layout.w_off[layer]), at, values)  # (G, n_out, n_in) or None
        bs = _set(b, int(layout.b_off[layer]), at, values)  # (G, n_out) or None
        if ws is None:  # one matmul of every point's rows: (B or G x B, n_in) @ (n_in, n_out)
            z = (a.reshape(-1, a.shape[-1]) @ np.ascontiguousarray(w.T)).reshape(*a.shape[:-1], -1)
        else:  # one per point, each its own weights: (G, B, n_in) @ (G, n_in, n_out)
            z = a @ np.ascontiguousarray(ws.transpose(0, 2, 1))
        z = z + (b if bs is None else bs[:, None, :])  # (B, n_out), or (G, B, n_out)
        act = net.activation(layer).forward
        a = act(z) if z.ndim == 2 else act(z.reshape(-1, z.shape[-1])).reshape(z.shape)
        weights.append(w if ws is None else ws)
    # past the first varied layer every point has its own z and a: (G, B, n_L) at the output
    data = LOSSES[net.loss].values(z, a, t, net.output_activation)  # (G,)
    penalty = np.zeros(g)
    if net.regularization_rate:
        name, rate = net.regularization, net.regularization_rate
        each = ([m if m.ndim == 2 else m[k] for m in weights] for k in range(g))
        penalty = np.array([penalty_of(name, rate, ws) for ws in each])
    return data + penalty  # Trace.objective: the data loss plus the penalty


def _set(base: Array, offset: int, at: tuple[int, int], values: Array) -> Array | None:
    """base (a layer's weights or biases, at `offset` in the flat layout) once per point,
    with the varied parameters it holds set (y first: x wins were they the same)."""
    hits = [(k - offset, col) for col, k in ((1, at[1]), (0, at[0])) if 0 <= k - offset < base.size]
    if not hits:
        return None
    stack = np.repeat(base.reshape(1, -1), len(values), axis=0)
    for pos, col in hits:
        stack[:, pos] = values[:, col]
    return stack.reshape(len(values), *base.shape)
