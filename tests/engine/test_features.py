"""Input features from 2-D points: the values, their order, and what they refuse."""

import numpy as np
import pytest

from app.engine import FEATURES, EngineError, builtin_dataset, feature_matrix, with_features
from app.engine.features import points_of

POINTS = np.array([[0.5, -2.0], [3.0, 0.25]])


def test_every_feature_is_its_formula_in_the_order_asked():
    got = feature_matrix(POINTS, list(FEATURES))
    x1, x2 = POINTS[:, 0], POINTS[:, 1]
    expected = np.stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)], axis=1)
    assert np.array_equal(got, expected)
    assert feature_matrix(POINTS, ["x1_x2", "x1"]).tolist() == [[-1.0, 0.5], [0.75, 3.0]]
    assert feature_matrix(np.zeros((0, 2)), ["x1", "x2"]).shape == (0, 2)


def test_with_features_computes_train_and_test_inputs_and_keeps_the_points():
    raw = builtin_dataset("circle")
    data = with_features(raw, ["x1_squared", "x2_squared"])
    assert data.features == ("x1_squared", "x2_squared") and data.raw is raw
    assert np.array_equal(data.inputs, raw.inputs**2)
    assert np.array_equal(data.test_inputs, raw.test_inputs**2)
    assert data.targets is raw.targets and points_of(data) is raw
    assert with_features(raw, []) is raw


@pytest.mark.parametrize(
    ("names", "field", "message"),
    [
        (["x1", "x3"], "features[1]", "unknown feature 'x3'"),
        (["x1", "x2", "x1"], "features[2]", "x1 appears twice"),
    ],
)
def test_unknown_or_repeated_features_are_refused(names, field, message):
    with pytest.raises(EngineError) as info:
        with_features(builtin_dataset("xor"), names)
    assert info.value.field == field and info.value.message.startswith(message)


def test_features_need_2d_points():
    with pytest.raises(EngineError) as info:
        with_features(builtin_dataset("digits"), ["x1"])
    assert info.value.field == "dataset.inputs" and "64 columns" in info.value.message
