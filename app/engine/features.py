"""Input features computed from 2-D points (x1, x2), as TensorFlow Playground offers them."""

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .datasets import Dataset
from .errors import EngineError

Array = np.ndarray

FEATURES: dict[str, Callable[[Array, Array], Array]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1_squared": lambda x1, x2: x1 * x1,
    "x2_squared": lambda x1, x2: x2 * x2,
    "x1_x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}


def check_features(names: Sequence[str]) -> tuple[str, ...]:
    """The names as a tuple, or EngineError on `features` for an unknown or repeated one."""
    for k, name in enumerate(names):
        if name not in FEATURES:
            raise EngineError(
                f"features[{k}]", f"unknown feature {name!r}; one of {list(FEATURES)}"
            )
        if name in names[:k]:
            raise EngineError(f"features[{k}]", f"{name} appears twice")
    return tuple(names)


def feature_matrix(points: Array, names: Sequence[str]) -> Array:
    """Each feature of each 2-D point: (N, 2) -> (N, len(names)), in the order given."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.stack([FEATURES[name](x1, x2) for name in names], axis=1).reshape(-1, len(names))


def with_features(raw: Dataset, names: Sequence[str]) -> Dataset:
    """The dataset whose inputs are these features of raw's 2-D points (no names: raw itself).

    The result keeps raw (its points are what a plot shows and what the store keeps).
    """
    names = check_features(names)
    if not names:
        return raw
    for field, x in (("inputs", raw.inputs), ("test_inputs", raw.test_inputs)):
        if x is not None and x.shape[1] != 2:
            raise EngineError(
                f"dataset.{field}",
                f"features are computed from 2-D points (x1, x2); these rows have "
                f"{x.shape[1]} columns",
            )

    def of(x: Array | None) -> Array | None:
        return None if x is None else feature_matrix(x, names)

    return replace(
        raw, inputs=of(raw.inputs), test_inputs=of(raw.test_inputs), features=names, raw=raw
    )


def points_of(data: Dataset) -> Dataset:
    """The dataset as given, before any features were computed from it."""
    return data if data.raw is None else data.raw
