"""dE/dw for one weight written as the chain rule's factors, each with its kind."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .network import Gradients, Network, Trace

Array = np.ndarray

FACTOR_KINDS = (
    "loss_gradient",  # dE/da_j at the output
    "output_delta",  # dE/dz_j at a softmax output, which couples every output
    "back_propagated_error",  # sum_k w_kj delta_k at a hidden unit
    "activation_derivative",  # g'(z_j), with the activation's name
    "input",  # a_i, the source unit's output
    "bias_input",  # 1, the bias unit's value
)


@dataclass
class Factor:
    """One factor of a chain-rule product, per example in the batch."""

    symbol: str
    meaning: str
    values: Array  # (B,)
    kind: str  # one of FACTOR_KINDS
    activation: str | None = None  # the activation's name for g'(z_j)


@dataclass
class ChainRule:
    """dE/dw for one weight as a product of factors, summed over the batch."""

    layer: int
    to: int
    source: int | None  # None for a bias
    factors: list[Factor]
    products: Array  # (B,) the product of the factors for each example
    gradient: float  # sum of products = dE/dw


def chain_rule(
    net: "Network", trace: "Trace", grads: "Gradients", layer: int, to: int, source: int | None
) -> ChainRule:
    """dE/dw for weights[layer][to][source] (or the bias when source is None) as factors."""
    net.check_index(layer, to, source)
    last = layer == len(net.weights) - 1
    act = net.activation(layer)
    z, a = trace.zs[layer][:, to], trace.activations[layer][:, to]
    factors: list[Factor] = []
    if last and not act.elementwise:
        # softmax couples every output, so dE/dz_j is taken whole (p_j - d_j for one-hot)
        meaning = "output delta (softmax couples the outputs)"
        factors.append(Factor("dE/dz_j", meaning, grads.deltas[layer][:, to], "output_delta"))
    else:
        grad_a = grads.grad_activations[layer][:, to]
        if last:
            factors.append(
                Factor("dE/da_j", "loss gradient at the output", grad_a, "loss_gradient")
            )
        else:
            meaning, kind = "error back-propagated to unit j", "back_propagated_error"
            factors.append(Factor("sum_k w_kj delta_k", meaning, grad_a, kind))
        factors.append(
            Factor(
                "da_j/dz_j",
                f"{act.name}'(z_j)",
                act.derivative(z, a),
                "activation_derivative",
                act.name,
            )
        )
    if source is None:
        factors.append(
            Factor("dz_j/db_j", "the bias unit's value, 1", np.ones_like(z), "bias_input")
        )
    else:
        inputs = trace.layer_input(layer)[:, source]
        factors.append(Factor("dz_j/dw_ji", "a_i, the source unit's output", inputs, "input"))
    products = np.prod(np.stack([f.values for f in factors]), axis=0)
    gradient = (grads.biases if source is None else grads.weights)[layer][to]
    if source is not None:
        gradient = gradient[source]
    return ChainRule(layer, to, source, factors, products, float(gradient))
