"""A training session: a network, its dataset, and where training stands."""

from dataclasses import dataclass

import numpy as np

from .datasets import Dataset, batch_indices
from .errors import DivergenceError, EngineError, StateError
from .kernel import kernel_for
from .network import Network, StepResult, check_learning_rate
from .shuffle import epoch_order
from .steps import Snapshot, Steps

Array = np.ndarray
CHECKPOINT_EVERY = 16  # a train call keeps a checkpoint every 16 steps: undo replays < 16


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

    def check_rows(self) -> None:
        """Refuse (EngineError on `inputs`) to take a mini-batch when there is no dataset."""
        if self.dataset.size == 0:
            raise EngineError("inputs", "this network has no dataset: give inputs and targets")

    def check_data(self) -> None:
        """Refuse (StateError) a stored dataset that does not fit the network's layers."""
        errors = self.dataset.shape_errors(self.network.layers[0], self.network.layers[-1])
        if errors:
            field, message = errors[0]
            raise StateError(f"the network's stored dataset.{field} {message}; import it anew")

    def next_batch(self) -> tuple[Array, Array]:
        """The mini-batch the next step trains on, without consuming it."""
        self.check_data()
        self.check_rows()
        rows, _ = batch_indices(self.dataset.size, self.cursor, self.batch_size, self.seed)
        return self.dataset.inputs[rows], self.dataset.targets[rows]

    @property
    def test_every(self) -> int:
        """How many steps apart the test loss is taken: once an epoch."""
        return max(1, -(-self.dataset.size // self.batch_size))

    def test_loss(self) -> float | None:
        """The test-split loss before the next step, when one is due (once an epoch)."""
        data = self.dataset
        if data.test_inputs is None or len(data.test_inputs) == 0 or (self.step % self.test_every):
            return None
        return self.network.forward(self.dataset.test_inputs, self.dataset.test_targets).loss

    def snapshot(self) -> Snapshot:
        """The current parameters and cursor, labelled with the step about to be applied."""
        net = self.network
        params = net.layout.pack(net.weights, net.biases)
        return Snapshot(self.step + 1, params, self.cursor, optimizer=net.optimizer)

    def apply_step(
        self, inputs: object = None, targets: object = None, learning_rate: float | None = None
    ) -> tuple[StepResult, Steps]:
        """One backprop step on the given batch, or on the next mini-batch of the dataset."""
        alpha = check_learning_rate(self.learning_rate if learning_rate is None else learning_rate)
        self.check_data()
        snapshot, test_loss = self.snapshot(), self.test_loss()
        if inputs is None:
            self.check_rows()
            rows, next_cursor = batch_indices(
                self.dataset.size, self.cursor, self.batch_size, self.seed
            )
            inputs, targets = self.dataset.inputs[rows], self.dataset.targets[rows]
        else:
            next_cursor = self.cursor
        result = self.network.step(inputs, targets, alpha)
        done = Steps(self.step, [result.loss], [test_loss], [result.trace.penalty], [snapshot])
        self.step += 1
        self.cursor = next_cursor
        return result, done

    def diagnose_next(self) -> dict | None:
        """Why the next step diverges (blowup.py), from the numpy path on a copy; None if it
        does not."""
        probe = self.network.with_parameters(self.network.weights, self.network.biases)
        try:
            probe.step(*self.next_batch(), self.learning_rate)
        except DivergenceError as exc:
            return exc.diagnose()
        return None

    def plan(self, steps: int) -> tuple[Array, Array]:
        """The rows of the next `steps` mini-batches: (rows, starts).

        Step s trains on rows[starts[s]:starts[s + 1]] and leaves the cursor at
        self.cursor + starts[s + 1]; the same batches batch_indices gives, one epoch's order
        at a time (shuffle.py).
        """
        size, batch = self.dataset.size, self.batch_size
        epoch, position = divmod(self.cursor, size)
        in_epoch = -(-(size - position) // batch)  # steps left in this epoch, the last short
        if steps <= in_epoch:  # the usual call: within one epoch
            rows = epoch_order(size, epoch, self.seed)[position : position + steps * batch]
            starts = np.arange(0, (steps + 1) * batch, batch)
            starts[-1] = len(rows)  # only the last batch can be short
            return rows, starts
        parts, bounds, planned, offset = [], [], 0, 0
        while planned < steps:
            count = min(steps - planned, -(-(size - position) // batch))
            end = min(size, position + count * batch)  # the epoch's last batch may be short
            parts.append(epoch_order(size, epoch, self.seed)[position:end])
            bounds.append(np.arange(offset, offset + count * batch, batch))  # each batch's start
            planned, offset = planned + count, offset + end - position
            epoch, position = epoch + 1, 0
        bounds.append(np.array([offset]))
        return np.concatenate(parts), np.concatenate(bounds, dtype=np.int64)

    def train(
        self, steps: int, keep: int | None = None, fast: bool = True, checkpoint: bool = False
    ) -> tuple[Steps, tuple[Array, Array]]:
        """`steps` steps on successive mini-batches; the steps done and the last one's batch.

        Only the last `keep` (at least 1) steps keep an undo snapshot. With `checkpoint`,
        the last step keeps its own and, of the steps undo may reach (the last `keep`),
        every CHECKPOINT_EVERY-th from the call's first keeps a checkpoint, from which undo
        replays at most CHECKPOINT_EVERY - 1 steps. Stops before a step that would diverge;
        raises DivergenceError if not even the first can be applied. `fast` runs the
        compiled loop (fast.py), else the numpy path.
        """
        self.check_data()
        self.check_rows()
        keep = steps if keep is None else max(1, keep)
        run = self._train_fast if fast else self._train_reference
        done, rows = run(steps, keep, checkpoint)  # rows: the last step's batch
        if not len(done):
            raise DivergenceError(
                "the first step would make the loss or a parameter "
                "non-finite (diverged); lower the learning rate or undo",
                self.diagnose_next,
            )
        return done, (self.dataset.inputs[rows], self.dataset.targets[rows])

    def _kept(self, done: int, keep: int, checkpoint: bool) -> tuple[int, int]:
        """(plain snapshots kept, checkpoint ring size) for a call of `done` steps."""
        if not checkpoint:
            return min(keep, done), 0
        return 1, keep // CHECKPOINT_EVERY + 2

    def _checkpoint_steps(self, done: int, ring: int) -> range:
        """The local steps of a call of `done` steps that keep one of the last `ring` checkpoints.

        Every CHECKPOINT_EVERY-th from the call's first (local step 0), the newest `ring` of them.
        """
        last = (done - 1) // CHECKPOINT_EVERY
        first = max(0, last - ring + 1) if ring > 0 and done > 0 else last + 1
        return range(first * CHECKPOINT_EVERY, (last + 1) * CHECKPOINT_EVERY, CHECKPOINT_EVERY)

    def _train_reference(self, steps: int, keep: int, checkpoint: bool) -> tuple[Steps, Array]:
        done, cursor = Steps(self.step), self.cursor
        for _ in range(steps):
            try:
                cursor = self.cursor
                _, one = self.apply_step()
            except ArithmeticError:
                break
            done.losses += one.losses
            done.test_losses += one.test_losses
            done.penalties += one.penalties
            done.snapshots += one.snapshots
        plain, ring = self._kept(len(done), keep, checkpoint)
        checkpoints = set(self._checkpoint_steps(len(done), ring))
        kept = []
        for s, snap in enumerate(done.snapshots):
            if s in checkpoints:
                snap.learning_rate, snap.batch_size = self.learning_rate, self.batch_size
                snap.penalty = self.penalty
            if s in checkpoints or s >= len(done) - plain:
                kept.append(snap)
        done.snapshots = kept
        rows, _ = batch_indices(self.dataset.size, cursor, self.batch_size, self.seed)
        return done, rows

    def _train_fast(self, steps: int, keep: int, checkpoint: bool = False) -> tuple[Steps, Array]:
        net, data, step, cursor = self.network, self.dataset, self.step, self.cursor
        kernel = kernel_for(
            tuple(net.layers), net.hidden_activation, net.output_activation, net.loss, net.use_bias
        )
        rows, starts = self.plan(steps)
        opt, size, lr, penalty = net.optimizer, kernel.size, self.learning_rate, self.penalty
        params = np.concatenate([*net.weights, *net.biases, opt.state], axis=None)
        plain, ring = self._kept(steps, keep, checkpoint)
        batches = (data.inputs, data.targets, rows, starts, data.test_inputs, data.test_targets)
        count, losses, test_losses, (snapshots, checkpoints), penalties = kernel.train(
            params,
            lr,
            batches,
            (step, self.test_every),
            plain,
            CHECKPOINT_EVERY if ring else 0,
            ring,
            opt,
            penalty,
        )
        shape = opt.state.shape
        # each kept row split once: (rows, P) parameters and (rows, *shape) optimizer states
        plain_rows = (snapshots[:, :size], snapshots[:, size:].reshape(len(snapshots), *shape))
        ring_rows = (checkpoints[:, :size], checkpoints[:, size:].reshape(len(checkpoints), *shape))

        def snapshot(rows: tuple[Array, Array], row: int, s: int) -> Snapshot:  # before step s
            state = opt.with_state(opt.step + s, rows[1][row])
            return Snapshot(step + s + 1, rows[0][row], cursor + int(starts[s]), optimizer=state)

        kept = {}  # local step -> its snapshot
        for s in self._checkpoint_steps(count, ring):
            kept[s] = snap = snapshot(ring_rows, (s // CHECKPOINT_EVERY) % ring, s)
            # what undo's replay of the steps after it needs
            snap.learning_rate, snap.batch_size, snap.penalty = lr, self.batch_size, penalty
        for s in range(max(0, count - len(snapshots)), count):
            if s not in kept:
                kept[s] = snapshot(plain_rows, s % len(snapshots), s)
        tests = [None] * count
        if data.test_inputs is not None and len(data.test_inputs):  # taken once an epoch
            every = self.test_every
            for s in range(-step % every, count, every):
                tests[s] = float(test_losses[s])
        done = Steps(step, losses[:count].tolist(), tests, penalties[:count].tolist())
        done.snapshots = [kept[s] for s in sorted(kept)]
        if count:
            net.weights, net.biases = kernel.layout.views(params)  # this call's own array
            net.optimizer = opt.with_state(opt.step + count, params[size:].reshape(shape))
            self.step, self.cursor = step + count, cursor + int(starts[count])
        last = max(count, 1)
        return done, rows[starts[last - 1] : starts[last]]

    @property
    def penalty(self) -> tuple[str, float]:
        """The network's (regularization, lambda)."""
        return self.network.regularization, self.network.regularization_rate

    def restore(self, snapshot: Snapshot, replay: int = 0) -> None:
        """Go back to the state before step `snapshot.step + replay`.

        With `replay`, the snapshot must be a checkpoint: its train call's first `replay`
        steps are run again by the same compiled loop, with the call's learning rate, batch
        size and optimizer settings, which gives the same bits. The optimizer's state comes
        back; its settings, like the learning rate, stay the current ones.
        """
        net, current = self.network, self.network.optimizer
        net.weights, net.biases = net.layout.unpack(snapshot.params)
        if snapshot.optimizer is not None:
            net.optimizer = snapshot.optimizer.with_state(
                snapshot.optimizer.step, snapshot.optimizer.state.copy()
            )
        self.cursor = snapshot.cursor
        self.step = snapshot.step - 1
        if replay:
            alpha, batch, penalty = self.learning_rate, self.batch_size, self.penalty
            self.learning_rate, self.batch_size = snapshot.learning_rate, snapshot.batch_size
            net.regularization, net.regularization_rate = snapshot.penalty or penalty
            try:
                self._train_fast(replay, keep=1)
            finally:
                self.learning_rate, self.batch_size = alpha, batch
                net.regularization, net.regularization_rate = penalty
        if net.optimizer.keeps_state_of(current):
            net.optimizer = current.with_state(net.optimizer.step, net.optimizer.state)
