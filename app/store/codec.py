"""Packing a network's parameters and dataset into SQLite column values, exactly."""

import functools
import json

import numpy as np

from app.engine import (
    Dataset,
    Optimizer,
    builtin_dataset,
    generated,
    points_of,
    with_features,
)
from app.engine.errors import StateError
from app.engine.parameters import layout_for

from .arrays import decode_arrays, encode_arrays

Array = np.ndarray


def pack_parameters(weights: list[Array], biases: list[Array]) -> bytes:
    """Every weight then every bias as little-endian float64, bit for bit (the engine's layout)."""
    layers = (*(w.shape[1] for w in weights), weights[-1].shape[0])
    return layout_for(layers).to_bytes(weights, biases)


def unpack_parameters(blob: bytes, layers: list[int]) -> tuple[list[Array], list[Array]]:
    """The inverse of pack_parameters for a network with these layer sizes."""
    return layout_for(tuple(layers)).from_bytes(blob)


def flat_bytes(params: Array) -> bytes:
    """A flat parameter vector (the engine's layout) as pack_parameters writes it."""
    return params.astype("<f8", copy=False).tobytes()


def flat_parameters(blob: bytes, size: int) -> Array:
    """The inverse of flat_bytes: a new (size,) float64 vector."""
    params = np.frombuffer(blob, dtype="<f8").astype(np.float64)
    if params.shape != (size,):
        raise StateError(f"stored parameters hold {params.size} numbers, not {size}")
    return params


def encode_optimizer(opt: Optimizer) -> tuple[str, bytes | None]:
    """The optimizer as JSON (its name, settings and step count) and its state's bytes."""
    doc = json.dumps({**opt.config, "step": opt.step})
    return doc, (opt.state.astype("<f8").tobytes() if opt.state.size else None)


def decode_optimizer(doc: str | None, state: bytes | None, size: int) -> Optimizer | None:
    """The inverse of encode_optimizer for `size` parameters; None for rows without one."""
    if doc is None:
        return None
    given = json.loads(doc)
    name, step = given.pop("name"), given.pop("step")
    opt = Optimizer.fresh(name, given, size)
    if state is not None:
        opt.state = np.frombuffer(state, dtype="<f8").astype(np.float64).reshape(opt.state.shape)
    opt.step = step
    return opt


def _rows(values: Array | None) -> list | None:
    return None if values is None else values.tolist()


def dataset_document(dataset: Dataset) -> dict:
    """A dataset as plain data: all of it, so it can be recreated without this code.

    With features, the rows are the 2-D points they are computed from.
    """
    dataset = points_of(dataset)
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
    """The dataset columns: a JSON header, and the arrays as compact exact bytes.

    0/1 targets take a byte a number, full-precision floats eight; a built-in is stored by
    name alone (it is regenerated exactly) and has no rows. With features, the 2-D points
    are stored and the feature names; the features are computed again on loading.
    """
    features = {"features": list(dataset.features)} if dataset.features else {}
    points = points_of(dataset)
    if builtin:
        made = {"generation": points.generation} if points.generation else {}
        return json.dumps({"builtin": points.name, **made, **features}), None
    header, rows = encode_arrays({k: getattr(points, k) for k in DATASET_ARRAYS})
    header.update(name=points.name, description=points.description, meta=points.meta, **features)
    return json.dumps(header), rows


@functools.lru_cache(maxsize=32)
def _builtin(name: str, generation: str) -> Dataset:
    """A stored built-in, regenerated (made as its JSON `generation` says, when given)."""
    made = json.loads(generation)
    return builtin_dataset(name) if made is None else generated(name, **made)


def decode_dataset(header: str, rows: bytes | None = None) -> Dataset:
    """The inverse of encode_dataset; also reads the all-JSON rows earlier versions wrote."""
    doc = json.loads(header)
    if "builtin" in doc:
        points = _builtin(doc["builtin"], json.dumps(doc.get("generation"), sort_keys=True))
    elif "shapes" not in doc:
        points = dataset_from_document(doc)
    else:
        arrays = decode_arrays(doc, rows)
        points = Dataset(
            doc["name"], description=doc["description"], meta=doc.get("meta", {}), **arrays
        )
    return with_features(points, doc.get("features", ()))


Batch = tuple[Array, Array, float]  # a step's inputs, targets and learning rate


def encode_batch(batch: Batch | None) -> tuple[str | None, bytes | None]:
    """The last-batch columns: a JSON header (with the learning rate) and the arrays' bytes."""
    if batch is None:
        return None, None
    x, t, alpha = batch
    header, rows = encode_arrays({"inputs": x, "targets": t})
    return json.dumps({**header, "learning_rate": alpha}), rows


def decode_batch(header: str | None, rows: bytes | None, learning_rate: float) -> Batch | None:
    """The inverse of encode_batch; also reads earlier versions' JSON (rate: the network's)."""
    if header is None:
        return None
    doc = json.loads(header)
    alpha = doc.get("learning_rate", learning_rate)
    if "shapes" not in doc:
        return np.array(doc["inputs"], dtype=float), np.array(doc["targets"], dtype=float), alpha
    arrays = decode_arrays(doc, rows)
    return arrays["inputs"], arrays["targets"], alpha
