"""Refused steps change nothing; saturated activations keep losses and gradients finite."""

import numpy as np
import pytest

from app.engine import DivergenceError, Network

from .cases import make_case


def params(net: Network) -> list[np.ndarray]:
    return [p.copy() for p in (*net.weights, *net.biases)]


@pytest.mark.parametrize(
    ("hidden", "output", "loss"),
    [("tanh", "linear", "mse"), ("relu", "relu", "mse"), ("sigmoid", "softmax", "mse")],
)
def test_diverging_step_is_refused_and_changes_nothing(hidden, output, loss):
    net, x, t = make_case(hidden, loss, output, True, seed=0)
    t = t * 1e3
    before = params(net)
    with pytest.raises(DivergenceError):
        net.step(x, t, 1e308)
    for p, p0 in zip(params(net), before):
        np.testing.assert_array_equal(p, p0)
    net.step(x, t, 1e-3)  # a sane rate still works afterwards


def test_repeated_large_steps_end_in_refusal_not_nan():
    """Blowing up over several steps: each step either succeeds finitely or is refused."""
    net = Network.create([2, 3, 1], "relu", "linear", "mse", seed=0)
    x, t = [[100.0, 200.0]], [[5e3]]
    with pytest.raises(DivergenceError):
        for _ in range(200):
            kept = params(net)
            net.step(x, t, 10.0)
            assert all(np.all(np.isfinite(p)) for p in params(net))
    for p, p0 in zip(params(net), kept):
        np.testing.assert_array_equal(p, p0)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy", "binary_cross_entropy"])
@pytest.mark.parametrize("z", [800.0, -800.0])
def test_saturated_sigmoid_is_finite(loss, z):
    """z = +-800 at a sigmoid output (and a saturated hidden unit) for both targets."""
    net = Network.create(
        [1, 1, 1], "sigmoid", "sigmoid", loss, use_bias=False, weights=[[[800.0]], [[z]]]
    )
    for target in (0.0, 1.0):
        x, t = [[1.0], [1.0], [2.0]], [[target]] * 3  # hidden unit saturated at 1 too
        trace = net.forward(x, t)
        grads = net.backward(trace, t)
        assert np.isfinite(trace.loss)
        assert all(np.all(np.isfinite(g)) for g in (*grads.weights, *grads.deltas))
        wrong = (z > 0) != (target > 0)
        if wrong and (loss == "binary_cross_entropy" or (loss, target) == ("cross_entropy", 1)):
            assert trace.loss > 100  # confidently wrong is punished, not NaN


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_huge_softmax_logits_are_finite(loss):
    net = Network.create(
        [2, 3],
        "sigmoid",
        "softmax",
        loss,
        weights=[[[1000.0, 0.0], [0.0, 1000.0], [-1000.0, -1000.0]]],
        biases=[[0.0, 0.0, 0.0]],
    )
    x = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]]
    t = np.eye(3)[[2, 0, 1, 2]]
    trace = net.forward(x, t)
    grads = net.backward(trace, t)
    assert np.isfinite(trace.loss)
    assert np.allclose(trace.outputs.sum(axis=1), 1.0)
    assert all(np.all(np.isfinite(g)) for g in (*grads.weights, *grads.biases, *grads.deltas))
    if loss == "cross_entropy":
        assert trace.loss > 100
