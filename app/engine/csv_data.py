"""A dataset from CSV text: numeric input columns and one target column chosen by name."""

import csv
import io
import math

import numpy as np

from .datasets import Dataset
from .errors import EngineError

MAX_CLASSES = 10  # a target of whole numbers with at most this many values is a class label
CSV_FIELD = "dataset.csv"


def _number(text: str) -> float | None:
    """The cell as a finite float, or None when it is not one."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers (the header is line 1)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # blank lines are skipped
            if header is None:
                header = [c.strip() for c in cells]
                _check_header(header, reader.line_num)
            elif len(cells) != len(header):
                raise EngineError(
                    CSV_FIELD,
                    f"line {reader.line_num}: {len(cells)} fields, the header has {len(header)}",
                )
            else:
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise EngineError(CSV_FIELD, f"line {reader.line_num}: {exc}") from exc
    if header is None:
        raise EngineError(CSV_FIELD, "empty: a header row and at least one data row")
    if not rows:
        raise EngineError(CSV_FIELD, "no data rows after the header")
    return header, rows


def _check_header(header: list[str], line: int) -> None:
    """Every column needs a name of its own."""
    seen = set()
    for k, name in enumerate(header, start=1):
        if not name:
            raise EngineError(CSV_FIELD, f"line {line}: column {k} has no name")
        if name in seen:
            raise EngineError(CSV_FIELD, f"line {line}: column {name} appears twice")
        seen.add(name)


def _inputs(rows: list[tuple[int, list[str]]], header: list[str], columns: list[int]) -> np.ndarray:
    """The input cells as numbers, or EngineError naming the first cell that is not one."""
    x = np.empty((len(rows), len(columns)))
    for r, (line, cells) in enumerate(rows):
        for c, k in enumerate(columns):
            value = _number(cells[k])
            if value is None:
                raise EngineError(
                    CSV_FIELD, f'line {line}, column {header[k]}: "{cells[k]}" is not a number'
                )
            x[r, c] = value
    return x


def _target(values: list[str], name: str, lines: list[int]) -> tuple[np.ndarray, dict]:
    """The target matrix and what it is: classes (0/1 or one-hot) or a regression value.

    Text labels, or whole numbers with at most MAX_CLASSES values, are classes; other
    numbers a regression; numbers mixed with text an error naming the first text.
    """
    numbers = [_number(v) for v in values]
    texts = [k for k, n in enumerate(numbers) if n is None]
    if texts and len(texts) < len(values):
        k = texts[0]
        raise EngineError(
            CSV_FIELD, f'line {lines[k]}, column {name}: "{values[k]}" is not a number'
        )
    if texts:
        classes = sorted({v.strip() for v in values})
        index = [classes.index(v.strip()) for v in values]
    elif all(n.is_integer() for n in numbers) and len(set(numbers)) <= MAX_CLASSES:
        labels = sorted(set(numbers))
        classes = [str(int(n)) for n in labels]
        index = [labels.index(n) for n in numbers]
    else:
        return np.array(numbers).reshape(-1, 1), {"task": "regression", "classes": None}
    if len(classes) < 2:
        raise EngineError(
            "dataset.target", f"column {name} has one value ({classes[0]}): nothing to learn"
        )
    if len(classes) == 2:
        t = np.array(index, dtype=float).reshape(-1, 1)
    else:
        t = np.eye(len(classes))[index]
    return t, {"task": "classification", "classes": classes}


def csv_dataset(
    text: str,
    target: str,
    standardize: bool,
    max_rows: int,
    max_inputs: int,
    name: str = "csv",
) -> Dataset:
    """A dataset from CSV text; every problem is an EngineError naming the line and column."""
    header, rows = _read(text)
    if target not in header:
        raise EngineError("dataset.target", f"no column {target!r}; the columns are {header}")
    if len(rows) > max_rows:
        raise EngineError(CSV_FIELD, f"{len(rows)} data rows; at most {max_rows}")
    k_target = header.index(target)
    columns = [k for k in range(len(header)) if k != k_target]
    if not columns:
        raise EngineError(CSV_FIELD, "no input column besides the target")
    if len(columns) > max_inputs:
        raise EngineError(CSV_FIELD, f"{len(columns)} input columns; at most {max_inputs}")
    x = _inputs(rows, header, columns)
    t, about = _target([cells[k_target] for _, cells in rows], target, [n for n, _ in rows])
    scaling = None
    if standardize:
        means, scales = x.mean(axis=0), x.std(axis=0)
        scales[scales == 0] = 1.0  # a constant column stays at 0
        x = (x - means) / scales
        scaling = {"means": means.tolist(), "scales": scales.tolist()}
    meta = {
        "columns": [header[k] for k in columns],
        "target": target,
        **about,
        "standardization": scaling,
    }
    what = f"{about['task']} of {target} from {len(columns)} columns, {len(rows)} rows"
    return Dataset(name, x, t, description=what, meta=meta)
