"""One parameter's update by its network's optimizer, and the state the update reads."""

import numpy as np

from .network import Gradients, Network

Slots = dict[str, float]


def parameter_update(
    net: Network, grads: Gradients, alpha: float, layer: int, to: int, source: int | None
) -> tuple[float, Slots, Slots]:
    """The change the optimizer makes with these gradients to weights[layer][to][source] (the
    bias when source is None), and that parameter's state before and after it, slot by slot."""
    layout, opt = net.layout, net.optimizer
    if source is None:
        i = layout.b_off[layer] + to
    else:
        i = layout.w_off[layer] + to * net.layers[layer] + source
    changes, after = opt.changes(layout.pack(grads.weights, grads.biases), alpha)
    return float(changes[i]), _at(opt.slots, opt.state, i), _at(after.slots, after.state, i)


def _at(slots: tuple[str, ...], state: np.ndarray, i: int) -> Slots:
    """One parameter's number in each state vector."""
    return {slot: float(row[i]) for slot, row in zip(slots, state)}
