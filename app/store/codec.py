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


def encode_dataset(dataset: Dataset, builtin: bool) -> str:
    """The dataset column: a built-in's name (it is regenerated exactly), else all its rows."""
    return json.dumps({"builtin": dataset.name} if builtin else dataset_document(dataset))


_BUILTIN_CACHE: dict[str, Dataset] = {}


def decode_dataset(text: str) -> Dataset:
    """The inverse of encode_dataset; built-ins are generated once per process."""
    doc = json.loads(text)
    if "builtin" in doc:
        name = doc["builtin"]
        if name not in _BUILTIN_CACHE:
            _BUILTIN_CACHE[name] = builtin_dataset(name)
        return _BUILTIN_CACHE[name]
    return dataset_from_document(doc)
