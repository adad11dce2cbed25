"""The compiled loop's tanh (fast_activations._tanh) against the C library's."""

import math

import numpy as np
from numba import njit

from app.engine.fast_activations import _tanh


@njit
def _tanh_all(x):
    out = np.empty_like(x)
    for i in range(x.shape[0]):
        out[i] = _tanh(x[i])
    return out


def test_tanh_is_within_2_ulp_of_libm_over_every_scale():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(0.0, scale, 20_000) for scale in (1e-12, 1e-4, 0.3, 1, 4, 30)])
    ours = _tanh_all(x)
    libm = np.array([math.tanh(v) for v in x])
    assert np.all(np.abs(ours - libm) <= 2 * np.spacing(np.abs(libm)))
    assert np.array_equal(np.sign(ours), np.sign(x))  # odd, and 0 only at 0


def test_tanh_keeps_zeros_infinities_and_nan():
    edges = np.array([0.0, -0.0, np.inf, -np.inf, 1e-300, -5e-324, 30.0])
    ours = _tanh_all(edges)
    assert ours.tolist()[2:] == [1.0, -1.0, 1e-300, -5e-324, 1.0]
    assert math.copysign(1.0, ours[0]) == 1.0 and math.copysign(1.0, ours[1]) == -1.0
    assert np.isnan(_tanh_all(np.array([np.nan]))[0])
