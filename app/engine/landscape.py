"""The loss over a grid of two parameters' values around their current ones, the rest fixed."""

from dataclasses import dataclass

import numpy as np

from .network import Network

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
    layout = net.layout
    flat = layout.pack(net.weights, net.biases)
    centre = (float(flat[i]), float(flat[j]))
    offsets = np.linspace(-radius, radius, resolution)
    xs, ys = centre[0] + offsets, centre[1] + offsets
    weights, biases = layout.views(flat)  # views: setting flat[i] moves the probe's parameter
    probe = net.with_parameters(weights, biases)
    trace = probe.forward(inputs)  # checks the inputs once
    t = probe.check_targets(targets, trace.inputs.shape[0])
    losses = np.empty((resolution, resolution))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for r, yv in enumerate(ys):
            flat[j] = yv
            for c, xv in enumerate(xs):
                flat[i] = xv
                losses[r, c] = probe.forward(trace.inputs, t).objective
    losses[~np.isfinite(losses)] = np.nan
    return Landscape(xs, ys, losses, centre)
