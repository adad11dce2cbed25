"""Packing a network's parameters and dataset into SQLite column values, exactly."""

import json

import numpy as np

from app.engine import Dataset, builtin_dataset

Array = np.ndarray


def pack_parameters(weights: list[Array], biases: list[Array]) -> bytes:
    """Every weight then every bias as little-endian float64, bit for bit."""
    return np.concatenate([p.ravel() for p in (*weights, *biases)]).astype("<f8").tobytes()


def unpack_parameters(blob: bytes, layers: list[int]) -> tuple[list[Array], list[Array]]:
    """The inverse of pack_parameters for a network with these layer sizes."""
    flat = np.frombuffer(blob, dtype="<f8").astype(np.float64)
    weights, biases, at = [], [], 0
    for n_in, n_out in zip(layers, layers[1:]):
        weights.append(flat[at : at + n_in * n_out].reshape(n_out, n_in).copy())
        at += n_in * n_out
    for n_out in layers[1:]:
        biases.append(flat[at : at + n_out].copy())
        at += n_out
    return weights, biases


def _rows(values: Array | None) -> list | None:
    return None if values is None else values.tolist()


def dataset_document(dataset: Dataset) -> dict:
    """A dataset as plain data: all of it, so it can be recreated without this code."""
    return {
        "name": dataset.name,
        "description": dataset.description,
        "inputs": dataset.inputs.tolist(),
        "targets": dataset.targets.tolist(),
        "test_inputs": _rows(dataset.test_inputs),
        "test_targets": _rows(dataset.test_targets),
    }


def dataset_from_document(doc: dict) -> Dataset:
    """The inverse of dataset_document."""

    def arr(key: str) -> Array | None:
        return None if doc.get(key) is None else np.array(doc[key], dtype=np.float64)

    return Dataset(
        doc["name"],
        arr("inputs"),
        arr("targets"),
        arr("test_inputs"),
        arr("test_targets"),
        doc.get("description", ""),
    )


DATASET_ARRAYS = ("inputs", "targets", "test_inputs", "test_targets")

INTEGER_DTYPES = ("|i1", "|u1", "<i2", "<i4")


def narrowest_dtype(values: Array) -> str:
    """The smallest little-endian dtype that stores these float64 values bit for bit."""
    if values.size == 0:
        return "|i1"
    negative_zero = np.any(np.signbit(values) & (values == 0))
    if not negative_zero and np.array_equal(np.trunc(values), values):
        low, high = values.min(), values.max()
        for dtype in INTEGER_DTYPES:
            if np.iinfo(dtype).min <= low and high <= np.iinfo(dtype).max:
                return dtype
    with np.errstate(over="ignore"):
        if np.array_equal(values.astype("<f4"), values):  # float32 keeps -0.0's sign
            return "<f4"
    return "<f8"


def encode_dataset(dataset: Dataset, builtin: bool) -> tuple[str, bytes | None]:
    """The dataset columns: a JSON header, and each array's bytes in its narrowest exact dtype.

    0/1 targets take a byte a number, full-precision floats eight; a built-in is stored by
    name alone (it is regenerated exactly) and has no rows.
    """
    if builtin:
        return json.dumps({"builtin": dataset.name}), None
    arrays = {k: getattr(dataset, k) for k in DATASET_ARRAYS if getattr(dataset, k) is not None}
    dtypes = {k: narrowest_dtype(a) for k, a in arrays.items()}
    header = {
        "name": dataset.name,
        "description": dataset.description,
        "shapes": {k: list(arrays[k].shape) if k in arrays else None for k in DATASET_ARRAYS},
        "dtypes": dtypes,
    }
    rows = b"".join(a.astype(dtypes[k]).tobytes() for k, a in arrays.items())
    return json.dumps(header), rows


_BUILTIN_CACHE: dict[str, Dataset] = {}


def decode_dataset(header: str, rows: bytes | None = None) -> Dataset:
    """The inverse of encode_dataset; also reads the all-JSON rows earlier versions wrote."""
    doc = json.loads(header)
    if "builtin" in doc:
        name = doc["builtin"]
        if name not in _BUILTIN_CACHE:
            _BUILTIN_CACHE[name] = builtin_dataset(name)
        return _BUILTIN_CACHE[name]
    if "shapes" not in doc:
        return dataset_from_document(doc)
    rows = rows or b""
    arrays, at = {}, 0
    for key in DATASET_ARRAYS:
        shape = doc["shapes"][key]
        if shape is not None:
            dtype = np.dtype(doc["dtypes"][key])
            count = int(np.prod(shape))
            if at + count * dtype.itemsize > len(rows):
                raise ValueError(f"dataset rows end before {key}'s {count} numbers")
            flat = np.frombuffer(rows, dtype=dtype, count=count, offset=at)
            arrays[key] = flat.astype(np.float64).reshape(shape)
            at += count * dtype.itemsize
    if at != len(rows):
        raise ValueError(f"dataset rows hold {len(rows)} bytes, the header says {at}")
    return Dataset(doc["name"], description=doc["description"], **arrays)
