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


def encode_dataset(dataset: Dataset, builtin: bool) -> tuple[str, bytes | None]:
    """The dataset columns: a JSON header, and every row as little-endian float64.

    A built-in is stored by name alone (it is regenerated exactly) and has no rows.
    """
    if builtin:
        return json.dumps({"builtin": dataset.name}), None
    arrays = {k: getattr(dataset, k) for k in DATASET_ARRAYS}
    header = {
        "name": dataset.name,
        "description": dataset.description,
        "shapes": {k: None if a is None else list(a.shape) for k, a in arrays.items()},
    }
    rows = b"".join(a.astype("<f8").tobytes() for a in arrays.values() if a is not None)
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
    flat = np.frombuffer(rows or b"", dtype="<f8")
    arrays, at = {}, 0
    for key in DATASET_ARRAYS:
        shape = doc["shapes"][key]
        if shape is not None:
            size = int(np.prod(shape))
            arrays[key] = flat[at : at + size].astype(np.float64).reshape(shape)
            at += size
    if at != flat.size:
        raise ValueError(f"dataset rows hold {flat.size} numbers, the header says {at}")
    return Dataset(doc["name"], description=doc["description"], **arrays)
