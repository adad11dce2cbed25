"""One parameter's update by its network's optimizer, and the state the update reads."""

from .network import Gradients, Network


def parameter_update(
    net: Network, grads: Gradients, alpha: float, layer: int, to: int, source: int | None
) -> tuple[float, dict[str, float]]:
    """The change the optimizer makes with these gradients to weights[layer][to][source] (the
    bias when source is None), and that parameter's state before it, slot by slot."""
    layout, opt = net.layout, net.optimizer
    if source is None:
        i = layout.b_off[layer] + to
    else:
        i = layout.w_off[layer] + to * net.layers[layer] + source
    changes, _ = opt.changes(layout.pack(grads.weights, grads.biases), alpha)
    return float(changes[i]), {slot: float(row[i]) for slot, row in zip(opt.slots, opt.state)}
