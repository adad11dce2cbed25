"""The Python side of the compiled loop: a network's codes, its arrays checked, one call."""

import functools

import numpy as np

from .errors import StateError
from .fast import MISFITS, _train
from .fast_activations import ACTIVATION_CODES
from .fast_losses import output_rule
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
        penalties), the rings read-only. penalty is (regularization, lambda); the losses are
        the data losses.

        params is the parameters, then the optimizer's state rows (none for plain SGD, the
        default optimizer); the optimizer's settings and step count are read from it.
        batches is (x, t, rows, starts, test_x, test_t), float64 and int64 as a Dataset and
        Session.plan give them; counters is (step0, test_every). snapshots[s % keep] holds
        the parameters from before step s, for the last `keep`; with checkpoint_every,
        ring[(s // every) % checkpoints] those before each step s that is a multiple of it.
        Arrays the loop would read outside of are refused (StateError naming them).
        """
        optimizer = optimizer or PLAIN_SGD
        if params.shape != (self.size * (1 + len(optimizer.state)),):
            raise StateError(f"the parameters do not fit a {list(self.layers)} network")
        if batches[4] is None:
            batches = (*batches[:4], *self.no_test)
        code, hyper = optimizer_codes(optimizer)
        rate = float(penalty[1])
        schedule = (float(lr), int(counters[0]), int(counters[1]), code, hyper, optimizer.step)
        schedule += (PENALTY_NAMES.index(penalty[0]) if rate else NONE, rate)
        rings = (keep, max(1, checkpoint_every), checkpoints if checkpoint_every > 0 else 0)
        done, columns, kept = _train(params, self.spec, batches, schedule, rings)
        if done < 0:
            raise StateError(f"the {MISFITS[-1 - done]} do not fit a {list(self.layers)} network")
        kept.flags.writeable = False  # snapshots: views of it are handed out, never written
        plain = kept.shape[0] - rings[2]
        return done, columns[0], columns[1], (kept[:plain], kept[plain:]), columns[2]


PLAIN_SGD = Optimizer()  # the default rule: no state, never changed


@functools.lru_cache(maxsize=64)
def kernel_for(layers: tuple[int, ...], hidden: str, output: str, loss: str, bias: bool) -> Kernel:
    """The Kernel of a network shape, built once (a Kernel is never changed after it is made)."""
    return Kernel(list(layers), hidden, output, loss, bias)


def warm_up() -> None:
    """Compile (or load from numba's cache) the training loop, so no request waits for it."""
    kernel = Kernel([1, 1], "sigmoid", "sigmoid", "mse", True)
    one, rows = np.ones((1, 1)), np.zeros(1, dtype=np.int64)
    for writeable in (True, False):  # Session.plan's rows: a read-only epoch order, or a copy
        rows.flags.writeable = writeable
        batches = (one, one, rows, np.array([0, 1], dtype=np.int64), None, None)
        kernel.train(np.zeros(2), 0.1, batches, (0, 1), 1, 1, 1)
