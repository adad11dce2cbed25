"""Built-in datasets load with consistent shapes; mini-batches cover each epoch once."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine import DATASETS, EngineError, Network, batch_indices, builtin_dataset
from app.engine.datasets import inline_dataset


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_builtin_dataset_loads(name):
    data = builtin_dataset(name)
    assert data.name == name
    assert data.description
    assert data.inputs.ndim == 2 and data.targets.ndim == 2
    assert data.inputs.shape[0] == data.targets.shape[0] == data.size >= 1
    assert np.all(np.isfinite(data.inputs)) and np.all(np.isfinite(data.targets))
    if data.test_inputs is not None:
        assert data.test_targets is not None
        assert data.test_inputs.shape[1] == data.inputs.shape[1]
        assert data.test_targets.shape[1] == data.targets.shape[1]
        assert data.test_inputs.shape[0] == data.test_targets.shape[0] >= 1
    # loading twice gives the same data, and a matching network accepts it
    again = builtin_dataset(name)
    np.testing.assert_array_equal(data.inputs, again.inputs)
    np.testing.assert_array_equal(data.targets, again.targets)
    net = Network.create([data.inputs.shape[1], 3, data.targets.shape[1]], seed=0)
    assert np.isfinite(net.forward(data.inputs, data.targets).loss)


def test_classification_targets_are_labels():
    for name in ("xor", "and", "or", "circle", "gaussian", "spiral", "blobs3"):
        targets = builtin_dataset(name).targets
        assert set(np.unique(targets)) <= {0.0, 1.0}
    assert np.all(builtin_dataset("blobs3").targets.sum(axis=1) == 1.0)  # one-hot


def test_unknown_dataset_is_refused():
    with pytest.raises(EngineError) as err:
        builtin_dataset("mnist")
    assert err.value.field == "dataset"


def test_inline_dataset_checks_shapes():
    data = inline_dataset([[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]])
    assert data.size == 2
    with pytest.raises(EngineError) as err:
        inline_dataset([[0.0, 1.0], [1.0, 0.0]], [[1.0]])
    assert err.value.field == "dataset.targets"
    with pytest.raises(EngineError) as err:
        inline_dataset([[0.0, 1.0], [1.0]], [[1.0], [0.0]])
    assert err.value.field == "dataset.inputs"


@settings(max_examples=80, deadline=None)
@given(
    size=st.integers(1, 60),
    batch=st.integers(1, 70),
    seed=st.integers(0, 2**32 - 1),
    epoch=st.integers(0, 5),
)
def test_batches_visit_every_row_once_per_epoch(size, batch, seed, epoch):
    cursor = epoch * size
    seen = []
    while cursor < (epoch + 1) * size:
        rows, following = batch_indices(size, cursor, batch, seed)
        assert 1 <= len(rows) <= batch
        assert following == cursor + len(rows)
        again, _ = batch_indices(size, cursor, batch, seed)  # same cursor, same batch
        np.testing.assert_array_equal(rows, again)
        seen.extend(rows.tolist())
        cursor = following
    assert cursor == (epoch + 1) * size  # no batch straddles two epochs
    assert sorted(seen) == list(range(size))


def test_epochs_are_reshuffled_but_reproducible():
    first = np.concatenate([batch_indices(50, c, 10, seed=7)[0] for c in range(0, 50, 10)])
    second = np.concatenate([batch_indices(50, c, 10, seed=7)[0] for c in range(50, 100, 10)])
    assert not np.array_equal(first, second)
    other_seed = np.concatenate([batch_indices(50, c, 10, seed=8)[0] for c in range(0, 50, 10)])
    assert not np.array_equal(first, other_seed)
