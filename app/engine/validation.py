"""Strict conversion of plain lists to float arrays of a known shape."""

import numpy as np

from .errors import EngineError

Array = np.ndarray


def as_array(values: object, field: str) -> Array:
    """A finite float64 array from nested lists of numbers (no booleans, no strings)."""
    if isinstance(values, np.ndarray):
        if values.dtype == bool or not np.issubdtype(values.dtype, np.number):
            raise EngineError(field, "must hold numbers")
        arr = values.astype(np.float64)
    else:
        _check_numbers(values, field)
        try:
            arr = np.array(values, dtype=np.float64)
        except (ValueError, TypeError) as exc:
            raise EngineError(field, "must be a rectangular array of numbers") from exc
    if not np.all(np.isfinite(arr)):
        raise EngineError(field, "must hold finite numbers only (no NaN or infinity)")
    return arr


def _check_numbers(values: object, field: str) -> None:
    if isinstance(values, bool):
        raise EngineError(field, "booleans are not numbers here")
    if isinstance(values, list | tuple):
        for v in values:
            _check_numbers(v, field)
    elif not isinstance(values, int | float | np.number):
        raise EngineError(field, f"must hold numbers, got {type(values).__name__}")


def as_matrix(values: object, columns: int, field: str) -> Array:
    """A (rows, columns) float matrix with at least one row."""
    arr = as_array(values, field)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] != columns:
        raise EngineError(field, f"must have shape (rows >= 1, {columns}), got {arr.shape}")
    return arr


def as_parameters(values: object, shapes: list[tuple[int, ...]], field: str) -> list[Array]:
    """A list of arrays with exactly the given shapes."""
    if not isinstance(values, list | tuple) or len(values) != len(shapes):
        raise EngineError(field, f"must be a list of {len(shapes)} arrays")
    out = []
    for l, (v, shape) in enumerate(zip(values, shapes)):
        arr = as_array(v, f"{field}[{l}]")
        if arr.shape != shape:
            raise EngineError(f"{field}[{l}]", f"must have shape {shape}, got {arr.shape}")
        out.append(arr)
    return out
