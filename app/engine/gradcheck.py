"""Centered finite differences for every parameter, compared with backprop."""

from dataclasses import dataclass

import numpy as np

from .network import Network

Array = np.ndarray


@dataclass
class GradientCheck:
    """Numeric and backprop gradients, shaped like the parameters, with their worst gap."""

    numeric_weights: list[Array]
    numeric_biases: list[Array]
    backprop_weights: list[Array]
    backprop_biases: list[Array]
    max_abs_error: float
    max_relative_error: float


def _numeric(net: Network, params: list[Array], x: Array, t: Array, eps: float) -> list[Array]:
    # dE/dp ~ (E(p + eps) - E(p - eps)) / (2 eps), one parameter at a time (E: with the penalty)
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            saved = p[idx]
            p[idx] = saved + eps
            plus = net.forward(x, t).objective
            p[idx] = saved - eps
            minus = net.forward(x, t).objective
            p[idx] = saved
            g[idx] = (plus - minus) / (2 * eps)
        grads.append(g)
    return grads


def relative_error(a: Array, b: Array) -> Array:
    """|a - b| / max(|a| + |b|, 1e-12), elementwise."""
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)


def gradient_check(
    net: Network, inputs: object, targets: object, eps: float = 1e-6
) -> GradientCheck:
    """Backprop against centered finite differences; the network is left unchanged."""
    probe = net.with_parameters([w.copy() for w in net.weights], [b.copy() for b in net.biases])
    trace = probe.forward(inputs, targets)
    x, t = trace.inputs, probe.check_targets(targets, trace.inputs.shape[0])
    grads = probe.backward(trace, t)
    num_w = _numeric(probe, probe.weights, x, t, eps)
    num_b = (
        _numeric(probe, probe.biases, x, t, eps)
        if net.use_bias
        else [np.zeros_like(b) for b in net.biases]
    )
    pairs = list(zip(num_w + num_b, grads.weights + grads.biases))
    abs_err = max(float(np.max(np.abs(n - g))) for n, g in pairs)
    rel_err = max(float(np.max(relative_error(n, g))) for n, g in pairs)
    return GradientCheck(num_w, num_b, grads.weights, grads.biases, abs_err, rel_err)
