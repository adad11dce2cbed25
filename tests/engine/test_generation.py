"""Generated built-ins made to measure: size, noise, train share and seed."""

import numpy as np
import pytest

from app.engine import EngineError, builtin_dataset, generated
from app.engine.generators import GENERATORS


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_defaults_are_the_builtin_bit_for_bit(name):
    a, b = generated(name), builtin_dataset(name)
    for key in ("inputs", "targets", "test_inputs", "test_targets"):
        assert np.array_equal(getattr(a, key), getattr(b, key)), key
    assert a.generation == {
        "points": 300,
        "noise": None,
        "train_percent": 80,
        "data_seed": GENERATORS[name].seed,
    }


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_points_train_percent_and_seed_shape_the_data(name):
    data = generated(name, points=100, train_percent=70, data_seed=9)
    assert data.size + len(data.test_inputs) == 100 and len(data.test_inputs) == 30
    again = generated(name, points=100, train_percent=70, data_seed=9)
    other = generated(name, points=100, train_percent=70, data_seed=10)
    assert np.array_equal(data.inputs, again.inputs)
    assert not np.array_equal(data.inputs, other.inputs)


def test_noise_follows_playgrounds_scale():
    def wrong_side(noise):
        # circle: with noise a point's class is read at a shifted place, so some cross over
        d = generated("circle", points=1000, noise=noise)
        r = np.hypot(d.inputs[:, 0], d.inputs[:, 1]) * 5
        return np.mean((r < 2.5) != (d.targets[:, 0] == 1))

    assert wrong_side(0) == 0 and 0 < wrong_side(10) < wrong_side(50)
    spread = [generated("gaussian", points=2000, noise=n).inputs.std() for n in (0, 50)]
    assert spread[0] < spread[1]
    plane = generated("plane", noise=0)
    assert np.allclose(plane.targets[:, 0], plane.inputs.sum(axis=1) * 6 / 10)
    assert not np.allclose(generated("plane", noise=30).targets, plane.targets)


def test_only_generated_builtins_are_made_to_measure():
    with pytest.raises(EngineError) as info:
        generated("xor", points=10)
    assert info.value.field == "dataset.generate"
