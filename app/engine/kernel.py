"""The Python side of the compiled loop: a network's codes, its arrays checked, one call."""

import functools

import numpy as np

from .errors import StateError
from .fast import ACTIVATION_CODES, BAD_ROWS, BAD_STARTS, _train, output_rule
from .optimizers import Optimizer, optimizer_codes
from .parameters import Layout
from .penalties import NONE, PENALTY_NAMES

Array = np.ndarray


class Kernel:
    """A network as the compiled loop runs it: its flat layout, codes and checked inputs."""

    def __init__(self, layers: list[int], hidden: str, output: str, loss: str, use_bias: bool):
        layout = Layout(layers)
        self.layout, self.size = layout, layout.size
        self.layers = np.array(layout.layers, dtype=np.int64)
        self.n_in, self.n_out = layout.layers[0], layout.layers[-1]
        self.no_test = (np.zeros((0, self.n_in)), np.zeros((0, self.n_out)))  # empty: never written
        n = len(layers) - 1
        self.codes = np.array(
            [ACTIVATION_CODES[hidden]] * (n - 1) + [ACTIVATION_CODES[output]], dtype=np.int64
        )
        rule = output_rule(output, loss)
        self.spec = (self.layers, layout.w_off, layout.b_off, self.codes, rule, use_bias)

    def check(self, params: Array, data: tuple, slots: int = 0) -> None:
        """Refuse (StateError) arrays the loop would read out of bounds: shapes, rows, batches."""
        x, t, rows, starts, test_x, test_t = data
        n_in, n_out = self.n_in, self.n_out
        size = self.size * (1 + slots)  # the parameters, then the optimizer's state
        problems = [
            ("parameters", params.shape != (size,) or params.dtype != np.float64),
            ("inputs", x.ndim != 2 or x.shape[1] != n_in or x.dtype != np.float64),
            ("targets", t.ndim != 2 or t.shape != (x.shape[0], n_out) or t.dtype != np.float64),
            ("test_inputs", test_x.ndim != 2 or test_x.shape[1] != n_in),
            ("test_targets", test_t.ndim != 2 or test_t.shape != (test_x.shape[0], n_out)),
            ("rows", rows.dtype != np.int64 or rows.ndim != 1),
            ("starts", starts.dtype != np.int64 or starts.ndim != 1 or len(starts) < 1),
        ]
        for name, bad in problems:
            if bad:
                raise StateError(f"the {name} do not fit a {list(self.layers)} network")
        if test_x.dtype != np.float64 or test_t.dtype != np.float64:
            raise StateError("the test split must be float64")
        # the rows and batch boundaries themselves are checked by the loop (BAD_ROWS, BAD_STARTS)

    def train(
        self,
        params: Array,
        lr: float,
        batches: tuple[Array, Array, Array, Array, Array | None, Array | None],
        counters: tuple[int, int],
        keep: int,
        checkpoint_every: int = 0,
        checkpoints: int = 0,
        optimizer: Optimizer | None = None,
        penalty: tuple[str, float] = ("none", 0.0),
    ):
        """Run the steps in place on `params`; (steps done, losses, test losses, rings,
        penalties). penalty is (regularization, lambda); the losses are the data losses.

        params is the parameters, then the optimizer's state rows (none for plain SGD, the
        default optimizer); the optimizer's settings and step count are read from it.
        batches is (x, t, rows, starts, test_x, test_t); counters is (step0, test_every).
        snapshots[s % keep] holds the parameters from before step s, for the last `keep`;
        with checkpoint_every, ring[(s // every) % checkpoints] those before each step s
        that is a multiple of it.
        """
        x, t, rows, starts, test_x, test_t = batches
        n_steps = len(starts) - 1
        if test_x is None:
            test_x, test_t = self.no_test
        data = (x, t, rows, starts, test_x, test_t)
        optimizer = optimizer or Optimizer()
        self.check(params, data, len(optimizer.slots))
        snapshots = np.zeros((min(keep, n_steps), params.shape[0]))
        ring = np.zeros((checkpoints if checkpoint_every > 0 else 0, params.shape[0]))
        losses, test_losses = np.zeros(n_steps), np.full(n_steps, np.nan)
        code, hyper = optimizer_codes(optimizer)
        every = max(1, checkpoint_every)
        schedule = (
            float(lr),
            int(counters[0]),
            int(counters[1]),
            every,
            code,
            hyper,
            optimizer.step,
            PENALTY_NAMES.index(penalty[0]) if penalty[1] else NONE,
            float(penalty[1]),
        )
        penalties = np.zeros(n_steps)
        out = (losses, test_losses, snapshots, ring, penalties)
        done = _train(params, self.spec, data, schedule, out)
        if done == BAD_ROWS:
            raise StateError("a batch names a row the dataset does not have")
        if done == BAD_STARTS:
            raise StateError("the batch boundaries do not fit the rows")
        return done, losses, test_losses, (snapshots, ring), penalties


@functools.lru_cache(maxsize=64)
def kernel_for(layers: tuple[int, ...], hidden: str, output: str, loss: str, bias: bool) -> Kernel:
    """The Kernel of a network shape, built once (a Kernel is never changed after it is made)."""
    return Kernel(list(layers), hidden, output, loss, bias)


def warm_up() -> None:
    """Compile (or load from numba's cache) the training loop, so no request waits for it."""
    kernel = Kernel([1, 1], "sigmoid", "sigmoid", "mse", True)
    one = np.ones((1, 1))
    batches = (one, one, np.zeros(1, dtype=np.int64), np.array([0, 1], dtype=np.int64), None, None)
    kernel.train(np.zeros(2), 0.1, batches, (0, 1), 1, 1, 1)
