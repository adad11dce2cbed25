"""Checks of a network's architecture, activations, loss and learning rate."""

import numpy as np

from .activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .errors import EngineError
from .losses import LOSSES


def weight_shapes(layers: list[int]) -> list[tuple[int, int]]:
    """The shape of each weights[l]: (n_{l+1}, n_l)."""
    return [(n_out, n_in) for n_in, n_out in zip(layers, layers[1:])]


def check_config(layers: object, hidden: str, output: str, loss: str) -> None:
    """Refuse an architecture, activation or loss the engine does not support."""
    if not isinstance(layers, list | tuple) or len(layers) < 2:
        raise EngineError("layers", "needs at least an input and an output layer")
    if not all(
        isinstance(n, int | np.integer) and not isinstance(n, bool) and n >= 1 for n in layers
    ):
        raise EngineError("layers", "every layer needs a whole number of units >= 1")
    if hidden not in HIDDEN_ACTIVATIONS:
        raise EngineError(
            "hidden_activation", f"unknown or output-only {hidden!r}; one of {HIDDEN_ACTIVATIONS}"
        )
    if output not in OUTPUT_ACTIVATIONS:
        raise EngineError("output_activation", f"unknown {output!r}; one of {OUTPUT_ACTIVATIONS}")
    if loss not in LOSSES:
        raise EngineError("loss", f"unknown {loss!r}; one of {tuple(LOSSES)}")
    allowed = LOSSES[loss].output_activations
    if output not in allowed:
        raise EngineError("loss", f"{loss} needs an output activation in {allowed}, not {output}")


def check_learning_rate(value: object) -> float:
    """A finite, positive learning rate."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise EngineError("learning_rate", "must be a number")
    if not np.isfinite(value) or value <= 0:
        raise EngineError("learning_rate", "must be finite and > 0")
    return float(value)
