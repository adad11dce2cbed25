"""What a training call leaves behind: its steps as columns, and undo's snapshots."""

from dataclasses import dataclass, field

import numpy as np

from .optimizers import Optimizer

Array = np.ndarray


@dataclass(slots=True)
class Snapshot:
    """The parameters, optimizer and batch cursor before step `step` was applied (what undo
    restores: the optimizer's state; its settings are the ones of that step).

    A checkpoint also holds the learning rate and batch size of the train call that starts
    at `step`, so the steps after it can be replayed exactly instead of stored one by one.
    """

    step: int
    params: Array  # (P,) every weight then every bias (parameters.py); never written to
    cursor: int
    learning_rate: float | None = None
    batch_size: int | None = None
    optimizer: Optimizer | None = None  # None: stored before optimizers had state
    penalty: tuple[str, float] | None = None  # a checkpoint's (regularization, lambda)


@dataclass(slots=True)
class Steps:
    """The steps one call applied, as columns: steps first + 1 to first + len(self).

    losses[i] is the data loss before step first + 1 + i, test_losses[i] the test loss
    then (None where none was taken), penalties[i] lambda P(w) then. snapshots holds, in
    step order, only the snapshots undo may need, each labelled with its step.
    """

    first: int
    losses: list[float] = field(default_factory=list)
    test_losses: list[float | None] = field(default_factory=list)
    penalties: list[float] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.losses)

    @property
    def last(self) -> int:
        """The number of the last step applied (first when none was)."""
        return self.first + len(self.losses)
