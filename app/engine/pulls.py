"""Each training example's own pull on one parameter: dE_i/dw, whose mean is dE/dw."""

from dataclasses import dataclass

import numpy as np

from .network import Network

Array = np.ndarray


@dataclass
class Pulls:
    """dE_i/dw for every row (the data loss of that row alone), the penalty's term and dE/dw."""

    contributions: Array  # (N,): row i's own dE_i/dw
    penalty: float  # lambda P'(w), added once to the mean (0 for a bias or no penalty)
    gradient: float  # the network's backward on all N rows: mean(contributions) + penalty
    value: float  # the parameter's current value

    def batch_gradient(self, rows: Array) -> float:
        """dE/dw on a mini-batch of these rows: their mean pull plus the penalty's term."""
        return float(np.mean(self.contributions[rows])) + self.penalty


def pulls(
    net: Network, inputs: object, targets: object, layer: int, to: int, source: int | None
) -> Pulls:
    """Every row's dE_i/dw for weights[layer][to][source] (the bias when source is None).

    The loss is a mean over rows, so the batch's delta for row i is that row's own delta
    divided by N: dE_i/dw = N * delta_i[to] * a_i[source] (for a bias, N * delta_i[to]).
    """
    net.check_index(layer, to, source)
    trace = net.forward(inputs, targets)
    t = net.check_targets(targets, trace.inputs.shape[0])
    grads = net.backward(trace, t)
    rows = trace.inputs.shape[0]
    own_delta = rows * grads.deltas[layer][:, to]
    if source is None:
        contributions, gradient = own_delta, grads.biases[layer][to]
        penalty, value = 0.0, net.biases[layer][to]
    else:
        contributions = own_delta * trace.layer_input(layer)[:, source]
        gradient, value = grads.weights[layer][to, source], net.weights[layer][to, source]
        penalty = 0.0 if grads.penalty is None else float(grads.penalty[layer][to, source])
    return Pulls(contributions, penalty, float(gradient), float(value))
