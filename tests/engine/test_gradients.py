"""Backprop against centered finite differences, for every activation and loss pairing."""

import numpy as np
import pytest

from app.engine import gradient_check

from .cases import COMBINATIONS, case_id, extended_differences, make_case

SEEDS = (0, 1)


def norm_relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||), zero when both are zero."""
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("combo", COMBINATIONS, ids=case_id)
def test_backprop_matches_engine_gradient_check(combo, seed):
    """app.engine.gradient_check (float64, eps 1e-6) agrees with backprop.

    In float64 the differences carry a rounding floor of about 1e-10 (ulp(E) / eps), so an
    entry of 1e-4 (leaky ReLU's 0.01 slope makes such entries) cannot show an elementwise
    relative error below 1e-7 here; we hold each tensor to a norm-wise relative error
    below 1e-7 and every entry to an absolute error below 1e-8. The extended-precision
    test below holds every entry to an elementwise relative error below 1e-7.
    """
    net, x, t = make_case(*combo, seed=seed)
    before = [w.copy() for w in net.weights]
    check = gradient_check(net, x, t)
    assert check.max_abs_error < 1e-8
    pairs = zip(
        check.numeric_weights + check.numeric_biases,
        check.backprop_weights + check.backprop_biases,
    )
    for numeric, backprop in pairs:
        assert numeric.shape == backprop.shape
        assert norm_relative_error(numeric, backprop) < 1e-7
    for w, w0 in zip(net.weights, before):  # the check leaves the network alone
        np.testing.assert_array_equal(w, w0)


@pytest.mark.skipif(
    np.finfo(np.longdouble).eps > 1e-18, reason="np.longdouble has no extra precision here"
)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("combo", COMBINATIONS, ids=case_id)
def test_backprop_matches_extended_precision_differences(combo, seed):
    """Every dE/dw and dE/db is within 1e-7 relative error of centered differences taken in
    extended precision on a forward pass written independently of the engine."""
    net, x, t = make_case(*combo, seed=seed)
    trace = net.forward(x, t)
    grads = net.backward(trace, t)
    num_w, num_b = extended_differences(net, x, t)
    backprop = grads.weights + (grads.biases if net.use_bias else [])
    worst = 0.0
    for numeric, exact in zip(num_w + num_b, backprop):
        numeric = numeric.astype(np.float64)
        rel = np.abs(numeric - exact) / np.maximum(np.abs(numeric) + np.abs(exact), 1e-12)
        worst = max(worst, float(np.max(rel)))
    assert worst < 1e-7
    if not net.use_bias:
        assert all(np.all(b == 0) for b in grads.biases)
