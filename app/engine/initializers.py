"""Weight initialisation schemes, reproducible from a seed."""

from collections.abc import Callable

import numpy as np

Init = Callable[[np.random.Generator, int, int], np.ndarray]


def _xavier(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    # Glorot uniform: U(-r, r), r = sqrt(6 / (n_in + n_out))
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, size=(n_out, n_in))


def _he(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    # He normal: N(0, 2 / n_in)
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


INITIALIZERS: dict[str, Init] = {
    "xavier": _xavier,
    "he": _he,
    "uniform": lambda rng, n_in, n_out: rng.uniform(-0.5, 0.5, size=(n_out, n_in)),
    "normal": lambda rng, n_in, n_out: rng.normal(0.0, 0.5, size=(n_out, n_in)),
    "zeros": lambda rng, n_in, n_out: np.zeros((n_out, n_in)),
}


def initial_weights(layers: list[int], init: str, seed: int | None) -> list[np.ndarray]:
    """Weights for every layer pair, weights[l] shaped (n_{l+1}, n_l)."""
    rng = np.random.default_rng(seed)
    return [INITIALIZERS[init](rng, n_in, n_out) for n_in, n_out in zip(layers, layers[1:])]
