"""Random networks for the engine tests, and the forward pass written again from the math."""

import itertools

import numpy as np

from app.engine import Network

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")
# (loss, output activation): mse with every output, the cross-entropies with what they allow
LOSS_OUTPUTS = (
    *(("mse", out) for out in (*HIDDEN, "softmax")),
    ("cross_entropy", "softmax"),
    ("cross_entropy", "sigmoid"),
    ("binary_cross_entropy", "sigmoid"),
)
COMBINATIONS = [
    (hidden, loss, output, bias)
    for hidden, (loss, output), bias in itertools.product(HIDDEN, LOSS_OUTPUTS, (True, False))
]
LAYERS = [3, 4, 5, 3]  # three weight layers
BATCH = 4
KINK = 1e-2  # no z closer than this to a ReLU kink, so finite differences never cross one


def case_id(combo: tuple) -> str:
    hidden, loss, output, bias = combo
    return f"{hidden}-{loss}-{output}-{'bias' if bias else 'nobias'}"


def make_case(
    hidden: str, loss: str, output: str, bias: bool, seed: int = 0, layers: list[int] = LAYERS
) -> tuple[Network, np.ndarray, np.ndarray]:
    """A random network, batch and targets; the first seed from `seed` whose z avoid kinks."""
    for attempt in itertools.count(seed):
        rng = np.random.default_rng(attempt)
        weights = [rng.normal(0.0, 0.8, size=(n, m)) for m, n in zip(layers, layers[1:])]
        biases = [rng.normal(0.0, 0.5, size=n) for n in layers[1:]] if bias else None
        net = Network.create(layers, hidden, output, loss, bias, weights=weights, biases=biases)
        x = rng.normal(0.0, 1.0, size=(BATCH, layers[0]))
        if loss == "mse":
            t = rng.normal(0.0, 1.0, size=(BATCH, layers[-1]))
        else:  # targets in [0, 1]; soft rows exercise the general cross-entropy formulas
            t = rng.uniform(0.0, 1.0, size=(BATCH, layers[-1]))
        trace = net.forward(x)
        if min(float(np.min(np.abs(z))) for z in trace.zs) > KINK:
            return net, x, t
    raise AssertionError("unreachable")


# ---- the forward pass and loss again, in any float dtype (for extended precision) --------


def _act(name: str, z: np.ndarray) -> np.ndarray:
    one = z.dtype.type(1)
    if name == "sigmoid":
        return one / (one + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0 * z)
    if name == "leaky_relu":
        return np.where(z > 0, z, z.dtype.type("0.01") * z)
    if name == "linear":
        return z
    if name == "softmax":
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / np.sum(e, axis=1, keepdims=True)
    raise ValueError(name)


def reference_loss(net: Network, weights, biases, x, t) -> np.generic:
    """E for the given parameters, computed in their dtype without the engine."""
    a = x
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w.T + b
        a = _act(net.output_activation if l == len(weights) - 1 else net.hidden_activation, z)
    batch = x.shape[0]
    if net.loss == "mse":
        return np.sum((t - a) ** 2) / 2 / batch
    if net.loss == "cross_entropy":
        return -np.sum(t * np.log(a)) / batch
    return -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a)) / batch


def extended_differences(net: Network, x, t, eps: float = 1e-4) -> tuple[list, list]:
    """Centered differences of reference_loss in np.longdouble, one parameter at a time,
    Richardson-extrapolated: (4 D(eps/2) - D(eps)) / 3 cancels the eps^2 error term."""
    ld = np.longdouble
    weights = [w.astype(ld) for w in net.weights]
    biases = [b.astype(ld) for b in net.biases]
    xs, ts = x.astype(ld), t.astype(ld)
    params = weights + (biases if net.use_bias else [])

    def centered(p: np.ndarray, idx: tuple, h: np.longdouble) -> np.longdouble:
        saved = p[idx]
        p[idx] = saved + h
        plus = reference_loss(net, weights, biases, xs, ts)
        p[idx] = saved - h
        minus = reference_loss(net, weights, biases, xs, ts)
        p[idx] = saved
        return (plus - minus) / (2 * h)

    h = ld(eps)
    grads = []
    for p in params:
        g = np.zeros(p.shape, dtype=ld)
        for idx in np.ndindex(p.shape):
            g[idx] = (4 * centered(p, idx, h / 2) - centered(p, idx, h)) / 3
        grads.append(g)
    n = len(weights)
    return grads[:n], grads[n:]
