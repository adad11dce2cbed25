"""Activation functions, each written beside its derivative."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """An activation g, its derivative g'(z) given z and a = g(z), and the range of g."""

    name: str
    forward: Callable[[Array], Array]
    derivative: Callable[[Array, Array], Array]
    output_range: tuple[float | None, float | None]  # (low, high); None is unbounded
    elementwise: bool = True

    @property
    def middle(self) -> float | None:
        """The middle of the output range (0.5 for sigmoid, 0 for tanh); None if unbounded."""
        low, high = self.output_range
        return None if low is None or high is None else (low + high) / 2

    def backward(self, z: Array, a: Array, grad_a: Array) -> Array:
        """dE/dz from dE/da (a vector-Jacobian product; row-wise for softmax)."""
        if self.elementwise:
            return grad_a * self.derivative(z, a)
        # softmax: dE/dz_j = a_j * (dE/da_j - sum_k dE/da_k a_k)      (B, K)
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


def _sigmoid(z: Array) -> Array:
    # g(z) = 1 / (1 + e^-z), written so neither branch overflows
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def _softmax(z: Array) -> Array:
    # s(z)_j = e^{z_j} / sum_k e^{z_k}, shifted by the row max for stability   (B, K)
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def _softmax_diagonal(z: Array, a: Array) -> Array:
    # ds_j/dz_j = s_j (1 - s_j): the Jacobian's diagonal, shown in the chain rule
    return a * (1.0 - a)


LEAKY_SLOPE = 0.01

ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(
        "sigmoid",
        _sigmoid,
        lambda z, a: a * (1.0 - a),  # g'(z) = g(z) (1 - g(z))
        (0.0, 1.0),
    ),
    "tanh": Activation(
        "tanh",
        np.tanh,
        lambda z, a: 1.0 - a * a,  # g'(z) = 1 - tanh(z)^2
        (-1.0, 1.0),
    ),
    "relu": Activation(
        "relu",
        lambda z: np.maximum(z, 0.0),
        lambda z, a: (z > 0).astype(z.dtype),  # g'(z) = 1 if z > 0 else 0
        (0.0, None),
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
        lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),  # g'(z) = 1 or 0.01
        (None, None),
    ),
    "linear": Activation(
        "linear",
        lambda z: z.copy(),
        lambda z, a: np.ones_like(z),  # g'(z) = 1
        (None, None),
    ),
    "softmax": Activation("softmax", _softmax, _softmax_diagonal, (0.0, 1.0), elementwise=False),
}

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
OUTPUT_ACTIVATIONS = (*HIDDEN_ACTIVATIONS, "softmax")
