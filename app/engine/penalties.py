"""Weight penalties (regularisation), added to the loss over the weights, not the biases.

The objective is E = E_data + lambda * P(w); its gradient gains lambda * P'(w).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import EngineError

Array = np.ndarray


@dataclass(frozen=True)
class Penalty:
    """P(w) summed over a weight matrix, written beside its derivative."""

    value: Callable[[Array], float]
    derivative: Callable[[Array], Array]
    formula: str


PENALTIES: dict[str, Penalty] = {
    "none": Penalty(lambda w: 0.0, np.zeros_like, "0"),
    "l1": Penalty(lambda w: float(np.sum(np.abs(w))), np.sign, "lambda sum |w|"),  # sign(0) = 0
    "l2": Penalty(lambda w: float(np.sum(w * w)) / 2, lambda w: w, "lambda sum w^2 / 2"),
}
PENALTY_NAMES = tuple(PENALTIES)
NONE, L1, L2 = range(3)  # the compiled loop's codes (fast.py), in PENALTIES' order


def check_penalty(name: object, rate: object) -> tuple[str, float]:
    """A known penalty and a finite rate lambda >= 0."""
    if name not in PENALTIES:
        raise EngineError("regularization", f"unknown {name!r}; one of {PENALTY_NAMES}")
    if isinstance(rate, bool) or not isinstance(rate, int | float | np.floating):
        raise EngineError("regularization_rate", "must be a number")
    if not np.isfinite(rate) or rate < 0:
        raise EngineError("regularization_rate", "must be finite and >= 0")
    return str(name), float(rate)


def penalty_of(name: str, rate: float, weights: list[Array]) -> float:
    """lambda * sum of P over every weight matrix."""
    return rate * sum(PENALTIES[name].value(w) for w in weights) if rate else 0.0


def penalty_gradients(name: str, rate: float, weights: list[Array]) -> list[Array]:
    """lambda * P'(w) for every weight matrix."""
    return [rate * PENALTIES[name].derivative(w) for w in weights]
