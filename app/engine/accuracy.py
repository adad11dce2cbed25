"""Classification accuracy of a network's outputs against its targets: one rule for the app."""

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS

Array = np.ndarray

# An output within this fraction of its range's width of the threshold (or a top output this
# close to the runner-up) is undecided: neither right nor wrong. A perceptron trained on XOR
# ends at 0.5 +- 1e-16, where a >= count would be rounding noise.
UNDECIDED = 1e-6


@dataclass(frozen=True)
class Accuracy:
    """How many of `total` examples the outputs put in their target's class; `undecided`
    outputs sit on the threshold (within UNDECIDED) and count as neither right nor wrong."""

    correct: int
    total: int
    undecided: int = 0

    @property
    def fraction(self) -> float:
        """correct / total."""
        return self.correct / self.total


def _width(output_activation: str, outputs: Array) -> float:
    """The scale UNDECIDED is a fraction of: the range's width, or the outputs' size."""
    low, high = ACTIVATIONS[output_activation].output_range
    if low is None or high is None:
        return max(1.0, float(np.max(np.abs(outputs), initial=0.0)))
    return high - low


def accuracy(outputs: Array, targets: Array, output_activation: str) -> Accuracy | None:
    """Several outputs: argmax vs argmax; one: output above the middle of g's range vs target
    above it. An output within UNDECIDED of the threshold (of the runner-up) is undecided."""
    # one output with an unbounded range (relu, leaky_relu, linear) is regression-style: it has
    # no class threshold, so no accuracy. A target on the middle (0 for tanh) is class 0.
    tolerance = UNDECIDED * _width(output_activation, outputs)
    if outputs.shape[1] > 1:
        top2 = np.sort(outputs, axis=1)[:, -2:]  # (B, 2): runner-up, top
        undecided = top2[:, 1] - top2[:, 0] <= tolerance
        right = np.argmax(outputs, axis=1) == target_classes(targets, output_activation)
    else:
        middle = ACTIVATIONS[output_activation].middle
        if middle is None:
            return None
        margin = outputs[:, 0] - middle
        undecided = np.abs(margin) <= tolerance
        right = (margin > 0) == target_classes(targets, output_activation)
    return Accuracy(int(np.sum(right & ~undecided)), int(outputs.shape[0]), int(np.sum(undecided)))


def target_classes(targets: Array, output_activation: str) -> Array | None:
    """Each target's class, as accuracy() marks it: the argmax of several outputs' targets,
    else 1 above the middle of g's range and 0 below; None for an unbounded output."""
    if targets.shape[1] > 1:
        return np.argmax(targets, axis=1)
    middle = ACTIVATIONS[output_activation].middle
    return None if middle is None else (targets[:, 0] > middle).astype(int)


def decision_values(z: Array, output_activation: str) -> Array | None:
    """One output with a class threshold: its z, whose sign is the class (sigmoid and tanh
    reach the middle of their range at z = 0), exact even where g(z) rounds to the middle;
    None for several outputs or an unbounded one."""
    if z.shape[1] != 1 or ACTIVATIONS[output_activation].middle is None:
        return None
    return z[:, 0]
