"""The compiled loop's output layer: each (output activation, loss) pair's loss beside its
delta dE/dz, as losses.py computes them (fast.py runs them)."""

import math

from numba import njit

from .activations import ACTIVATIONS
from .errors import EngineError
from .fast_activations import _dg
from .losses import LOSSES

# how the output layer's loss and delta dE/dz are computed, one rule per (output, loss) pair
MSE_CHAIN = 0  # E = 1/2 (t - a)^2, delta = (a - t) g'(z) / B
MSE_SOFTMAX = 1  # the same through softmax's Jacobian
CE_SOFTMAX = 2  # E = -t ln p from z, delta = (p sum(t) - t) / B
CE_SIGMOID = 3  # E = -t ln o from z, delta = -t (1 - o) / B
BCE_SIGMOID = 4  # E = -t ln o - (1 - t) ln(1 - o) from z, delta = (o - t) / B
OUTPUT_RULES = {
    **{(name, "mse"): MSE_CHAIN for name in ACTIVATIONS if ACTIVATIONS[name].elementwise},
    ("softmax", "mse"): MSE_SOFTMAX,
    ("softmax", "cross_entropy"): CE_SOFTMAX,
    ("sigmoid", "cross_entropy"): CE_SIGMOID,
    ("sigmoid", "binary_cross_entropy"): BCE_SIGMOID,
}


def output_rule(output: str, loss: str) -> int:
    """The compiled rule for an (output activation, loss) pair; unknown pairs are refused."""
    if (output, loss) not in OUTPUT_RULES or output not in LOSSES[loss].output_activations:
        raise EngineError("loss", f"the compiled loop has no rule for {loss} on a {output} output")
    return OUTPUT_RULES[(output, loss)]


@njit(cache=True, inline="always", error_model="numpy")
def _log1p_exp_neg(x: float) -> float:
    # ln(1 + e^x), written as numpy's logaddexp(0, x) is
    if x == 0.0:
        return math.log(2.0)
    if x > 0:
        return x + math.log1p(math.exp(-x))
    return math.log1p(math.exp(x))


@njit(cache=True, error_model="numpy")
def _loss(rule, z, a, t, rows, n_out):
    # the batch-averaged loss, as in losses.py
    e = 0.0
    for b in range(rows):
        m, lse = 0.0, 0.0
        if rule == CE_SOFTMAX:  # ln p_k = z_k - m - ln sum e^(z - m)
            m = z[b, 0]
            for k in range(1, n_out):
                m = max(m, z[b, k])
            for k in range(n_out):
                lse += math.exp(z[b, k] - m)
            lse = math.log(lse)
        for k in range(n_out):
            if rule <= MSE_SOFTMAX:  # MSE_CHAIN or MSE_SOFTMAX
                e += 0.5 * (t[b, k] - a[b, k]) ** 2
            elif rule == CE_SOFTMAX:
                e -= t[b, k] * (z[b, k] - m - lse)
            else:  # sigmoid: ln o = -ln(1 + e^-z), ln(1 - o) = -ln(1 + e^z)
                e -= t[b, k] * -_log1p_exp_neg(-z[b, k])
                if rule == BCE_SIGMOID:
                    e -= (1.0 - t[b, k]) * -_log1p_exp_neg(z[b, k])
    return e / rows


@njit(cache=True, inline="always", error_model="numpy")
def _output_delta(rule, code, z, a, t, size, total_t, dot):
    # dE/dz at the output, fused where the pair has a closed form (losses.py)
    if rule == CE_SOFTMAX:
        return (a * total_t - t) / size
    if rule == CE_SIGMOID:
        return -t * (1.0 - a) / size
    if rule == BCE_SIGMOID:
        return (a - t) / size
    if rule == MSE_SOFTMAX:  # a (dE/da - sum dE/da a)
        return a * ((a - t) / size - dot)
    return (a - t) / size * _dg(code, z, a)
