"""Playground's regression problems: the plane and the six bumps, with and without noise."""

import numpy as np

from app.engine import builtin_dataset
from app.engine.regression import RADIUS, multi_gauss, plane


def test_the_plane_is_x1_plus_x2_over_10_in_playground_units():
    x, t = plane(200, 0.0, 1)
    assert x.shape == (200, 2) and np.abs(x).max() <= 1
    assert np.allclose(t[:, 0], (x * RADIUS).sum(axis=1) / 10)
    noisy_x, noisy_t = plane(200, 0.3, 1)
    assert np.array_equal(noisy_x, x) and not np.allclose(noisy_t, t)


def test_multi_gauss_is_the_strongest_bump_at_each_point():
    x, t = multi_gauss(500, 0.0, 2)
    assert t.min() >= -1 and t.max() <= 1 and (t != 0).any() and (t == 0).any()
    p = x * RADIUS
    for (px, py), value in zip(p, t[:, 0]):
        bumps = [
            s * max(0.0, 1 - np.hypot(px - cx, py - cy) / 2)
            for cx, cy, s in ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1))
            + ((-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))
        ]
        assert np.isclose(value, max(bumps, key=abs))


def test_the_builtins_have_a_test_split_and_are_the_same_each_time():
    for name in ("plane", "multi_gauss"):
        a, b = builtin_dataset(name), builtin_dataset(name)
        assert a.inputs.shape == (240, 2) and a.test_inputs.shape == (60, 2)
        assert a.targets.shape == (240, 1)
        assert np.array_equal(a.inputs, b.inputs) and np.array_equal(a.targets, b.targets)
