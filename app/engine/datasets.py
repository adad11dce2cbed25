"""Built-in datasets and the deterministic mini-batch order over them."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .digits import digits_arrays
from .errors import EngineError
from .generators import GENERATORS
from .validation import as_matrix

Array = np.ndarray


@dataclass
class Dataset:
    """Inputs and targets (rows are examples), with an optional test split."""

    name: str
    inputs: Array  # (N, n_in)
    targets: Array  # (N, n_out)
    test_inputs: Array | None = None
    test_targets: Array | None = None
    description: str = ""
    meta: dict = field(default_factory=dict)  # what a CSV's columns were (JSON-ready)
    image: tuple[int, int] | None = None  # (rows, columns) when each input row is an image
    features: tuple[str, ...] = ()  # inputs computed from raw's 2-D points (features.py)
    raw: "Dataset | None" = None  # the points the features were computed from
    generation: dict | None = None  # a generated built-in's points, noise, train %, seed

    @property
    def size(self) -> int:
        """How many training examples."""
        return int(self.inputs.shape[0])

    def shape_errors(self, n_in: int, n_out: int) -> list[tuple[str, str]]:
        """(field, message) for every array, train and test, that does not fit n_in -> n_out."""
        errors = []
        if (self.test_inputs is None) != (self.test_targets is None):
            errors.append(("test_inputs", "test_inputs and test_targets come together"))
        for name, arr, columns, side in (
            ("inputs", self.inputs, n_in, "input"),
            ("targets", self.targets, n_out, "output"),
            ("test_inputs", self.test_inputs, n_in, "input"),
            ("test_targets", self.test_targets, n_out, "output"),
        ):
            if arr is None:
                continue
            if arr.ndim != 2 or arr.shape[1] != columns or arr.dtype != np.float64:
                got = arr.shape[1] if arr.ndim == 2 else f"shape {arr.shape}"
                errors.append(
                    (name, f"has {got} columns but the network's {side} layer has {columns} units")
                )
        for name, x, t in (
            ("targets", self.inputs, self.targets),
            ("test_targets", self.test_inputs, self.test_targets),
        ):
            if x is not None and t is not None and x.shape[0] != t.shape[0]:
                errors.append((name, f"{t.shape[0]} rows for {x.shape[0]} inputs"))
        return errors

    def check_fits(self, n_in: int, n_out: int) -> None:
        """Raise EngineError naming the first array that does not fit n_in -> n_out."""
        for name, message in self.shape_errors(n_in, n_out):
            raise EngineError(f"dataset.{name}", message)


def _columns(rows: object) -> int:
    """The column count of the first row, or -1 when there is no first row to read."""
    if isinstance(rows, list) and rows and isinstance(rows[0], list):
        return len(rows[0])
    return -1


def inline_dataset(inputs: object, targets: object, name: str = "custom") -> Dataset:
    """A dataset from plain lists, checked for shape and finiteness."""
    xs = as_matrix(inputs, _columns(inputs), "dataset.inputs")
    ts = as_matrix(targets, _columns(targets), "dataset.targets")
    if xs.shape[0] != ts.shape[0]:
        raise EngineError("dataset.targets", f"{ts.shape[0]} rows for {xs.shape[0]} inputs")
    return Dataset(name, xs, ts)


def _truth_table(name: str, outputs: list[int], text: str) -> Dataset:
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return Dataset(name, x, np.array(outputs, dtype=float).reshape(4, 1), description=text)


POINTS, TRAIN_PERCENT = 300, 80  # a generated built-in's size and train share by default


def generated(
    name: str,
    points: int = POINTS,
    noise: float | None = None,
    train_percent: int = TRAIN_PERCENT,
    data_seed: int | None = None,
) -> Dataset:
    """A generated built-in: its size, noise (0-50, Playground's scale; None: its own),
    percent of points to train on (the rest are the test split) and seed."""
    if name not in GENERATORS:
        raise EngineError(
            "dataset.generate", f"{name!r} is not generated; one of {sorted(GENERATORS)}"
        )
    maker = GENERATORS[name]
    seed = maker.seed if data_seed is None else data_seed
    x, t = maker.make(points, None if noise is None else noise / 100, seed)
    n_test = len(x) * (100 - train_percent) // 100
    data = Dataset(name, x[n_test:], t[n_test:], x[:n_test], t[:n_test], maker.description)
    data.generation = {
        "points": points,
        "noise": noise,
        "train_percent": train_percent,
        "data_seed": seed,
    }
    return data


def _digits() -> Dataset:
    x, t, test_x, test_t = digits_arrays()
    text = "8x8 handwritten digits (UCI, CC BY 4.0): 64 pixels in [0, 1], 10 classes"
    return Dataset("digits", x, t, test_x, test_t, text, image=(8, 8))


DATASETS: dict[str, Callable[[], Dataset]] = {
    "xor": lambda: _truth_table("xor", [0, 1, 1, 0], "XOR: not linearly separable"),
    "and": lambda: _truth_table("and", [0, 0, 0, 1], "AND: linearly separable"),
    "or": lambda: _truth_table("or", [0, 1, 1, 1], "OR: linearly separable"),
    **{name: functools.partial(generated, name) for name in GENERATORS},
    "digits": _digits,
    "article": lambda: Dataset(
        "article",
        np.array([[10.0]]),
        np.array([[1.0]]),
        description="the article's one example: x = 10, d = 1",
    ),
}


def builtin_dataset(name: str) -> Dataset:
    """A built-in dataset by name."""
    if name not in DATASETS:
        raise EngineError("dataset", f"unknown dataset {name!r}; one of {sorted(DATASETS)}")
    return DATASETS[name]()


def batch_indices(size: int, cursor: int, batch_size: int, seed: int) -> tuple[Array, int]:
    """Rows of the mini-batch starting at `cursor` (examples served so far) and the next cursor.

    Each epoch visits every row once in an order fixed by (seed, epoch); a batch never
    straddles two epochs, so the same cursor always gives the same batch.
    """
    epoch, position = divmod(cursor, size)
    rows = batch_permutation(size, epoch, seed)[position : position + batch_size]
    return rows, cursor + len(rows)


@functools.lru_cache(maxsize=16)
def batch_permutation(size: int, epoch: int, seed: int) -> Array:
    """The order in which epoch `epoch` visits the rows (read-only: kept for the next call).

    Play mode asks for the same epoch's order over and over, one request at a time, and
    seeding a generator costs more than the rest of an epoch of a small network.
    """
    order = np.random.default_rng([seed, epoch]).permutation(size)
    order.flags.writeable = False
    return order
