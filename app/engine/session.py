"""A training session: a network, its dataset, and where training stands."""

from dataclasses import dataclass

import numpy as np

from .datasets import Dataset, batch_indices
from .network import Network, StepResult, check_learning_rate

Array = np.ndarray


@dataclass
class Snapshot:
    """The parameters and batch cursor before step `step` was applied (what undo restores)."""

    step: int
    weights: list[Array]
    biases: list[Array]
    cursor: int


@dataclass
class StepRecord:
    """One applied step: its number, losses, and what it needs to be undone."""

    step: int
    loss: float
    test_loss: float | None
    snapshot: Snapshot


@dataclass
class Session:
    """A network training on a dataset in mini-batches, one update at a time."""

    network: Network
    dataset: Dataset
    learning_rate: float
    batch_size: int
    seed: int
    step: int = 0
    cursor: int = 0  # examples served so far; fixes the next mini-batch

    def next_batch(self) -> tuple[Array, Array]:
        """The mini-batch the next step trains on, without consuming it."""
        rows, _ = batch_indices(self.dataset.size, self.cursor, self.batch_size, self.seed)
        return self.dataset.inputs[rows], self.dataset.targets[rows]

    def test_loss(self) -> float | None:
        """The loss over the dataset's test split at the current parameters, if it has one."""
        if self.dataset.test_inputs is None or len(self.dataset.test_inputs) == 0:
            return None
        return self.network.forward(self.dataset.test_inputs, self.dataset.test_targets).loss

    def snapshot(self) -> Snapshot:
        """The current parameters and cursor, labelled with the step about to be applied."""
        net = self.network
        return Snapshot(self.step + 1, net.weights, net.biases, self.cursor)

    def apply_step(
        self, inputs: object = None, targets: object = None, learning_rate: float | None = None
    ) -> tuple[StepResult, StepRecord]:
        """One backprop step on the given batch, or on the next mini-batch of the dataset."""
        alpha = check_learning_rate(self.learning_rate if learning_rate is None else learning_rate)
        snapshot, test_loss = self.snapshot(), self.test_loss()
        if inputs is None:
            rows, next_cursor = batch_indices(
                self.dataset.size, self.cursor, self.batch_size, self.seed
            )
            inputs, targets = self.dataset.inputs[rows], self.dataset.targets[rows]
        else:
            next_cursor = self.cursor
        result = self.network.step(inputs, targets, alpha)
        self.step += 1
        self.cursor = next_cursor
        return result, StepRecord(self.step, result.loss, test_loss, snapshot)

    def train(self, steps: int) -> tuple[list[StepRecord], StepResult]:
        """`steps` steps on successive mini-batches, and the last step's full result.

        Stops before a step that would diverge; raises DivergenceError only when not even
        the first step can be applied.
        """
        records: list[StepRecord] = []
        last = None
        for _ in range(steps):
            try:
                last, record = self.apply_step()
            except ArithmeticError:
                if not records:
                    raise
                break
            records.append(record)
        return records, last

    def restore(self, snapshot: Snapshot) -> None:
        """Go back to the parameters and cursor from before step `snapshot.step`."""
        self.network.weights = [w.copy() for w in snapshot.weights]
        self.network.biases = [b.copy() for b in snapshot.biases]
        self.cursor = snapshot.cursor
        self.step = snapshot.step - 1
