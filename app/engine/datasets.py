"""Built-in datasets and the deterministic mini-batch order over them."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .digits import digits_arrays
from .errors import EngineError
from .regression import multi_gauss, plane
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


def _split(name: str, x: Array, t: Array, text: str, test_fraction: float = 0.2) -> Dataset:
    n_test = int(len(x) * test_fraction)
    return Dataset(name, x[n_test:], t[n_test:], x[:n_test], t[:n_test], text)


def _circle(n: int = 300, seed: int = 1) -> Dataset:
    # class 1 inside radius 2.5, class 0 on a ring from 3.5 to 5, with noise
    rng = np.random.default_rng(seed)
    inner = rng.uniform(0, 2.5, n // 2)
    outer = rng.uniform(3.5, 5.0, n - n // 2)
    r = np.concatenate([inner, outer])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1) / 5.0
    t = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])
    order = rng.permutation(n)
    return _split(
        "circle", x[order], t[order, None], "class 1 inside a circle, class 0 on a ring around it"
    )


def _gaussian(n: int = 300, seed: int = 2) -> Dataset:
    # two Gaussian clouds at (2, 2) and (-2, -2), scaled into [-1, 1]
    rng = np.random.default_rng(seed)
    pos = rng.normal(2.0, 1.0, size=(n // 2, 2))
    neg = rng.normal(-2.0, 1.0, size=(n - n // 2, 2))
    x = np.concatenate([pos, neg]) / 5.0
    t = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])
    order = rng.permutation(n)
    return _split("gaussian", x[order], t[order, None], "two Gaussian clouds, linearly separable")


def _spiral(n: int = 300, seed: int = 3) -> Dataset:
    # two interleaved spirals, as in TensorFlow Playground
    rng = np.random.default_rng(seed)
    half = n // 2
    xs, ts = [], []
    for label, delta in ((1.0, 0.0), (0.0, np.pi)):
        i = np.arange(half)
        r = i / half * 5.0
        theta = 1.75 * i / half * 2 * np.pi + delta
        pts = np.stack([r * np.sin(theta), r * np.cos(theta)], axis=1)
        xs.append(pts + rng.uniform(-0.1, 0.1, size=pts.shape))
        ts.append(np.full(half, label))
    x, t = np.concatenate(xs) / 5.0, np.concatenate(ts)
    order = rng.permutation(len(x))
    return _split("spiral", x[order], t[order, None], "two interleaved spirals, hard")


def _blobs3(n: int = 300, seed: int = 4) -> Dataset:
    # three classes of 2-D points around the corners of a triangle, one-hot targets
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.6], [-0.55, -0.4], [0.55, -0.4]])
    labels = rng.integers(0, 3, n)
    x = centres[labels] + rng.normal(0.0, 0.2, size=(n, 2))
    t = np.eye(3)[labels]
    return _split("blobs3", x, t, "three classes of 2-D points (softmax, one-hot targets)")


def _digits() -> Dataset:
    x, t, test_x, test_t = digits_arrays()
    text = "8x8 handwritten digits (UCI, CC BY 4.0): 64 pixels in [0, 1], 10 classes"
    return Dataset("digits", x, t, test_x, test_t, text, image=(8, 8))


DATASETS: dict[str, Callable[[], Dataset]] = {
    "xor": lambda: _truth_table("xor", [0, 1, 1, 0], "XOR: not linearly separable"),
    "and": lambda: _truth_table("and", [0, 0, 0, 1], "AND: linearly separable"),
    "or": lambda: _truth_table("or", [0, 1, 1, 1], "OR: linearly separable"),
    "circle": _circle,
    "gaussian": _gaussian,
    "spiral": _spiral,
    "blobs3": _blobs3,
    "plane": lambda: _split(
        "plane", *plane(300, 0.0, 5), "regression: the tilted plane (x1 + x2) / 10 (Playground's)"
    ),
    "multi_gauss": lambda: _split(
        "multi_gauss",
        *multi_gauss(300, 0.0, 6),
        "regression: six bumps of +1 and -1 (Playground's)",
    ),
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
