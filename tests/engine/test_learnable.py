"""Setups that cannot learn are refused with the reason; the article's own setup is not."""

import numpy as np
import pytest

from app.engine import EngineError, Network, builtin_dataset

XOR = builtin_dataset("xor")


def test_softmax_on_one_output_unit_is_refused():
    net = Network.create([2, 3, 1], "tanh", "softmax", "mse", seed=0)
    # why: p = 1 whatever z is, so E is constant and every gradient 0
    trace = net.forward(XOR.inputs, XOR.targets)
    np.testing.assert_array_equal(trace.outputs, 1.0)
    assert not np.any(net.backward(trace, XOR.targets).weights[0])
    with pytest.raises(EngineError) as refused:
        net.check_learnable(XOR.targets)
    assert refused.value.field == "output_activation" and "single output" in refused.value.message


@pytest.mark.parametrize("target", [0.0, 0.5])
def test_cross_entropy_on_a_sigmoid_output_refuses_targets_below_one(target):
    net = Network.create([1, 1, 1], "sigmoid", "sigmoid", "cross_entropy", seed=0)
    t = np.array([[1.0], [target]])
    with pytest.raises(EngineError) as refused:
        net.check_learnable(t)
    assert refused.value.field == "loss" and "binary_cross_entropy" in refused.value.message
    # the test split counts too
    with pytest.raises(EngineError):
        net.check_learnable(np.ones((2, 1)), t)


def test_a_target_of_zero_adds_nothing_to_the_cross_entropy_gradient():
    net = Network.create([1, 1, 1], "sigmoid", "sigmoid", "cross_entropy", seed=0)
    x, t = np.array([[10.0], [3.0]]), np.array([[1.0], [0.0]])
    both = net.backward(net.forward(x, t), t)
    alone = net.backward(net.forward(x[:1], t[:1]), t[:1])
    # the batch mean halves the one example's gradient: the target 0 added nothing
    np.testing.assert_allclose(both.weights[1], alone.weights[1] / 2)


@pytest.mark.parametrize(
    ("output", "loss", "layers", "targets"),
    [
        ("sigmoid", "cross_entropy", [1, 1, 1], [[1.0]]),  # the article: one output, d = 1
        ("sigmoid", "binary_cross_entropy", [2, 3, 1], XOR.targets),
        ("softmax", "cross_entropy", [2, 3, 3], np.eye(3)),
        ("softmax", "mse", [2, 3, 2], np.eye(2)),
        ("tanh", "mse", [2, 3, 1], XOR.targets),
    ],
)
def test_setups_that_learn_pass(output, loss, layers, targets):
    net = Network.create(layers, "tanh", output, loss, seed=0)
    net.check_learnable(np.asarray(targets), None)
