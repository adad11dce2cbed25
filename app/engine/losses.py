"""Losses over a batch of B examples and K outputs, averaged over the batch."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import Activation

Array = np.ndarray
TINY = np.finfo(np.float64).tiny


def _log_output(z: Array, a: Array, activation: str) -> Array:
    """ln(o), computed from z where the activation allows it, so it never is -inf."""
    if activation == "sigmoid":
        return -np.logaddexp(0.0, -z)  # ln g(z) = -ln(1 + e^-z)
    if activation == "softmax":
        m = np.max(z, axis=-1, keepdims=True)
        return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.log(np.maximum(a, TINY))


def _log_one_minus_output(z: Array, a: Array, activation: str) -> Array:
    """ln(1 - o), computed from z for sigmoid."""
    if activation == "sigmoid":
        return -np.logaddexp(0.0, z)  # ln(1 - g(z)) = -ln(1 + e^z)
    return np.log(np.maximum(1.0 - a, TINY))


@dataclass(frozen=True)
class Loss:
    """A loss E, its gradient dE/do, and dE/dz for the output activations it allows."""

    name: str
    values: Callable[[Array, Array, Array, str], Array]  # E over the last two axes (B, K)
    grad_output: Callable[[Array, Array], Array]
    output_activations: tuple[str, ...]

    def value(self, z: Array, a: Array, t: Array, activation: str) -> float:
        """E on one batch: z, a and t are (B, K)."""
        return float(self.values(z, a, t, activation))

    def delta(self, z: Array, a: Array, t: Array, activation: Activation) -> Array:
        """dE/dz at the output layer, fused where the pair has a stable closed form."""
        b = z.shape[0]
        if self.name == "cross_entropy" and activation.name == "softmax":
            # softmax + cross-entropy: dE/dz = (p * sum(d) - d) / B, i.e. (p - d) / B one-hot
            return (a * np.sum(t, axis=1, keepdims=True) - t) / b
        if self.name == "cross_entropy" and activation.name == "sigmoid":
            # -t/o * o(1 - o) = -t (1 - o)
            return -t * (1.0 - a) / b
        if self.name == "binary_cross_entropy" and activation.name == "sigmoid":
            # sigmoid + binary cross-entropy: dE/dz = (o - t) / B
            return (a - t) / b
        return activation.backward(z, a, self.grad_output(a, t))


# Each E is over the last two axes (B, K); a leading axis, if any, holds several networks'
# outputs for the same batch (the landscape's grid points), each with its own E.
BATCH_AXES = (-2, -1)


def _mse(z: Array, a: Array, t: Array, act: str) -> Array:
    # E = (1/B) sum_b sum_k 1/2 (t - o)^2
    return 0.5 * np.sum((t - a) ** 2, axis=BATCH_AXES) / a.shape[-2]


def _cross_entropy(z: Array, a: Array, t: Array, act: str) -> Array:
    # E = -(1/B) sum_b sum_k t ln(o)
    return -np.sum(t * _log_output(z, a, act), axis=BATCH_AXES) / a.shape[-2]


def _binary_cross_entropy(z: Array, a: Array, t: Array, act: str) -> Array:
    # E = -(1/B) sum_b sum_k [t ln(o) + (1 - t) ln(1 - o)]
    log_o, log_1mo = _log_output(z, a, act), _log_one_minus_output(z, a, act)
    return -np.sum(t * log_o + (1.0 - t) * log_1mo, axis=BATCH_AXES) / a.shape[-2]


LOSSES: dict[str, Loss] = {
    "mse": Loss(
        "mse",
        _mse,
        lambda a, t: (a - t) / a.shape[0],  # dE/do = (o - t) / B
        ("sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"),
    ),
    "cross_entropy": Loss(
        "cross_entropy",
        _cross_entropy,
        lambda a, t: -t / np.maximum(a, TINY) / a.shape[0],  # dE/do = -t / (o B)
        ("softmax", "sigmoid"),
    ),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy",
        _binary_cross_entropy,
        # dE/do = (o - t) / (o (1 - o) B)
        lambda a, t: (a - t) / np.maximum(a * (1.0 - a), TINY) / a.shape[0],
        ("sigmoid",),
    ),
}
