"""Classification accuracy of a network's outputs against its targets: one rule for the app."""

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS

Array = np.ndarray


@dataclass(frozen=True)
class Accuracy:
    """How many of `total` examples the outputs put in their target's class."""

    correct: int
    total: int

    @property
    def fraction(self) -> float:
        """correct / total."""
        return self.correct / self.total


def accuracy(outputs: Array, targets: Array, output_activation: str) -> Accuracy | None:
    """Several outputs: argmax vs argmax; one: output >= the middle of g's range vs target > it."""
    # one output with an unbounded range (relu, leaky_relu, linear) is regression-style: it has
    # no class threshold, so no accuracy. A target on the middle (0 for tanh) is class 0.
    if outputs.shape[1] > 1:
        right = np.argmax(outputs, axis=1) == np.argmax(targets, axis=1)
    else:
        middle = ACTIVATIONS[output_activation].middle
        if middle is None:
            return None
        right = (outputs[:, 0] >= middle) == (targets[:, 0] > middle)
    return Accuracy(int(np.sum(right)), int(outputs.shape[0]))
